/**
 * `npm run bench`: where the time goes, per engine, in one run — and the same for a baseline
 * revision, as a ratio. For each tree (this checkout, and `--baseline REV` checked out in a
 * temporary worktree) and each engine:
 *  - suite: `playwright test --project <engine>` as a user runs it: wall time, scenarios/s, and
 *    CPU seconds of its whole process tree (browsers vs the harness's Node processes);
 *  - kinds: CPU seconds per scenario of the browser's process tree, split by probe kind
 *    (scripts/bench-kinds.ts: visits planned per kind, one at a time).
 * CPU seconds are the figure to compare on a noisy machine; wall time is reported beside them.
 * Writes results/bench.json and results/bench.md.
 *
 *   npm run bench -- [--engines chromium,firefox,webkit] [--baseline REV] [--limit N per kind]
 *                    [--skip suite|kinds] [--grep RE] [--kinds k1,k2] [--fault SPEC] [--out results/bench.json]
 * --kinds narrows the kinds phase to those probe kinds (e.g. partition,storage-access).
 * --grep narrows the suite phase to a selection. --fault SPEC (see servers/fixture/fault.ts, e.g.
 * drop-header:access-control-allow-origin) runs the selection a second time with that fault
 * injected into the fixture server and reports its time per test against the passing run: a
 * failing verdict must not cost more than a passing one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENGINE_NAMES, type EngineName } from '../engines/engine.ts';
import { writeAtomic } from '../harness/judge/results.ts';
import { measureCommand } from './lib/measure-command.ts';
import { benchLine, benchMatrix } from './bench-matrix.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const engines = option('engines', ENGINE_NAMES.join(',')).split(',') as EngineName[];
const baselineRev = option('baseline', '');
const limit = option('limit', '0');
const skip = option('skip', '');
const grep = option('grep', '');
const fault = option('fault', '');
const onlyKinds = option('kinds', '');
const out = path.resolve(option('out', path.join(root, 'results', 'bench.json')));
for (const e of engines) if (!ENGINE_NAMES.includes(e)) throw new Error(`bench: unknown engine ${e} (use ${ENGINE_NAMES.join(', ')})`);

/** A worktree of REV beside the checkout, with node_modules shared when the lock files agree. */
function checkoutBaseline(rev: string): { dir: string; commit: string; remove: () => void } {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `originproof-baseline-${commit.slice(0, 8)}-`));
  execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: root, stdio: 'ignore' });
  const sameLock = fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8') === fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8');
  if (sameLock) fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  else if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' }).status !== 0) throw new Error(`bench: npm ci failed in ${dir}`);
  return { dir, commit, remove: () => execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'ignore' }) };
}

interface KindRow {
  kind: string;
  scenarios: number;
  wallSeconds: number;
  browserCpuSeconds: number;
  harnessCpuSeconds: number;
}
interface EngineBench {
  engine: EngineName;
  suite?: {
    scenarios: number;
    wallSeconds: number;
    scenariosPerSecond: number;
    cpuSeconds: number;
    browserCpuSeconds: number;
    nodeCpuSeconds: number;
    browserCpuPerScenario: number;
    verdicts: Record<string, number>;
    exitCode: number;
  };
  kinds?: { browser: string; rows: KindRow[]; browserCpuPerScenario: number };
  fault?: {
    spec: string;
    tests: number;
    failingShare: number;
    wallSeconds: number;
    secondsPerTest: number;
    passingSecondsPerTest: number;
    ratio: number;
    browserCpuPerTest: number;
    visitTests: number;
    failingVisitShare: number;
    secondsPerVisitTest: number;
    passingSecondsPerVisitTest: number;
  };
}

async function suiteRun(dir: string, engine: EngineName, resultsFile: string, label: string, withFault = '') {
  console.log(`bench [${label}] ${engine}: suite${grep ? ` --grep ${grep}` : ''}${withFault ? ` with fault ${withFault}` : ''}…`);
  const env = { ...process.env, ORIGINPROOF_RESULTS: resultsFile, ORIGINPROOF_INJECT_FAULT: withFault };
  // The visit-plan reporter as in playwright.config.ts: without it the service starts each visit only when a
  // test asks, so every worker restart after a failed test stalls the run (a run as a user runs it has it).
  const reporters = 'dot,./reporters/results-reporter.ts,./reporters/visit-plan-reporter.ts';
  const args = ['playwright', 'test', '--project', engine, `--reporter=${reporters}`, ...(grep ? ['--grep', grep] : [])];
  const cost = await measureCommand('npx', args, env, true, dir);
  const file = [resultsFile, resultsFile.replace(/\.json$/, '.partial.json')].find((f) => fs.existsSync(f));
  const rows: Array<{ verdict: string; visit?: { page?: string } }> = file ? JSON.parse(fs.readFileSync(file, 'utf8')).rows : [];
  const verdicts: Record<string, number> = {};
  for (const r of rows) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  return { cost, rows, verdicts };
}

async function benchTree(dir: string, label: string): Promise<EngineBench[]> {
  const results: EngineBench[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `originproof-bench-${label}-`));
  for (const engine of engines) {
    const row: EngineBench = { engine };
    if (skip !== 'suite') {
      const { cost, rows, verdicts } = await suiteRun(dir, engine, path.join(tmp, `${engine}.json`), label);
      if (fault && label === 'current') {
        const faulty = await suiteRun(dir, engine, path.join(tmp, `${engine}-fault.json`), `${label}, fault ${fault}`, fault);
        const failing = faulty.rows.filter((r) => !['pass', 'known-deviation'].includes(r.verdict)).length;
        // A visit test fails when any of its rows does; its page URL (unique per visit key) names it.
        const visitsOf = (rs: typeof rows) => new Set(rs.map((r) => r.visit?.page ?? ''));
        const failingVisits = visitsOf(faulty.rows.filter((r) => !['pass', 'known-deviation'].includes(r.verdict))).size;
        const visits = visitsOf(faulty.rows).size;
        const perTest = cost.wallSeconds / Math.max(1, rows.length);
        const faultyPerTest = faulty.cost.wallSeconds / Math.max(1, faulty.rows.length);
        row.fault = {
          spec: fault,
          tests: faulty.rows.length,
          failingShare: +(failing / Math.max(1, faulty.rows.length)).toFixed(3),
          wallSeconds: +faulty.cost.wallSeconds.toFixed(1),
          secondsPerTest: +faultyPerTest.toFixed(3),
          passingSecondsPerTest: +perTest.toFixed(3),
          ratio: +(faultyPerTest / perTest).toFixed(2),
          browserCpuPerTest: +(faulty.cost.browserCpuSeconds / Math.max(1, faulty.rows.length)).toFixed(3),
          visitTests: visits,
          failingVisitShare: +(failingVisits / Math.max(1, visits)).toFixed(3),
          secondsPerVisitTest: +(faulty.cost.wallSeconds / Math.max(1, visits)).toFixed(3),
          passingSecondsPerVisitTest: +(cost.wallSeconds / Math.max(1, visitsOf(rows).size)).toFixed(3),
        };
        console.log(`bench [${label}] ${engine}: fault ${JSON.stringify(row.fault)}`);
      }
      row.suite = {
        scenarios: rows.length,
        wallSeconds: +cost.wallSeconds.toFixed(1),
        scenariosPerSecond: +(rows.length / cost.wallSeconds).toFixed(2),
        cpuSeconds: +cost.cpuSeconds.toFixed(1),
        browserCpuSeconds: +cost.browserCpuSeconds.toFixed(1),
        nodeCpuSeconds: +cost.nodeCpuSeconds.toFixed(1),
        browserCpuPerScenario: +(cost.browserCpuSeconds / Math.max(1, rows.length)).toFixed(3),
        verdicts,
        exitCode: cost.exitCode,
      };
      console.log(`bench [${label}] ${engine}: ${JSON.stringify(row.suite)}`);
    }
    if (skip !== 'kinds') {
      const kindsFile = path.join(tmp, `${engine}-kinds.json`);
      const env = {
        ...process.env,
        ORIGINPROOF_BENCH_CPU_MODULE: pathToFileURL(path.join(root, 'scripts/lib/cpu.ts')).href,
        ...(onlyKinds ? { ORIGINPROOF_BENCH_KINDS: onlyKinds } : {}),
      };
      const r = spawnSync('npx', ['tsx', path.join(root, 'scripts/bench-kinds.ts'), engine, limit, kindsFile], { cwd: dir, env, stdio: 'inherit' });
      if (r.status !== 0 || !fs.existsSync(kindsFile)) throw new Error(`bench: the per-kind measurement of ${engine} in ${dir} failed (exit ${r.status})`);
      const k = JSON.parse(fs.readFileSync(kindsFile, 'utf8')) as { browser: string; rows: KindRow[] };
      const n = k.rows.reduce((a, x) => a + x.scenarios, 0);
      const cpu = k.rows.reduce((a, x) => a + x.browserCpuSeconds, 0);
      row.kinds = {
        browser: k.browser,
        rows: k.rows.map(({ kind, scenarios, wallSeconds, browserCpuSeconds, harnessCpuSeconds }) => ({
          kind,
          scenarios,
          wallSeconds,
          browserCpuSeconds,
          harnessCpuSeconds,
        })),
        browserCpuPerScenario: +(cpu / Math.max(1, n)).toFixed(3),
      };
    }
    results.push(row);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return results;
}

const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const current = await benchTree(root, 'current');
let baseline: { commit: string; engines: EngineBench[] } | undefined;
if (baselineRev) {
  const b = checkoutBaseline(baselineRev);
  try {
    baseline = { commit: b.commit, engines: await benchTree(b.dir, 'baseline') };
  } finally {
    b.remove();
  }
}

const ratio = (a?: number, b?: number) => (a !== undefined && b ? +(a / b).toFixed(2) : null);
const md: string[] = [
  `# originproof bench — ${new Date().toISOString()}`,
  '',
  `current: ${head.slice(0, 12)}${baseline ? `, baseline: ${baseline.commit.slice(0, 12)}` : ''}; CPU-s = CPU seconds of the browser's process tree; ratio = current / baseline`,
  '',
];
md.push(
  '| engine | scenarios | wall s | scenarios/s | browser CPU-s / scenario | harness CPU-s | baseline wall s | baseline CPU-s / scenario | CPU ratio | wall ratio |',
  '|---|---|---|---|---|---|---|---|---|---|',
);
for (const c of current) {
  const b = baseline?.engines.find((x) => x.engine === c.engine);
  md.push(
    `| ${c.engine} | ${c.suite?.scenarios ?? ''} | ${c.suite?.wallSeconds ?? ''} | ${c.suite?.scenariosPerSecond ?? ''} | ${c.suite?.browserCpuPerScenario ?? ''} | ${c.suite?.nodeCpuSeconds ?? ''} | ${b?.suite?.wallSeconds ?? ''} | ${b?.suite?.browserCpuPerScenario ?? ''} | ${ratio(c.suite?.browserCpuPerScenario, b?.suite?.browserCpuPerScenario) ?? ''} | ${ratio(c.suite?.wallSeconds, b?.suite?.wallSeconds) ?? ''} |`,
  );
}
if (fault) {
  md.push('', `Failing run (fault \`${fault}\`${grep ? `, --grep ${grep}` : ''}): time per test against the passing run of the same selection`, '');
  md.push(
    '| engine | rows | failing rows | visit tests | failing visits | s / visit test (passing) | s / visit test (failing) | ratio |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const c of current)
    if (c.fault)
      md.push(
        `| ${c.engine} | ${c.fault.tests} | ${(c.fault.failingShare * 100).toFixed(0)} % | ${c.fault.visitTests} | ${(c.fault.failingVisitShare * 100).toFixed(0)} % | ${c.fault.passingSecondsPerVisitTest} | ${c.fault.secondsPerVisitTest} | ${c.fault.ratio} |`,
      );
}
md.push('', '| engine | probe kind | scenarios | browser CPU-s / scenario | baseline | ratio |', '|---|---|---|---|---|---|');
for (const c of current) {
  const b = baseline?.engines.find((x) => x.engine === c.engine);
  for (const k of c.kinds?.rows ?? []) {
    const bk = b?.kinds?.rows.find((x) => x.kind === k.kind);
    const per = k.browserCpuSeconds / Math.max(1, k.scenarios);
    const bper = bk ? bk.browserCpuSeconds / Math.max(1, bk.scenarios) : undefined;
    md.push(`| ${c.engine} | ${k.kind} | ${k.scenarios} | ${per.toFixed(3)} | ${bper?.toFixed(3) ?? ''} | ${ratio(per, bper) ?? ''} |`);
  }
}
// The report a person opens after a full run: its size and time to usable in Chromium.
const matrix = await benchMatrix();
md.push('', `Matrix page: ${benchLine(matrix)}`);
writeAtomic(
  out,
  JSON.stringify({ date: new Date().toISOString(), commit: head, machine: { cpus: os.availableParallelism() }, current, baseline, matrix }, null, 1),
);
writeAtomic(out.replace(/\.json$/, '.md'), md.join('\n') + '\n');
console.log(md.join('\n'));
console.log(`bench: ${out}`);
