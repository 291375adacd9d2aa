/**
 * `npm run bench`: how fast the suite runs per engine, and what sharing a page visit among
 * scenarios buys. In one run and on one fixture network per engine, the same scenarios are
 * run with shared visits (as the suite does) and with one visit per scenario.
 * Options: --engines chromium,firefox  --limit 120  --out results/bench.json
 */
import { startFixtureNetwork } from '../servers/network.ts';
import { launchEngine } from '../engines/select.ts';
import { ENGINE_NAMES, type EngineName } from '../engines/engine.ts';
import { ConformanceRunner } from '../harness/runner.ts';
import { planVisits, CHUNK_SIZE } from '../harness/planner.ts';
import { loadCatalog } from '../scenarios/index.ts';
import { writeAtomic } from '../harness/results.ts';
import type { Scenario } from '../harness/scenario.ts';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const engines = option('engines', ENGINE_NAMES.join(',')).split(',') as EngineName[];
const limit = Number(option('limit', '120'));
const out = option('out', 'results/bench.json');

// An even spread over the catalog, skipping solo scenarios (they never share a visit anyway).
const pool = loadCatalog().filter((s) => !s.solo);
const step = Math.max(1, Math.floor(pool.length / limit));
const sample: Scenario[] = pool.filter((_, i) => i % step === 0).slice(0, limit);

async function timed(runner: ConformanceRunner, scenarios: Scenario[]) {
  const t0 = performance.now();
  const verdicts: Record<string, string> = {};
  for (const s of scenarios) verdicts[s.id] = (await runner.run(s)).verdict;
  return { ms: performance.now() - t0, verdicts };
}

const rows = [];
for (const engineName of engines) {
  const network = await startFixtureNetwork();
  const engine = await launchEngine(engineName, { proxyUrl: network.proxy.url });
  try {
    const sharedVisits = planVisits(sample, CHUNK_SIZE);
    const shared = await timed(new ConformanceRunner(network, engine, sharedVisits), sample);
    const single = await timed(new ConformanceRunner(network, engine, planVisits(sample, 1)), sample);
    const agree = sample.filter((s) => shared.verdicts[s.id] === single.verdicts[s.id]).length;
    const row = {
      engine: engineName,
      browser: engine.info.browser,
      backend: engine.info.backend,
      scenarios: sample.length,
      sharedVisits: sharedVisits.length,
      sharedMs: Math.round(shared.ms),
      sharedScenariosPerSecond: +(sample.length / (shared.ms / 1000)).toFixed(1),
      oneVisitPerScenarioMs: Math.round(single.ms),
      oneVisitPerScenarioScenariosPerSecond: +(sample.length / (single.ms / 1000)).toFixed(1),
      speedup: +(single.ms / shared.ms).toFixed(1),
      verdictsAgree: `${agree}/${sample.length}`,
    };
    rows.push(row);
    console.log(
      `${engineName.padEnd(8)} ${row.browser} [${row.backend}]: ${row.scenarios} scenarios — shared visits (${row.sharedVisits}) ${row.sharedScenariosPerSecond}/s, ` +
        `one visit each ${row.oneVisitPerScenarioScenariosPerSecond}/s, speed-up ×${row.speedup}; verdicts agree ${row.verdictsAgree}`,
    );
  } finally {
    await engine.close();
    await network.close();
  }
}
writeAtomic(out, JSON.stringify({ date: new Date().toISOString(), sample: sample.length, rows }, null, 1));
console.log(`bench: ${out}`);
