/**
 * One half of `npm run bench`: CPU seconds per scenario, split by probe kind, for ONE engine in
 * ONE source tree. Run by scripts/bench.ts with tsx from inside the tree being measured (the
 * current checkout, or a baseline revision checked out beside it), so it uses only the API
 * every revision has: loadCatalog, planVisits, startFixtureNetwork, launchEngine, and
 * ConformanceRunner.run. Visits are planned per probe kind and run one at a time; the CPU of
 * this process's whole tree (browser processes, drivers, Xvfb) is read from /proc between kinds.
 *
 *   tsx scripts/bench-kinds.ts <engine> <limit per kind> <out.json>
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [engine, limitArg, out] = process.argv.slice(2);
const limit = Number(limitArg) || Infinity;
const tree = process.cwd();
const load = (p: string) => import(pathToFileURL(path.join(tree, p)).href);

const { loadCatalog } = await load('scenarios/index.ts');
const { planVisits } = await load('harness/plan/planner.ts');
const { startFixtureNetwork } = await load('servers/network.ts');
const { launchEngine } = await load('engines/select.ts');
const { ConformanceRunner } = await load('harness/service/runner.ts');
// The sampler comes from the checkout that runs the bench, so both trees are measured alike.
const { TreeCpuSampler, ownCpuSeconds } = await import(process.env.ORIGINPROOF_BENCH_CPU_MODULE!);

type S = { id: string; probe: { kind: string } };
const catalog: S[] = loadCatalog();
// ORIGINPROOF_BENCH_KINDS (bench --kinds): only these kinds.
const only = process.env.ORIGINPROOF_BENCH_KINDS?.split(',').filter(Boolean);
const kinds = [...new Set(catalog.map((s) => s.probe.kind))].sort().filter((k) => !only || only.includes(k));
const network = await startFixtureNetwork();
const session = await launchEngine(engine, { proxyUrl: network.proxy.url, certificatePem: network.certificate.cert });
const sampler = new TreeCpuSampler(process.pid).start();
const rows: Array<Record<string, unknown>> = [];
try {
  for (const kind of kinds) {
    const pool = catalog.filter((s) => s.probe.kind === kind);
    const step = Math.max(1, Math.floor(pool.length / Math.min(limit, pool.length)));
    const sample = pool.filter((_, i) => i % step === 0).slice(0, limit);
    const runner = new ConformanceRunner(network, session, planVisits(sample));
    sampler.sample();
    const browserBefore = sampler.seconds();
    const nodeBefore = ownCpuSeconds();
    const t0 = performance.now();
    const verdicts: Record<string, string> = {};
    for (const s of sample) verdicts[s.id] = (await runner.run(s)).verdict;
    const wall = (performance.now() - t0) / 1000;
    sampler.sample();
    const browserCpu = sampler.seconds() - browserBefore;
    const nodeCpu = ownCpuSeconds() - nodeBefore;
    rows.push({ kind, scenarios: sample.length, wallSeconds: wall, browserCpuSeconds: browserCpu, harnessCpuSeconds: nodeCpu, verdicts });
    console.log(
      `bench-kinds ${engine} ${kind}: ${sample.length} scenarios, ${wall.toFixed(1)} s wall, ${(browserCpu / sample.length).toFixed(3)} browser CPU-s/scenario`,
    );
  }
} finally {
  sampler.stop();
  await session.close();
  await network.close();
}
fs.writeFileSync(out, JSON.stringify({ engine, browser: session.info.browser, rows }, null, 1));
process.exit(0);
