/**
 * Proves that sharding changes no verdict and runs every visit once. Runs the selection once
 * unsharded (the normal configuration), then each engine split into N shards with exactly the
 * commands the CI jobs run (scripts/ci.ts: shard → blob report, merge → results + matrix), and
 * compares verdicts engine × scenario, and the visits executed: in the merged shards each visit
 * (engine × visit key) must have exactly one visit id, and as many visits must run as unsharded.
 * Exit 0 when identical; otherwise exit 1 listing the differences.
 *   npx tsx scripts/shard-check.ts [--grep sop/origin] [--project chromium ...] [--shards 3] [--keep]
 * Defaults: --grep sop/origin, all three engines, 3 shards. Work files go to a temp directory
 * (kept with --keep, or when the check fails).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENGINE_NAMES, type EngineName } from '../engines/engine.ts';
import { readResultsFile } from '../reporters/matrix/collect.ts';
import { compareResults } from '../reporters/matrix/compare.ts';
import { mergeStep, runStep, shardStep, type CiStep } from './ci.ts';
import type { ResultsFile } from '../harness/judge/results.ts';

/** Engine × visit key → the visit ids that executed it (a key is the visit id's middle part). */
function visitsRun(file: ResultsFile): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of file.rows) {
    if (!r.visit?.id) continue;
    const key = `${r.engine}|${r.visit.id.split('-').slice(1, -1).join('-')}`;
    out.set(key, (out.get(key) ?? new Set()).add(r.visit.attempts?.at(-1) ?? r.visit.id));
  }
  return out;
}

function arg(argv: string[], name: string): string[] {
  return argv.flatMap((a, i) => (a === name && argv[i + 1] ? [argv[i + 1]] : a.startsWith(`${name}=`) ? [a.slice(name.length + 1)] : []));
}

function playwright(step: CiStep, env: NodeJS.ProcessEnv, log: string): number {
  const t0 = Date.now();
  console.log(
    `$ ${Object.entries(step.env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')} npx playwright ${step.args.join(' ')}`,
  );
  const r = runStep(step, env, 'pipe');
  fs.writeFileSync(log, `${r.stdout ?? ''}\n--- stderr ---\n${r.stderr ?? ''}`);
  const tail = (r.stdout ?? '')
    .trim()
    .split('\n')
    .filter((l) => /passed|failed|flaky|skipped|did not run|originproof|run:/.test(l))
    .slice(-6);
  for (const l of tail) console.log(`    ${l.trim()}`);
  console.log(`    exit ${r.status} in ${((Date.now() - t0) / 1000).toFixed(0)} s (log: ${log})`);
  return r.status ?? 1;
}

/** What differs between the unsharded run and the merged shards: results, visits run, the merged matrix. */
function differences({ unsharded, merged, blobs, matrixDir, projects, shards }: RunFiles): string[] {
  const problems: string[] = [];
  if (!fs.existsSync(unsharded)) problems.push('the unsharded run wrote no results');
  if (!fs.existsSync(merged)) problems.push('merge-reports wrote no results (results-reporter over merged blobs)');
  for (const f of ['matrix.html', 'matrix.md', ...projects.map((p) => `wptreport-${p}.json`)]) {
    if (!fs.existsSync(path.join(matrixDir, f))) problems.push(`merge-reports wrote no ${f} (matrix-reporter over merged blobs)`);
  }
  if (!problems.length) {
    const a = readResultsFile(unsharded);
    const b = readResultsFile(merged);
    const c = compareResults(a, b);
    console.log(`\nunsharded: ${a.rows.length} results; ${shards} shards merged: ${b.rows.length} results`);
    for (const r of c.changed)
      problems.push(`${r.id} [${r.engine}]: unsharded ${r.old}, sharded ${r.new}${r.observedDiff.length ? ` (${r.observedDiff.join('; ')})` : ''}`);
    for (const r of c.added) problems.push(`${r.id} [${r.engine}]: only in the sharded run (${r.verdict})`);
    for (const r of c.removed) problems.push(`${r.id} [${r.engine}]: missing from the sharded run (unsharded: ${r.verdict})`);
    if (!a.rows.length) problems.push('the selection matched no scenario');
    const perShard = projects.map(
      (e) => `${e}: ${Array.from({ length: shards }, (_, i) => (fs.existsSync(path.join(blobs, `report-${e}-${i + 1}.zip`)) ? 1 : 0)).join('+')}`,
    );
    console.log(
      `blob reports: ${perShard.join(', ')}; verdicts identical for ${c.unchanged + c.observationOnly.length} of ${a.rows.length}; observations that differ under the same verdict: ${c.observationOnly.length}`,
    );
    const va = visitsRun(a);
    const vb = visitsRun(b);
    const twice = [...vb].filter(([, ids]) => ids.size > 1);
    console.log(`visits executed: unsharded ${va.size}, ${shards} shards merged ${vb.size}; visits executed more than once across shards: ${twice.length}`);
    for (const [key, ids] of twice) problems.push(`visit ${key} ran ${ids.size} times across shards (${[...ids].join(', ')})`);
    if (va.size !== vb.size) problems.push(`unsharded run executed ${va.size} visits, the merged shards ${vb.size}`);
    const html = fs.readFileSync(path.join(matrixDir, 'matrix.html'), 'utf8');
    // The page renders rows on demand from the data it carries (reporters/matrix/html.ts): count the scenarios there.
    const data = /<script type="application\/json" id="op-data">([\s\S]*?)<\/script>/.exec(html)?.[1];
    const inPage = data ? ((JSON.parse(data) as { scen?: unknown[] }).scen ?? []).length : 0;
    const scenarios = new Set(b.rows.map((r) => r.id)).size;
    if (inPage !== scenarios) problems.push(`merged matrix.html carries ${inPage} scenarios, the merged results ${scenarios}`);
  }
  return problems;
}

interface RunFiles {
  unsharded: string;
  merged: string;
  blobs: string;
  matrixDir: string;
  projects: string[];
  shards: number;
}

function main(argv: string[]): number {
  const grep = arg(argv, '--grep')[0] ?? 'sop/origin';
  const projects = arg(argv, '--project').length ? arg(argv, '--project') : ENGINE_NAMES;
  const shards = Number(arg(argv, '--shards')[0] ?? 3);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-shard-check-'));
  const sel = [...projects.flatMap((p) => ['--project', p]), '--grep', grep];
  console.log(`shard check: ${projects.join(', ')} × "${grep}", unsharded vs ${shards} shards merged; work dir ${tmp}`);

  const unsharded = path.join(tmp, 'unsharded.json');
  playwright(
    { args: ['test', ...sel, '--reporter=./reporters/results-reporter.ts'], env: {} },
    { ORIGINPROOF_RESULTS: unsharded },
    path.join(tmp, 'unsharded.log'),
  );

  // As in CI: each job writes its own blob folder (Playwright's blob reporter empties the folder it
  // writes to), and the merge job gathers every job's report into one folder.
  const blobs = path.join(tmp, 'blobs');
  fs.mkdirSync(blobs, { recursive: true });
  for (const engine of projects) {
    for (let i = 1; i <= shards; i++) {
      const jobBlobs = path.join(tmp, `blob-report-${engine}-${i}`);
      playwright(
        shardStep(engine as EngineName, i, shards, jobBlobs, grep),
        { ORIGINPROOF_RESULTS: path.join(tmp, `shard-${engine}-${i}.json`) },
        path.join(tmp, `shard-${engine}-${i}.log`),
      );
      for (const f of fs.existsSync(jobBlobs) ? fs.readdirSync(jobBlobs) : [])
        if (f.endsWith('.zip')) fs.copyFileSync(path.join(jobBlobs, f), path.join(blobs, f));
    }
  }

  const merged = path.join(tmp, 'merged.json');
  const matrixDir = path.join(tmp, 'merged-matrix');
  playwright(
    mergeStep(blobs),
    { ORIGINPROOF_RESULTS: merged, ORIGINPROOF_MATRIX_DIR: matrixDir, GITHUB_STEP_SUMMARY: '', PLAYWRIGHT_HTML_OUTPUT_DIR: path.join(tmp, 'html') },
    path.join(tmp, 'merge.log'),
  );

  const problems = differences({ unsharded, merged, blobs, matrixDir, projects, shards });
  if (problems.length) {
    console.log(`\nSHARD CHECK FAILED (${problems.length}):`);
    for (const p of problems) console.log(`  ${p}`);
    console.log(`work files kept in ${tmp}`);
    return 1;
  }
  console.log(`\nSHARD CHECK PASSED: identical verdicts unsharded and in ${shards} merged shards; merged matrix in ${matrixDir}`);
  if (!argv.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`work files kept in ${tmp}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
