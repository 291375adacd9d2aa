/**
 * Engine liveness: a browser killed with SIGKILL in the middle of a visit is
 * noticed by its liveness signal (a closed connection, a WebDriver session's browser process that
 * exits, a driver that exits), not by the visit's whole time bound; the engine is relaunched and the
 * visit retried once, so every row comes back with a real verdict. When the relaunched engine
 * dies too, the rows are `error`, never an engine verdict such as `timeout`.
 */
import { test, expect } from '@playwright/test';
import { launchEngine } from '../../engines/select.ts';
import { descendants } from '../../engines/process-info.ts';
import { launchOptions, type EngineName, type EngineSession } from '../../engines/engine.ts';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import { LocalVisitExecutor } from '../../harness/service/visit-executor.ts';
import { ConformanceRunner } from '../../harness/service/runner.ts';
import { planVisits, visitTimeoutMs, buildVisitPlan } from '../../harness/plan/planner.ts';
import { loadCatalog } from '../../scenarios/index.ts';

// Thirty window-access scenarios of one page: a visit that takes seconds in every engine.
const SCENARIOS = loadCatalog()
  .filter(
    (s) =>
      s.area === 'sop/window-proxy' &&
      !s.solo &&
      !s.oneAtATime &&
      !s.serial &&
      (s.page?.at ?? 'site') === 'site' &&
      !s.page?.headers?.length &&
      !s.page?.cookies?.length,
  )
  .slice(0, 30);
const [VISIT] = planVisits(SCENARIOS);

/** The browser's own process: the one the engine launched whose command line names it. */
const BROWSER_PROCESS: Record<string, RegExp> = { chromium: /chrom(e|ium)$/, webkit: /MiniBrowser$/, firefox: /firefox(-esr)?(-bin)?$/ };

function browserPids(engine: EngineName): number[] {
  return descendants()
    .filter((p) => BROWSER_PROCESS[engine].test(p.cmdline[0] ?? '') && !p.cmdline.some((a) => a.startsWith('--type=')))
    .map((p) => p.pid);
}

function killBrowser(engine: EngineName): number | undefined {
  const [pid] = browserPids(engine);
  if (pid) process.kill(pid, 'SIGKILL');
  return pid;
}

/**
 * Kills the browser once the visit's page is running in it: its first request has reached the
 * fixture network. (Killed earlier, the death would fall into the launch or the WebDriver
 * session's creation instead: a different path.) Every browser process of the engine goes, so
 * WebKit's exiting launch-probe MiniBrowser cannot take the visit's place.
 */
async function killBrowserMidVisit(engine: EngineName, network: FixtureNetwork): Promise<number[]> {
  const deadline = Date.now() + 60_000;
  while (network.store.stats().requests === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const killed = browserPids(engine);
  for (const pid of killed) process.kill(pid, 'SIGKILL');
  return killed;
}

for (const engineName of ['chromium', 'webkit'] as EngineName[]) {
  test(`${engineName}: a browser killed mid-visit is noticed by its liveness signal, relaunched, and the visit retried`, async ({}, testInfo) => {
    // Room for one WebKitWebDriver that stops answering POST /session (30 s, then a new driver, 60 s).
    test.setTimeout(240_000);
    expect(SCENARIOS.length).toBe(30);
    const network = await startFixtureNetwork();
    const launch = () => launchEngine(engineName, launchOptions(network));
    const sessions: EngineSession[] = [await launch()];
    const executor = new LocalVisitExecutor(network, sessions[0], async () => {
      const next = await launch();
      sessions.push(next);
      return next;
    });
    try {
      const started = Date.now();
      const running = executor.execute(VISIT);
      // Let the page start its probes, then kill the browser under it.
      const killed = await killBrowserMidVisit(engineName, network);
      expect(killed.length, 'found the browser process to kill once the page ran').toBeGreaterThan(0);
      const outcome = await running;
      const took = Date.now() - started;
      testInfo.annotations.push({
        type: 'measured',
        description: `visit with a kill finished in ${took} ms (visit bound ${visitTimeoutMs(buildVisitPlan(VISIT, 'x'))} ms)`,
      });
      // Noticed and retried: two attempts, a relaunched engine, a real report.
      expect(outcome.error).toBeUndefined();
      expect(outcome.attempts).toHaveLength(2);
      // Chromium's browser process is the whole engine: relaunched. A WebKit session has a
      // MiniBrowser of its own: the visit is retried in a new session, the engine stays.
      expect(sessions).toHaveLength(engineName === 'chromium' ? 2 : 1);
      expect(outcome.report?.done).toBe(true);
      const rows = await Promise.all(SCENARIOS.map((s) => new ConformanceRunner({ execute: async () => outcome }, [VISIT]).run(s)));
      expect(rows.map((r) => r.verdict).filter((v) => v === 'error' || v === 'timeout' || v === 'not-run')).toEqual([]);
    } finally {
      for (const s of sessions) await s.close().catch(() => undefined);
      await network.close();
    }
  });
}

test('chromium: when the relaunched browser dies too, the rows are error (infrastructure), not timeout', async () => {
  const network = await startFixtureNetwork();
  const sessions: EngineSession[] = [];
  const launch = async () => {
    const s = await launchEngine('chromium', launchOptions(network));
    sessions.push(s);
    // Every browser dies shortly after its visit starts.
    const open = s.open.bind(s);
    s.open = async (url) => {
      const opened = await open(url);
      setTimeout(() => killBrowser('chromium'), 500);
      return opened;
    };
    return s;
  };
  const executor = new LocalVisitExecutor(network, await launch(), launch);
  try {
    const outcome = await executor.execute(VISIT);
    expect(outcome.error).toMatch(/engine died: Chromium('s DevTools pipe closed| exited)/);
    expect(outcome.attempts).toHaveLength(2);
    const row = await new ConformanceRunner({ execute: async () => outcome }, [VISIT]).run(SCENARIOS[0]);
    expect(row.verdict).toBe('error');
    expect(row.reason).toContain('infrastructure failure');
  } finally {
    for (const s of sessions) await s.close().catch(() => undefined);
    await network.close();
  }
});
