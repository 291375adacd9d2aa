/**
 * Playwright global setup of `npm run audit`: derives the config's probes, writes the manifest the
 * workers declare their tests from, and starts the visit service with this audit as its suite.
 */
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { SERVICE_ENV, SUITE_MODULE_ENV } from '../harness/service/client.ts';
import { spawnVisitService } from '../harness/service/spawn.ts';
import { AUDIT_MANIFEST_ENV, auditPlanFromEnv, writeAuditManifest } from './suite.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const plan = await auditPlanFromEnv();
  const manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-audit-')), 'manifest.json');
  writeAuditManifest(manifest, plan);
  process.env[AUDIT_MANIFEST_ENV] = manifest;
  const suiteModule = path.join(path.dirname(fileURLToPath(import.meta.url)), 'suite.ts');
  const service = await spawnVisitService({ ...process.env, [SUITE_MODULE_ENV]: suiteModule });
  process.env[SERVICE_ENV] = service.url;
  return async () => {
    await service.stop();
    fs.rmSync(path.dirname(manifest), { recursive: true, force: true });
  };
}
