/**
 * Playwright global setup of `npm run audit`: derives the config's probes, writes the manifest the
 * workers declare their tests from, and starts the visit service with this audit as its suite.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSuiteService } from '../harness/service/global-setup.ts';
import { AUDIT_MANIFEST_ENV, auditPlanFromEnv, writeAuditManifest } from './audit.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const plan = await auditPlanFromEnv();
  const here = fileURLToPath(import.meta.url);
  const suiteModule = path.join(path.dirname(here), `audit${path.extname(here)}`);
  return startSuiteService({
    suiteModule,
    manifestEnv: AUDIT_MANIFEST_ENV,
    writeManifest: (file) => writeAuditManifest(file, plan),
    tmpPrefix: 'originproof-audit-',
  });
}
