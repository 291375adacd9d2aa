/**
 * `originproof audit --config FILE [--junit [FILE]] [--out DIR] [playwright options]` (and
 * `npm run audit -- …` in this repository): checks your own server's origin boundary in every
 * engine. Validates the config first (a mistake is named with its field and the run never starts:
 * exit 2), checks @playwright/test and the engines (exit 2 / 1 with the command that fixes it), then
 * runs Playwright with this package's audit config: 0 when every intent holds in every engine, 1
 * when any is broken, inconclusive or could not be judged, 2 when the run reached no verdict at
 * all (audit/runnable.ts: the server would not start, Playwright stopped at load). Paths are
 * the caller's: the config, --out (default audit-report/) and --junit (default <out>/junit.xml, for
 * CI systems) are relative to the folder the command was started in. Other options go to
 * Playwright (--project firefox, --grep @reads-0, --workers 1, …).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_NAMES, type EngineName } from '../engines/engine.ts';
import { AuditConfigError } from '../audit/config.ts';
import { AUDIT_CANNOT_RUN, auditExitCode, checkAuditConfig } from '../audit/runnable.ts';
import { AUDIT_CONFIG_ENV } from '../suites/audit.ts';
import { ensureEngines } from './ensure-engines.ts';
import { ownFile, playwrightTest, requirePlaywrightPeer } from './lib/playwright-cli.ts';

export const AUDIT_USAGE = 'usage: originproof audit --config originproof.config.ts [--out DIR] [--junit [FILE]] [playwright test options]';

interface AuditArgs {
  config?: string;
  out?: string;
  junit?: string | true;
  rest: string[];
}

/** `--name VALUE` or `--name=VALUE`; a bare flag (next word missing or an option) when optional. */
export function parseAuditArgs(argv: string[]): AuditArgs {
  const out: AuditArgs = { rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const next = () => inline ?? (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') ? argv[++i] : undefined);
    if (name === '--config') out.config = next();
    else if (name === '--out') out.out = next();
    else if (name === '--junit') out.junit = next() ?? true;
    else out.rest.push(a);
  }
  return out;
}

/** The engines a `--project` selection names (all three when none). */
function requestedEngines(args: string[]): EngineName[] {
  const picked = args.flatMap((a, i) => (a.startsWith('--project=') ? [a.slice(10)] : a === '--project' ? [args[i + 1]] : []));
  const engines = ENGINE_NAMES.filter((e) => picked.includes(e));
  return engines.length ? engines : ENGINE_NAMES;
}

/** Runs the audit for a command started in `cwd`; returns the exit code. */
export async function runAudit(argv: string[], cwd: string): Promise<number> {
  const args = parseAuditArgs(argv);
  if (!args.config) {
    console.error(`originproof audit: name your config: ${AUDIT_USAGE} (\`originproof init\` writes a starter one)`);
    return 2;
  }
  const file = path.resolve(cwd, args.config);
  if (!fs.existsSync(file)) {
    console.error(`originproof audit: no config at ${file} (\`originproof init\` writes a starter one)`);
    return 2;
  }
  try {
    await checkAuditConfig(file);
  } catch (e) {
    console.error(e instanceof AuditConfigError ? e.message : `originproof audit: ${(e as Error).message}`);
    return AUDIT_CANNOT_RUN;
  }
  requirePlaywrightPeer();
  ensureEngines(requestedEngines(args.rest), 2);
  const out = path.resolve(cwd, args.out ?? process.env.ORIGINPROOF_AUDIT_OUT ?? 'audit-report');
  const junit = args.junit === true ? path.join(out, 'junit.xml') : args.junit && path.resolve(cwd, args.junit);
  const startedAt = Date.now();
  const r = playwrightTest(['--config', ownFile('playwright.audit.config'), ...args.rest], {
    cwd,
    env: { ...process.env, [AUDIT_CONFIG_ENV]: file, ORIGINPROOF_AUDIT_OUT: out, ...(junit ? { ORIGINPROOF_AUDIT_JUNIT: junit } : {}) },
  });
  const code = auditExitCode(r.status, out, startedAt);
  if (code === AUDIT_CANNOT_RUN)
    console.error(`originproof audit: the audit could not run (no verdict was reached; see the output above): exit ${AUDIT_CANNOT_RUN}`);
  return code;
}

// `npm run audit` starts in the repository; a relative path is relative to where npm was started.
if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1]))
  process.exit(await runAudit(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd()));
