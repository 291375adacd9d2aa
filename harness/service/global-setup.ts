/**
 * What every suite's Playwright global setup does (suites/conformance-setup.ts,
 * suites/audit-setup.ts): writes the suite's manifest (what workers need to declare the tests,
 * without loading the suite) to a temporary file and starts the visit service for the suite
 * module; both reach the workers through the environment. The returned function stops the
 * service and removes the manifest.
 */
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { SERVICE_ENV } from './client.ts';
import { spawnVisitService } from './spawn.ts';

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
  const service = await spawnVisitService(setup.suiteModule, process.env);
  process.env[SERVICE_ENV] = service.url;
  return async () => {
    await service.stop();
    fs.rmSync(path.dirname(manifest), { recursive: true, force: true });
  };
}
