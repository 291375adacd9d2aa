/**
 * Whether a config can be run at all, apart from whether its intents hold: an audit that cannot
 * run ends with its own exit code, never with a verdict's. 0: every intent holds; 1: an intent is
 * broken, inconclusive or could not be judged; 2: the audit could not run (a config mistake, named
 * with its field, or a run that produced no verdict at all: the server would not start, an engine
 * is missing, Playwright stopped at load).
 */
import fs from 'node:fs';
import path from 'node:path';
import { planVisits } from '../harness/plan/planner.ts';
import { clearExtraOrigins } from '../protocol/origins.ts';
import { AuditConfigError, loadAuditConfig } from './config.ts';
import { deriveAudit } from './derive.ts';

export const AUDIT_CANNOT_RUN = 2;

/** Loads, validates and derives the config as a run would, planning its visits; any failure is an AuditConfigError. */
export async function checkAuditConfig(file: string): Promise<void> {
  const config = await loadAuditConfig(file);
  try {
    planVisits(deriveAudit(config).scenarios);
  } catch (e) {
    throw new AuditConfigError(config.file, '(the config)', `cannot be turned into probes: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    clearExtraOrigins();
  }
}

/** The audit report a run writes once it has verdicts (reporters/audit-reporter.ts). */
export function auditReportFile(outDir: string): string {
  return path.join(outDir, 'audit.json');
}

/**
 * The exit code of a finished run: Playwright's when the run produced verdicts (0 or 1), else
 * AUDIT_CANNOT_RUN. `startedAt`: when the run began (an older report is a previous run's).
 */
export function auditExitCode(playwrightStatus: number | null, outDir: string, startedAt: number): number {
  if (playwrightStatus === 0) return 0;
  const report = auditReportFile(outDir);
  const fresh = fs.existsSync(report) && fs.statSync(report).mtimeMs >= startedAt - 1000;
  return fresh ? 1 : AUDIT_CANNOT_RUN;
}
