/**
 * `npm run audit -- --config FILE [playwright options]`: checks your own server's origin boundary
 * in every engine (issue 15). Validates the config first (a mistake is named with its field and
 * the run never starts: exit 2), then runs Playwright with playwright.audit.config.ts; the exit
 * code is Playwright's: 0 when every intent holds in every engine, 1 when any is broken,
 * inconclusive or could not be judged. Other options go to Playwright (--project firefox,
 * --grep @reads-0, --workers 1, …).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { AuditConfigError, loadAuditConfig } from '../audit/config.ts';
import { AUDIT_CONFIG_ENV } from '../suites/audit.ts';

const args = process.argv.slice(2);
const at = args.findIndex((a) => a === '--config' || a.startsWith('--config='));
const given = at < 0 ? undefined : args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
// npm runs scripts from the package root; a relative path is relative to where npm was started.
const file = given && path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
if (!file) {
  console.error('originproof audit: name your config: npm run audit -- --config originproof.config.ts (see README, "Check your own server")');
  process.exit(2);
}
const rest = args.filter((_, i) => i !== at && !(i === at + 1 && !args[at].includes('=')));
try {
  await loadAuditConfig(file);
} catch (e) {
  console.error(e instanceof AuditConfigError ? e.message : `originproof audit: ${(e as Error).message}`);
  process.exit(2);
}
const r = spawnSync('npx', ['playwright', 'test', '--config', 'playwright.audit.config.ts', ...rest], {
  stdio: 'inherit',
  cwd: path.resolve(import.meta.dirname, '..'),
  env: { ...process.env, [AUDIT_CONFIG_ENV]: file },
});
process.exit(r.status ?? 1);
