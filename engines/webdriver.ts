/**
 * The `webdriver` engine: any W3C WebDriver (classic) remote end — chromedriver, WebKitWebDriver,
 * safaridriver, geckodriver, a Selenium Grid — named by ORIGINPROOF_WEBDRIVER_URL with
 * ORIGINPROOF_WEBDRIVER_CAPABILITIES. Each visit gets a new session (a fresh profile), or, with
 * ORIGINPROOF_WEBDRIVER_SESSION=window, a new window of one session after every catalog origin's
 * cookies and storage were cleared. The browser, version and platform recorded are the ones the
 * remote end reports in the session's capabilities.
 */
import { originUrl } from '../protocol/origins.ts';
import { clearStateUrl } from '../servers/clear-state.ts';
import type { EngineInfo, EngineSession, LaunchOptions, NonDefaultSetting, OpenedVisit } from './engine.ts';
import { processAlive, processesWithArg } from './process-info.ts';
import { chromiumBoundaryKillers, FIREFOX_BOUNDARY_PREFS } from './boundary.ts';
import { WebDriverClient, WebDriverError, type NewSession } from './webdriver-client.ts';
import { checkColumnName, familyOfBrowser, givenCapabilities, sessionCapabilities, webdriverSettings, type WebDriverSettings } from './webdriver-config.ts';
import { WEBDRIVER_PROFILE } from './profiles.ts';

export { WEBDRIVER_ENGINE } from './webdriver-config.ts';

function text(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A navigation that outlives its own timeout is not fatal (the page reports through the server); a dead session is. */
function navigationIsFatal(e: unknown): boolean {
  return e instanceof WebDriverError && !(e.failure === 'no-answer' || e.code === 'timeout');
}

/** What opening a visit needs of the launched remote end. */
interface RemoteEnd {
  client: WebDriverClient;
  capabilities: Record<string, unknown>;
  proxyUrl: string;
  /** Names the remote end in errors. */
  label: string;
  /** The session made at launch (kept for the run in window mode). */
  home: string;
  homeWindow: string;
  /** The browser's process when the remote end runs on this machine. */
  localPid: number | undefined;
  /** Records a failure that means the remote end itself is gone. */
  noteFailure: (e: unknown) => void;
}

export async function launchWebDriver(opts: LaunchOptions, env: NodeJS.ProcessEnv = process.env): Promise<EngineSession> {
  const settings = webdriverSettings(env);
  const client = new WebDriverClient(settings.url);
  const where = `the WebDriver remote end at ${settings.url}`;
  try {
    await client.status(10_000);
  } catch (e) {
    throw new Error(`originproof: webdriver: ${where} does not answer GET /status: ${text(e)} (check ORIGINPROOF_WEBDRIVER_URL)`, { cause: e });
  }
  const { capabilities, added } = sessionCapabilities(settings, opts.proxyUrl);
  // One session at launch proves the capabilities are accepted and tells who the browser is.
  let first: NewSession;
  try {
    first = await client.newSession(capabilities);
  } catch (e) {
    throw new Error(`originproof: webdriver: ${where} refused to start a session with ${JSON.stringify(capabilities)}: ${text(e)}`, { cause: e });
  }
  const local = processesWithArg(opts.proxyUrl)[0];
  const info = engineInfo(settings, capabilities, first.capabilities, added, local?.cmdline ?? []);
  const mode = settings.sessionMode;
  if (mode === 'session') await client.deleteSession(first.sessionId).catch(() => undefined);
  const label = `${info.engine} (${where})`;
  const slots = new Slots(settings.maxSessions);
  // Set when the remote end itself is gone: the harness then relaunches (launchWebDriver again) or reports the cause.
  let deadCause: string | undefined;
  const remote: RemoteEnd = {
    client,
    capabilities,
    proxyUrl: opts.proxyUrl,
    label,
    home: first.sessionId,
    homeWindow: mode === 'window' ? await client.windowHandle(first.sessionId) : '',
    localPid: local?.pid,
    noteFailure: (e) => {
      if (e instanceof WebDriverError && e.failure === 'unreachable') deadCause = `${label}: ${e.message}`;
    },
  };
  return {
    info,
    // Visits beyond the remote end's sessions wait their turn here, before their own bound starts.
    open: async (url, options) => {
      // Set Permission (WebDriver extension of the Permissions spec) is not among the commands every remote end has.
      if (options?.grants?.length)
        throw new Error(
          `originproof: ${label} is not asked to grant ${options.grants.map((g) => g.name).join(', ')}: the generic WebDriver engine grants nothing`,
        );
      await slots.acquire();
      try {
        const opened = await (mode === 'window' ? openInWindow(remote, url) : openInSession(remote, url));
        return { ...opened, close: () => opened.close().finally(() => slots.release()) };
      } catch (e) {
        slots.release();
        throw e;
      }
    },
    died: () => deadCause,
    close: async () => {
      if (mode === 'window') await client.deleteSession(remote.home).catch(() => undefined);
    },
  };
}

/** Session mode: a new session, i.e. a fresh profile, per visit. */
async function openInSession({ client, capabilities, proxyUrl, label, noteFailure }: RemoteEnd, url: string): Promise<OpenedVisit> {
  const before = new Set(processesWithArg(proxyUrl).map((p) => p.pid));
  let session: NewSession;
  try {
    session = await client.newSession(capabilities);
  } catch (e) {
    noteFailure(e);
    throw new Error(`originproof: ${label} would not start a session for this visit: ${text(e)}`, { cause: e });
  }
  const id = session.sessionId;
  try {
    await client.navigate(id, url);
  } catch (e) {
    if (navigationIsFatal(e)) {
      noteFailure(e);
      await client.deleteSession(id).catch(() => undefined);
      throw new Error(`originproof: ${label} could not open ${url}: ${text(e)}`, { cause: e });
    }
  }
  const started = processesWithArg(proxyUrl).filter((p) => !before.has(p.pid));
  const liveness = started.length === 1 ? watchProcess(started[0].pid, label) : watchSession(client, id, label);
  return {
    died: liveness.died,
    click: async (x, y) => {
      await client.click(id, x, y);
    },
    close: async () => {
      liveness.stop();
      await client.deleteSession(id).catch(() => undefined);
    },
  };
}

/** Window mode: one session for the run; each visit opens a window that first clears every catalog origin. */
async function openInWindow({ client, label, home, homeWindow, localPid, noteFailure }: RemoteEnd, url: string): Promise<OpenedVisit> {
  try {
    const { handle } = await client.newWindow(home);
    await client.switchToWindow(home, handle);
    await client.navigate(home, clearStateUrl(url, originUrl('site'))).catch((e: unknown) => {
      if (navigationIsFatal(e)) throw e;
    });
  } catch (e) {
    noteFailure(e);
    throw new Error(`originproof: ${label} could not open a window for ${url}: ${text(e)}`, { cause: e });
  }
  const liveness = localPid ? watchProcess(localPid, label) : watchSession(client, home, label);
  return {
    died: liveness.died,
    click: async (x, y) => {
      await client.click(home, x, y);
    },
    close: async () => {
      liveness.stop();
      await client.closeWindow(home).catch(() => undefined);
      await client.switchToWindow(home, homeWindow).catch(() => undefined);
    },
  };
}

/** At most `size` holders at a time; the others wait in order. */
class Slots {
  private free: number;
  private waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/** How often an open session is asked whether it is still there. */
const LIVENESS_PERIOD_MS = 2000;
/** Unanswered liveness questions in a row before the remote end counts as hung. */
const LIVENESS_SILENCES = 3;

interface Liveness {
  died: Promise<string>;
  stop: () => void;
}

/**
 * A browser the remote end started on this machine is watched by its process: exact, and blind
 * to what WebDriver says about windows (WebKitWebDriver drops a session whose window a COOP
 * browsing context group switch replaced, while the browser runs the page on).
 */
function watchProcess(pid: number, label: string): Liveness {
  let timer: NodeJS.Timeout | undefined;
  const died = new Promise<string>((resolve) => {
    timer = setInterval(() => {
      if (processAlive(pid)) return;
      clearInterval(timer);
      resolve(`${label}: the browser (pid ${pid}) exited during the visit`);
    }, LIVENESS_PERIOD_MS / 2);
  });
  return { died, stop: () => clearInterval(timer) };
}

/**
 * A browser elsewhere is watched through its session: settles with the cause when the session
 * ends ("invalid session id": the browser crashed or was killed) or the remote end goes away or
 * stops answering. "no such window" is not death (see watchProcess). Caveat, said in docs/any-browser.md:
 * a remote end that drops the session on a COOP window swap looks dead here.
 */
export function watchSession(client: WebDriverClient, sessionId: string, label: string): Liveness {
  let timer: NodeJS.Timeout | undefined;
  let silences = 0;
  const died = new Promise<string>((resolve) => {
    const check = () =>
      client.command('GET', `/session/${sessionId}/url`, undefined, LIVENESS_PERIOD_MS * 2).then(
        () => (silences = 0),
        (e: unknown) => {
          if (!(e instanceof WebDriverError)) return;
          const gone = e.code === 'invalid session id' || e.failure === 'unreachable' || (e.failure === 'no-answer' && ++silences >= LIVENESS_SILENCES);
          if (gone) {
            clearInterval(timer);
            resolve(`${label}: the session ended during the visit (${e.message})`);
          }
        },
      );
    timer = setInterval(() => void check(), LIVENESS_PERIOD_MS);
  });
  return { died, stop: () => clearInterval(timer) };
}

export function engineInfo(
  settings: WebDriverSettings,
  sent: Record<string, unknown>,
  returned: Record<string, unknown>,
  added: NonDefaultSetting[],
  commandLine: string[],
): EngineInfo {
  const browserName = String(returned.browserName ?? settings.capabilities.browserName ?? 'unknown');
  const version = String(returned.browserVersion ?? returned.version ?? 'unknown');
  const platform = returned.platformName ?? returned.platform;
  const engine =
    settings.name ?? checkColumnName(`webdriver-${browserName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}`, 'the column derived from browserName');
  const binary = ['goog:chromeOptions', 'ms:edgeOptions', 'webkitgtk:browserOptions', 'moz:firefoxOptions']
    .map((k) => (settings.capabilities[k] as { binary?: string } | undefined)?.binary)
    .find(Boolean);
  // Flags on the real command line that neither the person nor the harness asked for: the remote end's own defaults.
  const asked = new Set(
    ['goog:chromeOptions', 'ms:edgeOptions', 'webkitgtk:browserOptions'].flatMap((k) => ((sent[k] as { args?: string[] } | undefined)?.args ?? []) as string[]),
  );
  const fromDriver: NonDefaultSetting[] = commandLine
    .slice(1)
    .filter((a) => a.startsWith('--') && !asked.has(a))
    .map((a) => ({
      setting: a,
      reason: chromiumBoundaryKillers(['', a]).length
        ? `switches the boundary off: ${chromiumBoundaryKillers(['', a]).join('; ')}; the engine is refused`
        : "on the browser's real command line, put there by the remote end (driver defaults) or the browser's launcher",
      value: a,
      readFrom: "the browser's /proc command line",
      ...(/^--(disable-features|enable-features|disable-popup-blocking|ignore-certificate-errors)/.test(a) || chromiumBoundaryKillers(['', a]).length
        ? { boundary: true }
        : {}),
    }));
  const nonDefault = [...givenCapabilities(settings.capabilities), ...added, ...fromDriver];
  const boundaryProblems = remoteBoundaryProblems(settings.capabilities, commandLine);
  if (settings.sessionMode === 'window') {
    nonDefault.push({
      setting: 'ORIGINPROOF_WEBDRIVER_SESSION=window',
      reason: 'one session for the run: each visit gets a new window after every catalog origin was cleared (Clear-Site-Data + script), not a fresh profile',
    });
  }
  return {
    engine,
    family: familyOfBrowser(browserName),
    flavour: 'remote',
    backend: 'W3C WebDriver',
    browser: `${browserName} ${version}`,
    version,
    executable: binary ? `${binary} via ${settings.url}` : settings.url,
    ...(platform ? { platform: String(platform) } : {}),
    commandLine,
    nonDefault,
    boundaryProblems,
    profile: WEBDRIVER_PROFILE,
  };
}

/**
 * What switches a remote end's boundary off: switches on its browser's real command line (read
 * from /proc when the browser runs on this machine), else those given in the capabilities; and
 * Firefox preferences given in moz:firefoxOptions with a value other than the shipped one (a remote
 * end offers no way to read them back; the canary checks the cookie policy by behaviour).
 */
export function remoteBoundaryProblems(caps: Record<string, unknown>, commandLine: string[]): string[] {
  const given = ['goog:chromeOptions', 'ms:edgeOptions'].flatMap((k) => ((caps[k] as { args?: string[] } | undefined)?.args ?? []) as string[]);
  const switches = commandLine.length
    ? chromiumBoundaryKillers(commandLine)
    : chromiumBoundaryKillers(['', ...given.map((a) => (a.startsWith('--') ? a : `--${a}`))]);
  const prefs = ((caps['moz:firefoxOptions'] as { prefs?: Record<string, unknown> } | undefined)?.prefs ?? {}) as Record<string, unknown>;
  const prefProblems = Object.entries(prefs)
    .filter(([k, v]) => k in FIREFOX_BOUNDARY_PREFS && v !== FIREFOX_BOUNDARY_PREFS[k].shipped)
    .map(
      ([k, v]) => `pref ${k}=${String(v)} given in moz:firefoxOptions, shipped ${String(FIREFOX_BOUNDARY_PREFS[k].shipped)} (${FIREFOX_BOUNDARY_PREFS[k].off})`,
    );
  return [...switches, ...prefProblems];
}
