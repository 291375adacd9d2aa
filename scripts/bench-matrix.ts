/**
 * The matrix page of a full-catalog run: its size and how soon it is usable in Chromium.
 *   npx tsx scripts/bench-matrix.ts [results.json] [--out results/bench-matrix.json]
 * The results file is the argument, else ORIGINPROOF_FULL_RUN, else results/conformance.json when
 * it covers the whole catalog, else a synthetic full-catalog run (reporters/matrix/synthetic.ts,
 * said so in the output). `npm run bench` includes this figure. Launches Chromium: run it under
 * the browser lock on a shared machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultsFile } from '../harness/judge/results.ts';
import { writeAtomic } from '../harness/judge/results.ts';
import { readResultsFile } from '../reporters/matrix/collect.ts';
import { outputPaths, writeMatrix } from '../reporters/matrix/write.ts';
import { syntheticRun, SYNTHETIC_NOTE } from '../reporters/matrix/synthetic.ts';
import { formatUsable, launchReportBrowser, measureUsable, type UsableFigures } from '../reporters/matrix/usable.ts';
import { loadCatalog } from '../scenarios/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(root, 'tests', 'selftest', 'fixtures', 'results-sample.json');

function fullRun(given?: string): { file: ResultsFile; source: string; notes: string[] } {
  const explicit = given ?? process.env.ORIGINPROOF_FULL_RUN;
  if (explicit) return { file: readResultsFile(explicit), source: explicit, notes: [] };
  const last = path.join(root, 'results', 'conformance.json');
  const catalog = loadCatalog();
  if (fs.existsSync(last)) {
    const file = readResultsFile(last);
    if (new Set(file.rows.map((r) => r.id)).size >= catalog.length) return { file, source: last, notes: [] };
  }
  return { file: syntheticRun(catalog, readResultsFile(SAMPLE)), source: 'synthetic: the catalog × the engines of a captured run', notes: [SYNTHETIC_NOTE] };
}

export interface MatrixBench extends UsableFigures {
  source: string;
  scenarios: number;
  results: number;
}

/** Renders the matrix of a full run into a temporary folder and measures it in Chromium. */
export async function benchMatrix(results?: string): Promise<MatrixBench> {
  const { file, source, notes } = fullRun(results);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-matrix-bench-'));
  try {
    const { model } = await writeMatrix(file, { outputs: outputPaths({}, dir), stepSummary: null, notes });
    const browser = await launchReportBrowser();
    try {
      const figures = await measureUsable(browser, path.join(dir, 'matrix.html'));
      return { ...figures, file: 'matrix.html', source, scenarios: model.scenarios.length, results: model.cellCount };
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function benchLine(b: MatrixBench): string {
  return formatUsable(b, `${b.scenarios} scenarios, ${b.results} results (${b.source})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : path.join('results', 'bench-matrix.json');
  const input = args.find((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1));
  benchMatrix(input).then(
    (b) => {
      console.log(benchLine(b));
      writeAtomic(out, JSON.stringify({ date: new Date().toISOString(), ...b }, null, 1));
      console.log(`bench: ${out}`);
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(2);
    },
  );
}
