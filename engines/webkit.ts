/**
 * WebKit: Playwright's own build where installed (Playwright protocol); otherwise stock
 * WebKitGTK's MiniBrowser driven by WebKitWebDriver (W3C WebDriver classic), under a
 * private Xvfb when there is no display. Each visit is a new WebDriver session, which
 * WebKitGTK runs with an ephemeral data store: a fresh context, as with Playwright.
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { webkit, type Browser } from '@playwright/test';
import { EngineUnavailableError, type EngineSession, type Flavour, type LaunchOptions } from './engine.ts';
import { startDriverProcess, type DriverProcess } from './driver-process.ts';
import { DriverPool } from './driver-pool.ts';
import { findMiniBrowser } from './executables.ts';
import { startXvfb } from './xvfb.ts';
import { descendants } from './process-info.ts';
import { playwrightVisits } from './playwright-session.ts';
import { miniBrowserArgs, miniBrowserCapabilities, webkitEnvironment, webkitNonDefault } from './webkit-settings.ts';

export { PLAIN_GTK_THEME } from './webkit-settings.ts';
import { PLAYWRIGHT_WEBKIT_PROFILE, WEBKITGTK_PROFILE } from './profiles.ts';

export const WEBKIT_WEBDRIVER = '/usr/bin/WebKitWebDriver';
const INSTALL_SYSTEM = 'sudo apt-get install -y webkit2gtk-driver xvfb';

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
      profile: PLAYWRIGHT_WEBKIT_PROFILE,
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
  const xvfb = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY ? await startXvfb() : undefined;
  const env = webkitEnvironment(process.env, xvfb);
  const pool = new DriverPool(() => startDriver(env), 'webkit', 'WebKitWebDriver');
  const cleanup = async () => {
    await pool.close();
    await xvfb?.close();
  };
  const args = miniBrowserArgs(opts.proxyUrl);
  const capabilities = miniBrowserCapabilities(miniBrowser, args);
  const startSession = (driver: DriverProcess) => pool.newSession(driver, capabilities, (d) => miniBrowserPids(d.pid));
  let first: DriverProcess;
  try {
    first = await pool.newDriver();
  } catch (e) {
    await xvfb?.close();
    throw e;
  }
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
  pool.release(probe.driver);
  const version = String(probe.session.capabilities.browserVersion ?? packageVersion() ?? 'unknown');
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
      nonDefault: webkitNonDefault(opts.proxyUrl, xvfb),
      profile: WEBKITGTK_PROFILE,
    },
    async open(url) {
      // WebKitWebDriver 2.50 lists no Set Permission or Set Storage Access command (its command table, read from the
      // binary): a visit that declares a grant runs with the permission at prompt, as the engine record says.
      const { driver, before, session } = await startSession(await pool.acquire());
      const { client } = driver;
      await client.navigate(session.sessionId, url).catch(() => undefined);
      const started = [...miniBrowserPids(driver.pid)].filter((p) => !before.has(p));
      const liveness = browserLiveness(started.length === 1 ? started[0] : undefined, driver.exited);
      return {
        died: liveness.died,
        click: async (x, y) => {
          await client.click(session.sessionId, x, y);
        },
        close: async () => {
          liveness.stop();
          const ok = await client.deleteSession(session.sessionId).then(
            () => true,
            () => false,
          );
          // A driver whose session would not close is not given to the next visit.
          if (ok) pool.release(driver);
          else pool.discard(driver);
        },
      };
    },
    close: cleanup,
  };
}
