/**
 * WebKit: Playwright's own build where installed (Playwright protocol); otherwise stock
 * WebKitGTK's MiniBrowser driven by WebKitWebDriver (W3C WebDriver classic), under a
 * private Xvfb when there is no display. Each visit is a new WebDriver session, which
 * WebKitGTK runs with an ephemeral data store: a fresh context, as with Playwright.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { webkit, type Browser } from '@playwright/test';
import { EngineUnavailableError, type EngineSession, type Flavour, type LaunchOptions, type NonDefaultSetting } from './engine.ts';
import { startDriverProcess, type DriverProcess } from './driver-process.ts';
import { startXvfb, type VirtualDisplay } from './xvfb.ts';
import { descendants } from './process-info.ts';
import { playwrightVisits } from './playwright-session.ts';

export const WEBKIT_WEBDRIVER = '/usr/bin/WebKitWebDriver';
/** An empty GTK theme (engines/gtk-data/themes/originproof-plain) for MiniBrowser's windows under a private Xvfb. */
export const PLAIN_GTK_THEME = 'originproof-plain';
const GTK_DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'gtk-data');
const INSTALL_SYSTEM = 'sudo apt-get install -y webkit2gtk-driver xvfb';

export function findMiniBrowser(): string | undefined {
  const libs = ['/usr/lib', '/usr/lib64'];
  for (const lib of libs) {
    if (!fs.existsSync(lib)) continue;
    for (const dir of [lib, ...fs.readdirSync(lib).map((d) => `${lib}/${d}`)]) {
      for (const api of ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0']) {
        const p = `${dir}/${api}/MiniBrowser`;
        if (fs.existsSync(p)) return p;
      }
    }
  }
  return undefined;
}

export function webkitFlavourAvailable(flavour: Flavour): { ok: true; executable: string } | { ok: false; detail: string; install: string } {
  if (flavour === 'system') {
    if (!fs.existsSync(WEBKIT_WEBDRIVER)) return { ok: false, detail: `${WEBKIT_WEBDRIVER} does not exist`, install: INSTALL_SYSTEM };
    const mini = findMiniBrowser();
    if (!mini) return { ok: false, detail: 'WebKitGTK MiniBrowser was not found under /usr/lib/*/webkit2gtk-4.1/', install: INSTALL_SYSTEM };
    return { ok: true, executable: mini };
  }
  const exe = webkit.executablePath();
  return exe && fs.existsSync(exe)
    ? { ok: true, executable: exe }
    : { ok: false, detail: `Playwright's WebKit is not installed (${exe})`, install: 'npx playwright install --with-deps webkit' };
}

function packageVersion(): string | undefined {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function launchWebKit(flavour: Flavour, opts: LaunchOptions): Promise<EngineSession> {
  const found = webkitFlavourAvailable(flavour);
  if (!found.ok) throw new EngineUnavailableError('webkit', flavour, found.install, found.detail);
  return flavour === 'playwright' ? launchPlaywrightWebKit(found.executable, opts) : launchWebKitGtk(found.executable, opts);
}

async function launchPlaywrightWebKit(executable: string, opts: LaunchOptions): Promise<EngineSession> {
  let browser: Browser;
  try {
    browser = await webkit.launch({ proxy: { server: opts.proxyUrl }, timeout: 30_000 });
  } catch (e) {
    throw new Error(`originproof: Playwright WebKit would not start: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  const version = browser.version();
  return {
    info: {
      engine: 'webkit',
      family: 'webkit',
      flavour: 'playwright',
      backend: 'Playwright protocol',
      browser: `WebKit ${version} (Playwright build)`,
      version,
      executable,
      commandLine: [executable, `--proxy=${opts.proxyUrl}`],
      nonDefault: [{ setting: `proxy ${opts.proxyUrl}`, reason: 'routes every catalog host to the fixture network' }],
    },
    ...playwrightVisits(browser, 'WebKit'),
  };
}

/** A WebKitGTK WebDriver on a free loopback port, answering /status; stop() ends it and every browser it started. */
function startDriver(env: NodeJS.ProcessEnv): Promise<DriverProcess> {
  return startDriverProcess(WEBKIT_WEBDRIVER, (port) => [`--port=${port}`, '--host=local'], env);
}

/** How often the browser of an open WebDriver session is checked for life. */
const LIVENESS_PERIOD_MS = 1000;

function miniBrowserPids(driverPid: number | undefined): Set<number> {
  return new Set(
    driverPid
      ? descendants(driverPid)
          .filter((p) => p.cmdline[0]?.endsWith('MiniBrowser'))
          .map((p) => p.pid)
      : [],
  );
}

/**
 * Settles with a cause when the session's MiniBrowser process exits or the driver exits: a
 * killed browser is noticed within a second instead of after the whole visit bound. (Not the
 * session's own answers: WebKitWebDriver drops a session whose window a COOP browsing context
 * group switch replaced, while the browser goes on running the page.)
 */
function browserLiveness(pid: number | undefined, driverExited: Promise<string>): { died: Promise<string>; stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const gone = new Promise<string>((resolve) => {
    if (!pid) return; // not found: the visit bound still applies
    timer = setInterval(() => {
      try {
        process.kill(pid, 0);
      } catch {
        clearInterval(timer);
        resolve(`WebKitGTK MiniBrowser (pid ${pid}) exited`);
      }
    }, LIVENESS_PERIOD_MS);
  });
  return { died: Promise.race([gone, driverExited]), stop: () => clearInterval(timer) };
}

async function launchWebKitGtk(miniBrowser: string, opts: LaunchOptions): Promise<EngineSession> {
  let xvfb: VirtualDisplay | undefined;
  const env = { ...process.env };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
    xvfb = await startXvfb();
    env.DISPLAY = xvfb.display;
    // Nobody sees these windows: GTK draws them without its Adwaita theme. Each visit is a new
    // MiniBrowser window (and each popup one more); per visit, 15 sessions alternated with and
    // without: MiniBrowser 0.29 → 0.22 CPU-s and Xvfb 0.055 → 0.016 (with Xvfb's -noreset).
    env.GTK_THEME = PLAIN_GTK_THEME;
    env.XDG_DATA_DIRS = [GTK_DATA, env.XDG_DATA_DIRS || '/usr/local/share:/usr/share'].join(':');
  }
  // Without a GPU, accelerated compositing renders through Mesa's llvmpipe: a third of the web
  // process's CPU in a run (measured), for pixels nobody looks at.
  env.WEBKIT_DISABLE_COMPOSITING_MODE = '1';
  // WebKitWebDriver holds one session at a time: concurrent visits each get a driver of their own,
  // kept in a pool and reused (each session is still a fresh MiniBrowser with ephemeral data).
  type Driver = Awaited<ReturnType<typeof startDriver>>;
  let first: Driver;
  try {
    first = await startDriver(env);
  } catch (e) {
    await xvfb?.close();
    throw e;
  }
  const all = new Set<Driver>([first]);
  const idle: Driver[] = [];
  const newDriver = async () => {
    const d = await startDriver(env);
    all.add(d);
    return d;
  };
  const acquire = async (): Promise<Driver> => idle.pop() ?? newDriver();
  const release = (d: Driver) => {
    if (all.has(d)) idle.push(d);
  };
  const discard = (d: Driver) => {
    all.delete(d);
    d.stop(true);
  };
  const cleanup = async () => {
    for (const d of all) d.stop();
    all.clear();
    idle.length = 0;
    await xvfb?.close();
  };
  const args = ['--automation', `--proxy=${opts.proxyUrl}`, '--javascript-can-open-windows-automatically=true'];
  const capabilities = {
    browserName: 'MiniBrowser',
    acceptInsecureCerts: true,
    pageLoadStrategy: 'none',
    'webkitgtk:browserOptions': { binary: miniBrowser, args },
  };
  const said = (d: Driver) => (d.stderrTail() ? ` (WebKitWebDriver's stderr: ${d.stderrTail()})` : '');
  /**
   * A new session, with the driver that gave it. Seen for visits in 6 of about 30 logged suite and
   * self-test runs: WebKitWebDriver stops answering POST /session. A new driver (and browser) is
   * the only way out; one more try on it, then the error stands (with what the driver wrote).
   */
  const startSession = async (driver: Driver) => {
    let before = miniBrowserPids(driver.pid);
    try {
      return { driver, before, session: await driver.client.newSession(capabilities, 30_000) };
    } catch (e) {
      console.warn(`originproof: webkit: ${(e as Error).message}${said(driver)}; replacing that WebKitWebDriver and trying once more`);
      discard(driver);
      const next = await newDriver();
      before = miniBrowserPids(next.pid);
      try {
        return { driver: next, before, session: await next.client.newSession(capabilities, 60_000) };
      } catch (e2) {
        discard(next);
        throw new Error(`${(e2 as Error).message}${said(next)}`, { cause: e2 });
      }
    }
  };
  // One probe session tells the version and proves the browser starts before any test runs.
  let probe: Awaited<ReturnType<typeof startSession>>;
  try {
    probe = await startSession(first);
  } catch (e) {
    await cleanup();
    throw new Error(`originproof: WebKitGTK MiniBrowser (${miniBrowser}) would not start under WebKitWebDriver: ${(e as Error).message}`, { cause: e });
  }
  const mini = descendants().find((p) => p.cmdline[0]?.endsWith('MiniBrowser'));
  await probe.driver.client.deleteSession(probe.session.sessionId).catch(() => undefined);
  idle.push(probe.driver);
  const version = String(probe.session.capabilities.browserVersion ?? packageVersion() ?? 'unknown');
  const nonDefault: NonDefaultSetting[] = [
    { setting: '--automation', reason: 'required for WebDriver control (ephemeral website data per session)' },
    { setting: `--proxy=${opts.proxyUrl}`, reason: 'routes every catalog host to the fixture network (the WebDriver proxy capability does not route HTTPS)' },
    {
      setting: '--javascript-can-open-windows-automatically=true',
      reason: 'popup probes call window.open without a user gesture (same allowance as the other engines); without it window.open returns null',
    },
    { setting: 'capability acceptInsecureCerts=true', reason: 'the fixture certificate is self-signed per run' },
    {
      setting: 'WEBKIT_DISABLE_COMPOSITING_MODE=1',
      reason: 'pages are drawn without accelerated compositing (software GL under Xvfb cost a third of the web process CPU); rendering only',
    },
  ];
  if (xvfb) {
    nonDefault.push(
      { setting: `DISPLAY=${xvfb.display} (Xvfb -noreset)`, reason: 'MiniBrowser has no headless mode' },
      {
        setting: `GTK_THEME=${PLAIN_GTK_THEME} (XDG_DATA_DIRS=${GTK_DATA}:…)`,
        reason:
          "MiniBrowser's own windows are drawn without GTK's Adwaita theme, a theme with no rules (a fifth of the UI process's CPU per visit); web content is drawn by WebKit, rendering only",
      },
    );
  }
  return {
    info: {
      engine: 'webkit',
      family: 'webkit',
      flavour: 'system',
      backend: 'W3C WebDriver',
      browser: `WebKitGTK ${version} MiniBrowser`,
      version,
      executable: miniBrowser,
      commandLine: mini?.cmdline ?? [miniBrowser, ...args],
      nonDefault,
    },
    async open(url) {
      const { driver, before, session } = await startSession(await acquire());
      const { client } = driver;
      await client.navigate(session.sessionId, url).catch(() => undefined);
      const started = [...miniBrowserPids(driver.pid)].filter((p) => !before.has(p));
      const liveness = browserLiveness(started.length === 1 ? started[0] : undefined, driver.exited);
      return {
        died: liveness.died,
        close: async () => {
          liveness.stop();
          const ok = await client.deleteSession(session.sessionId).then(
            () => true,
            () => false,
          );
          // A driver whose session would not close is not given to the next visit.
          if (ok) release(driver);
          else discard(driver);
        },
      };
    },
    close: cleanup,
  };
}
