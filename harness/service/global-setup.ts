/**
 * What every suite's Playwright global setup does (suites/conformance-setup.ts,
 * suites/audit-setup.ts): writes the suite's manifest (what workers need to declare the tests,
 * without loading the suite) to a temporary file and starts the visit service for the suite
 * module (unless a command started it ahead of Playwright: early-service.ts); both reach the
 * workers through the environment. The returned function stops the service it started and
 * removes the manifest.
 */
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { SERVICE_ENV } from './client.ts';
import { spawnVisitService } from './spawn.ts';
import { earlyServiceUrl } from './early-service.ts';

export interface SuiteSetup {
  /** The module whose serviceSuite() the service runs (suite.ts). */
  suiteModule: string;
  /** The variable naming the manifest file for the workers. */
  manifestEnv: string;
  writeManifest(file: string): void;
  /** Prefix of the temporary folder holding the manifest. */
  tmpPrefix: string;
}

export async function startSuiteService(setup: SuiteSetup): Promise<() => Promise<void>> {
  const manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), setup.tmpPrefix)), 'manifest.json');
  setup.writeManifest(manifest);
  process.env[setup.manifestEnv] = manifest;
  const removeManifest = () => fs.rmSync(path.dirname(manifest), { recursive: true, force: true });
  // Started ahead of Playwright by the command (early-service.ts), which also stops it.
  const early = await earlyServiceUrl();
  if (early) {
    process.env[SERVICE_ENV] = early;
    return async () => removeManifest();
  }
  const service = await spawnVisitService(setup.suiteModule, process.env);
  process.env[SERVICE_ENV] = service.url;
  return async () => {
    await service.stop();
    removeManifest();
  };
}
