/**
 * Running Playwright for a command: the @playwright/test this package resolves (the project's own
 * copy when originproof is installed as a package, so one copy per process), checked first, and
 * the package's own Playwright configs with the extension this module runs with (.ts from source,
 * .js from the package).
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { playwrightPeerProblem } from '../../engines/playwright-peer.ts';

const here = fileURLToPath(import.meta.url);

/** The package's root folder (the repository from source, dist/ in the installed package). */
export const PACKAGE_ROOT = path.resolve(path.dirname(here), '..', '..');

/** `name` with this module's extension: a file of the package that exists from source and compiled. */
export function ownFile(...parts: string[]): string {
  return path.join(PACKAGE_ROOT, ...parts.slice(0, -1), `${parts[parts.length - 1]}${path.extname(here)}`);
}

/** Exits with the peer problem's message (exit 2) when the project's @playwright/test cannot be used. */
export function requirePlaywrightPeer(): void {
  const problem = playwrightPeerProblem(import.meta.url);
  if (!problem) return;
  console.error(problem);
  process.exit(2);
}

/** `playwright test ARGS` with the project's @playwright/test, in `cwd`, output inherited. */
export function playwrightTest(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<Buffer> {
  return spawnSync(process.execPath, testCommand(args), { stdio: 'inherit', cwd: opts.cwd, env: opts.env ?? process.env });
}

/** The node arguments of `playwright test ARGS`, once the peer is checked. */
function testCommand(args: string[]): string[] {
  requirePlaywrightPeer();
  return [createRequire(import.meta.url).resolve('@playwright/test/cli'), 'test', ...args];
}

/** The same, without blocking this process (it has children of its own to serve meanwhile): resolves with the exit status. */
export function playwrightTestAsync(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  const child = spawn(process.execPath, testCommand(args), { stdio: 'inherit', env: opts.env ?? process.env });
  return new Promise((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
