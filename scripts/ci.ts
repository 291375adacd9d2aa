/**
 * The commands the CI workflow's jobs run, defined once: the workflow calls them, and
 * `npm run shard-check` calls exactly the same functions, so what it proves is what CI does.
 *
 *   tsx scripts/ci.ts shard <engine> <i> <n> [--grep RE]   one engine's shard i/n → blob report
 *   tsx scripts/ci.ts merge <blob dir>                       blobs → HTML report, results, matrix
 *
 * A shard job uses Playwright's own build of its engine when ORIGINPROOF_CI_FLAVOUR=playwright
 * (GitHub Actions, after `npx playwright install --with-deps`), forced so a job can never
 * silently judge some other installed browser.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_NAMES, type EngineName } from '../engines/engine.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface CiStep {
  args: string[];
  env: Record<string, string>;
}

export function shardStep(engine: EngineName, shard: number, total: number, blobDir: string, grep?: string): CiStep {
  const flavour = process.env.ORIGINPROOF_CI_FLAVOUR ?? '';
  return {
    args: ['test', '--project', engine, `--shard=${shard}/${total}`, '--reporter=blob', ...(grep ? ['--grep', grep] : [])],
    env: {
      [`ORIGINPROOF_${engine.toUpperCase()}`]: flavour,
      PLAYWRIGHT_BLOB_OUTPUT_DIR: blobDir,
      PLAYWRIGHT_BLOB_OUTPUT_NAME: `report-${engine}-${shard}.zip`,
    },
  };
}

export function mergeStep(blobDir: string): CiStep {
  return {
    args: ['merge-reports', '--reporter=list,html,./reporters/results-reporter.ts,./reporters/matrix-reporter.ts', blobDir],
    env: { PLAYWRIGHT_HTML_OPEN: 'never' },
  };
}

export function runStep(step: CiStep, extraEnv: NodeJS.ProcessEnv = {}, stdio: 'inherit' | 'pipe' = 'inherit') {
  return spawnSync('npx', ['playwright', ...step.args], {
    cwd: root,
    env: { ...process.env, ...step.env, ...extraEnv },
    stdio,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [cmd, ...rest] = process.argv.slice(2);
  const grepAt = rest.indexOf('--grep');
  const grep = grepAt >= 0 ? rest[grepAt + 1] : undefined;
  let step: CiStep;
  if (cmd === 'shard') {
    const [engine, i, n] = rest;
    if (!ENGINE_NAMES.includes(engine as EngineName) || !(Number(i) >= 1) || !(Number(n) >= Number(i))) {
      console.error('usage: tsx scripts/ci.ts shard <chromium|firefox|webkit> <i> <n> [--grep RE]');
      process.exit(2);
    }
    step = shardStep(engine as EngineName, Number(i), Number(n), 'blob-report', grep);
  } else if (cmd === 'merge' && rest[0]) {
    step = mergeStep(rest[0]);
  } else {
    console.error('usage: tsx scripts/ci.ts shard <engine> <i> <n> [--grep RE] | merge <blob dir>');
    process.exit(2);
  }
  process.exit(runStep(step).status ?? 1);
}
