/**
 * The harness proves the engine before judging it: an engine whose origin boundary is switched off
 * (a switch or preference put there behind the harness's back, built in or through a WebDriver
 * remote end) is refused before its first visit, naming the setting and the canary that failed;
 * the engine record shows the real value; shipped engines pass the canary.
 */
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import { launchChromium, sandboxSwitches, SYSTEM_CHROMIUM } from '../../engines/chromium.ts';
import { launchFirefox, SYSTEM_FIREFOX } from '../../engines/firefox.ts';
import { launchEngine } from '../../engines/select.ts';
import { launchWebDriver } from '../../engines/webdriver.ts';
import { startDriverProcess } from '../../engines/driver-process.ts';
import { launchOptions, type EngineName, type EngineSession, type LaunchOptions } from '../../engines/engine.ts';
import { startVisitService } from '../../harness/service/visit-service.ts';
import { boundaryRefusal } from '../../harness/service/canary.ts';
import { planVisits } from '../../harness/plan/planner.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { VisitServiceClient } from '../../harness/service/client.ts';
import { spawnVisitService } from '../../harness/service/spawn.ts';
import { ConformanceRunner } from '../../harness/service/runner.ts';
import { FAULT_ENV } from '../../servers/fixture/fault.ts';
import { descendants, processAlive, processesWithArg } from '../../engines/process-info.ts';

// Made on first use: Playwright also loads this file to list the tests, where no test runs to remove it.
let work: string | undefined;
test.afterAll(() => work && fs.rmSync(work, { recursive: true, force: true }));

/** An executable that starts `target` with something added behind the harness's back. */
function wrapper(name: string, body: string): string {
  work ??= fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-boundary-test-'));
  const file = path.join(work, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}
const chromiumWithoutWebSecurity = () => wrapper('chromium-no-web-security', `exec ${SYSTEM_CHROMIUM} --disable-web-security "$@"`);
// Appends to the profile's user.js after the harness wrote it: the running browser then has cookieBehavior 0.
const firefoxWithoutCookieProtection = () =>
  wrapper(
    'firefox-no-cookie-protection',
    `prev=""; for a in "$@"; do [ "$prev" = "--profile" ] && echo 'user_pref("network.cookie.cookieBehavior", 0);' >> "$a/user.js"; prev="$a"; done\nexec ${SYSTEM_FIREFOX} "$@"`,
  );

/** A visit service for one engine over `launch`, the catalog's first visit planned; returns what a row request answers, and every visit registered. */
async function firstRow(engine: EngineName, launch: (options: LaunchOptions) => Promise<EngineSession>): Promise<{ error?: string; visitProbes: string[][] }> {
  const visits = planVisits(loadCatalog().filter((s) => s.id === 'sop.claims.c13-fetch-sent-unreadable'));
  const visitProbes: string[][] = [];
  const service = await startVisitService(
    {
      visits,
      engines: [engine],
      startNetwork: async () => {
        const network = await startFixtureNetwork();
        const register = network.store.register.bind(network.store);
        network.store.register = (plan) => {
          visitProbes.push(plan.probes.map((p) => p.key));
          return register(plan);
        };
        return network;
      },
      launch: (_engine, options) => launch(options),
    },
    () => undefined,
  );
  try {
    const answer = await new VisitServiceClient(engine, service.url).row(visits[0].scenarios[0].id).then(
      () => ({}),
      (e: Error) => ({ error: e.message }),
    );
    return { ...answer, visitProbes };
  } finally {
    await service.close();
  }
}

const onlyCanary = (visits: string[][]) => visits.flat().every((k) => k.startsWith('canary.'));

test('Chromium started with --disable-web-security is refused before its first visit, naming the switch and the failed canary', async () => {
  test.setTimeout(120_000);
  const exe = chromiumWithoutWebSecurity();
  const { error, visitProbes } = await firstRow('chromium', (o) => launchChromium('system', o, exe));
  expect(error).toContain('is refused before its first visit');
  expect(error).toContain('--disable-web-security');
  expect(error).toMatch(/boundary canary failed: canary\.cors-read/);
  expect(onlyCanary(visitProbes)).toBe(true);
});

test('the same through chromedriver, a WebDriver remote end given the switch in its capabilities', async () => {
  test.setTimeout(120_000);
  test.skip(!fs.existsSync('/usr/bin/chromedriver'), 'chromedriver is not installed (Debian: chromium-driver)');
  const driver = await startDriverProcess('/usr/bin/chromedriver', (port) => [`--port=${port}`]);
  try {
    const caps = {
      browserName: 'chrome',
      'goog:chromeOptions': { binary: SYSTEM_CHROMIUM, args: ['--headless', '--disable-web-security', ...sandboxSwitches()] },
    };
    const env = {
      ORIGINPROOF_WEBDRIVER_URL: driver.url,
      ORIGINPROOF_WEBDRIVER_CAPABILITIES: JSON.stringify(caps),
      ORIGINPROOF_WEBDRIVER_NAME: 'remote-chromium',
    };
    const { error, visitProbes } = await firstRow('webdriver', (o) => launchWebDriver(o, env));
    expect(error).toContain('remote-chromium');
    expect(error).toContain('--disable-web-security');
    expect(error).toMatch(/boundary canary failed: canary\.cors-read/);
    expect(onlyCanary(visitProbes)).toBe(true);
  } finally {
    await driver.stop(true);
  }
});

test('Firefox with cookie protection turned off behind the harness: the record shows the real value, the cookie canary fails, the engine is refused', async () => {
  test.setTimeout(120_000);
  const exe = firefoxWithoutCookieProtection();
  const network = await startFixtureNetwork();
  try {
    const session = await launchFirefox('system', launchOptions(network), exe);
    try {
      const pref = session.info.nonDefault.find((n) => n.setting.startsWith('pref network.cookie.cookieBehavior='));
      expect(pref).toMatchObject({ setting: 'pref network.cookie.cookieBehavior=0', value: '0', meant: '5', boundary: true });
      expect(pref!.readFrom).toContain('running browser');
      expect(session.info.boundaryProblems).toEqual([expect.stringContaining('network.cookie.cookieBehavior=0 in the running browser, the harness meant 5')]);
      const { refusal, canary } = await boundaryRefusal(network, session);
      expect(refusal).toContain('network.cookie.cookieBehavior=0');
      expect(canary.failed).toEqual([expect.stringContaining('canary.firefox-cookie-partitioned')]);
    } finally {
      await session.close();
    }
  } finally {
    await network.close();
  }
});

test('a switch added behind the harness shows in the Chromium record as found on the running process', async () => {
  test.setTimeout(60_000);
  const network = await startFixtureNetwork();
  try {
    const session = await launchChromium('system', launchOptions(network), chromiumWithoutWebSecurity());
    try {
      const sw = session.info.nonDefault.find((n) => n.setting === '--disable-web-security');
      expect(sw).toMatchObject({ boundary: true, value: '--disable-web-security' });
      expect(sw!.reason).toContain('NOT set by the harness');
      expect(sw!.readFrom).toMatch(/^\/proc\/\d+\/cmdline$/);
      // The features the harness keeps enabled, as the running process's command line decides them.
      expect(session.info.nonDefault.find((n) => n.setting.startsWith('feature ThirdPartyStoragePartitioning='))).toMatchObject({
        value: 'enabled',
        meant: 'enabled',
      });
    } finally {
      await session.close();
    }
  } finally {
    await network.close();
  }
});

for (const engine of ['chromium', 'firefox', 'webkit']) {
  test(`${engine} as shipped passes the canary and has no boundary problem`, async () => {
    test.setTimeout(120_000);
    const network = await startFixtureNetwork();
    try {
      const session = await launchEngine(engine, launchOptions(network));
      try {
        expect(session.info.boundaryProblems ?? []).toEqual([]);
        const { refusal, canary } = await boundaryRefusal(network, session);
        expect(canary.failed).toEqual([]);
        expect(refusal).toBeUndefined();
        console.log(`${engine}: boundary canary ${canary.rows.length} probes, one visit, ${canary.durationMs} ms`);
      } finally {
        await session.close();
      }
    } finally {
      await network.close();
    }
  });
}

/** Rows of catalog scenarios on one engine session, run locally (no canary: the point is what the rows say). */
async function catalogRows(ids: string[], launch: (network: FixtureNetwork) => Promise<EngineSession>, network?: FixtureNetwork) {
  const net = network ?? (await startFixtureNetwork());
  const scenarios = loadCatalog().filter((s) => ids.includes(s.id));
  expect(scenarios.map((s) => s.id).sort()).toEqual([...ids].sort());
  const session = await launch(net);
  try {
    const runner = new ConformanceRunner(net, session, planVisits(scenarios));
    return await Promise.all(scenarios.map((s) => runner.run(s)));
  } finally {
    await session.close();
    await net.close();
  }
}

test('under --disable-web-security the no-cors cookie rows read a basic, readable response and fail', async () => {
  test.setTimeout(120_000);
  const ids = ['sop.cookies.credentials-omit', 'sop.cookies.credentials-same-origin-cross-origin', 'sop.sandbox.allow-scripts.lax-cookie-withheld'];
  const rows = await catalogRows(ids, (n) => launchChromium('system', launchOptions(n), chromiumWithoutWebSecurity()));
  for (const r of rows) {
    expect(r.verdict, `${r.id}: ${r.reason}`).toBe('fail');
    expect(r.mismatches.join(' ')).toContain('type');
  }
});

test('a fixture server that answers preflights permissively gives error rows: C56 cannot stay a known deviation', async () => {
  test.setTimeout(120_000);
  const before = process.env[FAULT_ENV];
  process.env[FAULT_ENV] = 'permissive-preflight';
  const network = await startFixtureNetwork();
  if (before === undefined) delete process.env[FAULT_ENV];
  else process.env[FAULT_ENV] = before;
  const [row] = await catalogRows(['cors.claims.c56-star-not-authorization'], (n) => launchEngine('chromium', launchOptions(n)), network);
  expect(row.verdict).toBe('error');
  expect(row.reason).toContain('the fixture server did not answer as declared');
  expect(row.reason).toContain('OPTIONS data');
});

test('a run leaves nothing behind: the visit service stopped with SIGTERM removes every profile, driver and display', async () => {
  test.setTimeout(180_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-leftovers-'));
  const env = { ...process.env, TMPDIR: tmp, ORIGINPROOF_SUITE_MODULE: '' };
  const service = await spawnVisitService(path.resolve('suites/conformance.ts'), env);
  let processes: number[];
  try {
    const during: Record<string, string[]> = {};
    for (const engine of ['chromium', 'firefox', 'webkit']) {
      await new VisitServiceClient(engine, service.url).row('sop.claims.c13-fetch-sent-unreadable');
      during[engine] = fs.readdirSync(tmp);
    }
    // Each engine's profile (WebKitGTK's sessions are ephemeral) was there while it ran.
    expect(during.firefox.some((d) => d.startsWith('originproof-chromium-'))).toBe(true);
    expect(during.firefox.some((d) => d.startsWith('originproof-firefox-'))).toBe(true);
    // Everything the service started: browsers, their helpers, WebKitWebDriver, Xvfb.
    const main = descendants().find((p) => p.cmdline.some((a) => a.endsWith(path.join('harness', 'service', 'main.ts'))));
    processes = main ? descendants(main.pid).map((p) => p.pid) : [];
    expect(processes.length).toBeGreaterThan(3);
  } finally {
    await service.stop();
  }
  // tsx-*: the TypeScript loader's compile cache, kept on purpose between runs (not a run's leftover).
  const left = fs.readdirSync(tmp).filter((d) => !d.startsWith('tsx-'));
  fs.rmSync(tmp, { recursive: true, force: true });
  expect(left).toEqual([]);
  // No browser, driver or X server of that run is still running (their command lines name the private temp dir or the proxy of the run).
  expect(processesWithArg(tmp)).toEqual([]);
  expect(processes.filter((pid) => processAlive(pid))).toEqual([]);
});
