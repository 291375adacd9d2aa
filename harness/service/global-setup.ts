/**
 * Playwright global setup of the conformance suite: writes the suite manifest (what workers
 * need to declare the tests, without loading the catalog) and starts the visit service as a
 * child process; both reach the workers through the environment. The returned function stops
 * the service and removes the manifest.
 */
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { SERVICE_ENV } from './client.ts';
import { spawnVisitService } from './spawn.ts';
import { writeManifest } from '../suite.ts';
import { MANIFEST_ENV } from '../suite-manifest.ts';
import { parsingRequested } from '../../scenarios/parsing/index.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  // Whether the run includes the parsing area: decided here, from Playwright's command line, and
  // passed on in the environment the service inherits (the manifest lists its visits).
  parsingRequested();
  const manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-suite-')), 'manifest.json');
  writeManifest(manifest);
  process.env[MANIFEST_ENV] = manifest;
  const service = await spawnVisitService(process.env);
  process.env[SERVICE_ENV] = service.url;
  return async () => {
    await service.stop();
    fs.rmSync(path.dirname(manifest), { recursive: true, force: true });
  };
}
