/**
 * Firefox through Playwright: Playwright's own build where installed, else Debian's
 * `firefox-esr` over WebDriver BiDi (channel moz-firefox). The proxy is set by preferences
 * because Playwright's proxy option under BiDi only covers plain HTTP.
 */
import { firefox, type Browser } from '@playwright/test';
import {
  EngineUnavailableError,
  stepOrDeath,
  type EngineInfo,
  type EngineSession,
  type Flavour,
  type LaunchOptions,
  type NonDefaultSetting,
} from './engine.ts';
import { findLaunched, makeTempDir, pidsNow, removeTempDir } from './process-info.ts';
import { playwrightVisits } from './playwright-session.ts';
import { availability, givenOrAvailable, type Availability } from './executables.ts';
import { connectBidi, type BidiSocket } from './bidi-socket.ts';
import {
  BOUNDARY_PREFS,
  harnessPrefs,
  OUR_PREF_REASONS,
  prefSettings,
  readUserPrefs,
  UI_STYLESHEET_PREF,
  USER_CHROME_CSS,
  userJsPrefs,
  writeUserJs,
  type Prefs,
} from './firefox-prefs.ts';
import { FIREFOX_BOUNDARY_PREFS } from './boundary.ts';
import { prefRecord, readBrowserUi, readRunningPrefs, UI_READ_FROM } from './firefox-readback.ts';
import { startFirefoxProcess, type FirefoxProcess } from './firefox-process.ts';
import { FIREFOX_BIDI_PROFILE, FIREFOX_PLAYWRIGHT_PROFILE } from './profiles.ts';
import { pointerClick } from './webdriver-client.ts';

export const SYSTEM_FIREFOX = '/usr/bin/firefox-esr';

const ARG_REASONS: Record<string, string> = {
  '--remote-debugging-port': 'starts the remote agent (WebDriver BiDi), as Playwright does',
  '--remote-allow-system-access':
    "lets the harness's BiDi client read preferences in the browser's own (chrome) scope, to record them as the running browser has them; web content is not affected",
  '--headless': 'no display needed',
};

export function firefoxFlavourAvailable(flavour: Flavour): Availability {
  return availability(
    flavour,
    SYSTEM_FIREFOX,
    'sudo apt-get install -y firefox-esr',
    firefox.executablePath(),
    'npx playwright install --with-deps firefox',
    'Firefox',
  );
}

export async function launchFirefox(flavour: Flavour, opts: LaunchOptions, executableOverride?: string): Promise<EngineSession> {
  const found = givenOrAvailable(executableOverride, 'sudo apt-get install -y firefox-esr', () => firefoxFlavourAvailable(flavour));
  if (!found.ok) throw new EngineUnavailableError('firefox', flavour, found.install, found.detail);
  const executable = found.executable;
  const prefs = harnessPrefs(opts.proxyUrl);
  if (flavour === 'system' && process.env.ORIGINPROOF_DRIVER !== 'playwright') return launchDirect(executable, prefs);
  const before = pidsNow();
  let browser: Browser;
  try {
    browser = await firefox.launch({
      ...(flavour === 'system' ? { channel: 'moz-firefox', executablePath: executable } : {}),
      firefoxUserPrefs: prefs,
      timeout: 60_000,
    });
  } catch (e) {
    throw new Error(`originproof: Firefox at ${executable} would not start: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  const proc = findLaunched((cmd) => /firefox/i.test(cmd[0]) && !cmd.includes('-contentproc') && !cmd.includes('-isForBrowser'), before);
  const commandLine = proc?.cmdline ?? [executable];
  const profileIdx = commandLine.findIndex((a) => a === '-profile' || a === '--profile');
  const userPrefs = readUserPrefs(profileIdx >= 0 ? commandLine[profileIdx + 1] : undefined);
  const nonDefault: NonDefaultSetting[] = [
    ...commandLine
      .slice(1)
      .filter((a) => a.startsWith('-') && a !== '-profile')
      .map((a) => ({ setting: `arg ${a}`, reason: 'Playwright launch argument' })),
    ...prefSettings(userPrefs, 'Playwright automation preference (profile user.js)'),
  ];
  if (!Object.keys(userPrefs).length) {
    for (const [k, v] of Object.entries(prefs)) nonDefault.push({ setting: `pref ${k}=${v}`, reason: OUR_PREF_REASONS[k] ?? '' });
  }
  const version = browser.version();
  return {
    info: {
      engine: 'firefox',
      family: 'firefox',
      flavour,
      backend: flavour === 'system' ? 'WebDriver BiDi' : 'Playwright protocol',
      browser: `Firefox ${version}`,
      version,
      executable,
      commandLine,
      nonDefault,
      profile: flavour === 'system' ? FIREFOX_BIDI_PROFILE : FIREFOX_PLAYWRIGHT_PROFILE,
    },
    ...playwrightVisits(browser, 'Firefox'),
  };
}

/** Debian's Firefox over WebDriver BiDi, spoken directly (bidi-socket.ts): one user context per visit, no event subscriptions. */
async function launchDirect(executable: string, ours: Prefs): Promise<EngineSession> {
  const profileDir = makeTempDir('originproof-firefox-');
  const removeProfile = () => removeTempDir(profileDir);
  writeUserJs(profileDir, ours);
  // --remote-allow-system-access: the preferences are read back from the running browser (firefox-readback.ts).
  const args = ['--remote-debugging-port=0', '--remote-allow-system-access', '--headless', '--profile', profileDir];
  const before = pidsNow();
  const browser = startFirefoxProcess(executable, args);
  void browser.exit.then(removeProfile);
  let socket: BidiSocket;
  let version: string;
  try {
    socket = await connectBidi(`${await browser.endpoint}/session`, 'Firefox');
    // acceptInsecureCerts: the fixture network's self-signed certificate (Playwright's ignoreHTTPSErrors).
    const session = await socket.send<{ capabilities: { browserVersion: string } }>('session.new', {
      capabilities: { alwaysMatch: { acceptInsecureCerts: true } },
    });
    version = session.capabilities.browserVersion;
  } catch (e) {
    browser.kill();
    await browser.exit;
    await removeProfile();
    throw new Error(`originproof: Firefox at ${executable} would not start: ${(e as Error).message.split('\n')[0]}${browser.stderrNote()}`, { cause: e });
  }
  const proc = findLaunched((cmd) => /firefox/i.test(cmd[0]) && !cmd.includes('-contentproc') && !cmd.includes('-isForBrowser'), before);
  const commandLine = proc?.cmdline ?? [executable, ...args];
  const written = userJsPrefs(ours);
  const running = await readRunningPrefs(socket, [...new Set([...Object.keys(written), ...Object.keys(FIREFOX_BOUNDARY_PREFS)])]).catch((e: Error) => ({
    error: e.message.split('\n')[0],
  }));
  const prefs = prefRecord(written, running, (k) => ({
    reason: BOUNDARY_PREFS[k] ?? OUR_PREF_REASONS[k] ?? 'Playwright automation preference (written verbatim into the profile user.js)',
    boundary: k in BOUNDARY_PREFS || k === 'dom.disable_open_during_load',
  }));
  const nonDefault: NonDefaultSetting[] = [
    ...commandLine
      .slice(1)
      .filter((a) => a.startsWith('-') && a !== '--profile' && a !== profileDir)
      .map((a) => ({
        setting: `arg ${a}`,
        reason: ARG_REASONS[a.split('=')[0]] ?? 'NOT passed by the harness',
        value: a,
        readFrom: proc ? `/proc/${proc.pid}/cmdline` : 'launch arguments',
      })),
    {
      setting: 'visit tab opened in the background (browsingContext.create background: true)',
      reason: "not selected, so neither it nor the browser UI is repainted for it; Playwright's layout.testing.top-level-always-active keeps it unthrottled",
    },
    await tabStripSetting(socket),
    ...prefs.nonDefault,
  ];
  const info: EngineInfo = {
    engine: 'firefox',
    family: 'firefox',
    flavour: 'system',
    backend: 'WebDriver BiDi',
    browser: `Firefox ${version}`,
    version,
    executable,
    commandLine,
    nonDefault,
    boundaryProblems: prefs.boundaryProblems,
    profile: FIREFOX_BIDI_PROFILE,
  };
  return { info, ...bidiVisits(socket, browser, removeProfile) };
}

/** The profile's browser-UI stylesheet, with the tab strip's display as the running browser lays it out. */
async function tabStripSetting(socket: BidiSocket): Promise<NonDefaultSetting> {
  const ui = await readBrowserUi(socket).catch((e: Error) => ({ error: e.message.split('\n')[0] }));
  return {
    setting: `profile chrome/userChrome.css: ${USER_CHROME_CSS.trim()}`,
    reason: OUR_PREF_REASONS[UI_STYLESHEET_PREF],
    meant: 'tab strip display: none',
    value: 'error' in ui ? `unread: ${ui.error}` : `tab strip display: ${ui.tabStrip} (navigation toolbar: ${ui.navBar})`,
    readFrom: UI_READ_FROM,
  };
}

/**
 * Creating or selecting a tab while another visit's popups close fails now and then with
 * "BrowsingContext does no longer exist" although the tab is there; such a step alone is tried again.
 */
async function despiteClosingPopups<T>(orDeath: <U>(step: Promise<U>) => Promise<U>, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await orDeath(step());
    } catch (e) {
      if (attempt >= 3 || !/DiscardedBrowsingContextError|no such frame/.test((e as Error).message)) throw e;
    }
  }
}

/** open()/close() over the browser's BiDi socket: a user context (fresh cookies and storage) and a background tab per visit. */
function bidiVisits(socket: BidiSocket, browser: FirefoxProcess, removeProfile: () => Promise<void>): Pick<EngineSession, 'open' | 'close' | 'died'> {
  let deathCause: string | undefined;
  const died = Promise.race([browser.exit, socket.closed]).then((c) => (deathCause ??= browser.exited() ?? c));
  const orDeath = stepOrDeath(died);
  let clicking: Promise<void> = Promise.resolve();
  /**
   * A tab, not a window: every new window loads Firefox's whole browser UI in the parent process.
   * In the background, like the popups it opens (browser.tabs.loadDivertedInBackground): selecting
   * each tab repainted the browser UI (measured in docs/performance.md).
   */
  const createTab = (userContext: string) =>
    despiteClosingPopups(orDeath, () => socket.send<{ context: string }>('browsingContext.create', { type: 'tab', userContext, background: true }));
  return {
    died: () => deathCause,
    async open(url, options) {
      const { userContext } = await orDeath(socket.send<{ userContext: string }>('browser.createUserContext'));
      const remove = () =>
        socket.send('browser.removeUserContext', { userContext }).then(
          () => undefined,
          () => undefined,
        );
      let opened: string;
      try {
        for (const g of options?.grants ?? []) {
          const set = socket.send('permissions.setPermission', {
            descriptor: { name: g.name },
            state: g.state,
            origin: g.origin,
            ...(g.embeddedOrigin ? { embeddedOrigin: g.embeddedOrigin } : {}),
            userContext,
          });
          // Firefox 153 refuses storage-access here ("unsupported operation"): the visit runs with the permission at prompt, as the engine
          // record says. It takes local-network and loopback-network.
          await orDeath(set).catch((e: Error) => {
            if (!/unsupported operation/.test(e.message)) throw e;
          });
        }
        const { context } = await createTab(userContext);
        await orDeath(socket.send('browsingContext.navigate', { context, url, wait: 'none' }));
        opened = context;
      } catch (e) {
        await remove();
        throw new Error(`originproof: Firefox could not open ${url}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
      }
      const context = opened;
      // Clicks go in as widget events of the window (remote.events.async.mouse.enabled), which
      // reach the selected tab only: the visit's tab comes to the front, and clicks of visits
      // running side by side take turns, so none lands in another visit's tab.
      const click = (x: number, y: number) => {
        const turn = clicking.then(async () => {
          await despiteClosingPopups(orDeath, () => socket.send('browsingContext.activate', { context }));
          await orDeath(socket.send('input.performActions', { context, actions: [pointerClick(x, y)] }));
        });
        clicking = turn.catch(() => undefined);
        return turn;
      };
      return { close: remove, died, click };
    },
    async close() {
      deathCause ??= 'Firefox was closed by the harness';
      if (!browser.exited()) {
        const timer = setTimeout(() => browser.kill(), 5000);
        await Promise.race([socket.send('browser.close').catch(() => undefined), browser.exit]);
        await browser.exit;
        clearTimeout(timer);
      }
      // The profile goes before close() returns: a service stopped right after leaves nothing behind.
      await removeProfile();
    },
  };
}
