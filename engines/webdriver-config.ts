/**
 * The `webdriver` engine's settings, read from the environment and checked before any session:
 * which remote end, which capabilities, the results column's name, how the browser is told
 * about the proxy, and whether each visit gets a session or a window. Pure functions, so the
 * self-tests check every rule without a browser.
 */
import { ENGINE_NAMES, WEBDRIVER_ENGINE, type EngineFamily, type NonDefaultSetting } from './engine.ts';
import type { NetworkOptions } from '../servers/network.ts';
import { clearStatePlugin } from '../servers/clear-state.ts';
import { pacFile } from '../servers/pac.ts';

export { WEBDRIVER_ENGINE } from './engine.ts';

/**
 * How the remote browser learns the proxy:
 *  chrome      goog:chromeOptions / ms:edgeOptions args --proxy-server=… (Chromium, Chrome, Edge)
 *  webkitgtk   webkitgtk:browserOptions args --proxy=… (the WebDriver proxy capability does not route HTTPS there)
 *  capability  the standard `proxy` capability (geckodriver, and remote ends that honour it)
 *  none        the browser already sends the catalog hosts to the proxy (system proxy or PAC file, e.g. Safari)
 */
export type ProxyMode = 'chrome' | 'webkitgtk' | 'capability' | 'none';
/** session: a new WebDriver session per visit (a fresh profile); window: one session, a new window per visit, state cleared between visits. */
export type SessionMode = 'session' | 'window';

export interface WebDriverSettings {
  url: string;
  capabilities: Record<string, unknown>;
  /** The results column; undefined: derived from the browser the remote end reports. */
  name?: string;
  proxyMode: ProxyMode;
  sessionMode: SessionMode;
  /** Visits open at once on the remote end: 1 by default, as WebKitWebDriver and safaridriver hold one session at a time. */
  maxSessions: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function checkColumnName(name: string, source: string): string {
  if (!NAME.test(name)) throw new Error(`originproof: ${source}="${name}" is not a usable column name: letters, digits, ".", "_" and "-" only, at most 63`);
  if ((ENGINE_NAMES as string[]).includes(name) || name === WEBDRIVER_ENGINE) {
    throw new Error(`originproof: ${source}="${name}" would mix its rows with the built-in "${name}" column; choose another name`);
  }
  return name;
}

/** Reads and checks ORIGINPROOF_WEBDRIVER_*; every problem names the variable. */
export function webdriverSettings(env: NodeJS.ProcessEnv = process.env): WebDriverSettings {
  const rawUrl = env.ORIGINPROOF_WEBDRIVER_URL;
  if (!rawUrl) {
    throw new Error(
      'originproof: the webdriver engine needs ORIGINPROOF_WEBDRIVER_URL, the URL of a W3C WebDriver remote end (e.g. http://127.0.0.1:9515 for `chromedriver --port=9515`); see docs/any-browser.md',
    );
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new Error(`originproof: ORIGINPROOF_WEBDRIVER_URL="${rawUrl}" is not a URL (expected e.g. http://127.0.0.1:4444)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`originproof: ORIGINPROOF_WEBDRIVER_URL="${rawUrl}" must be an http: or https: URL`);
  }
  let capabilities: Record<string, unknown> = {};
  const rawCaps = env.ORIGINPROOF_WEBDRIVER_CAPABILITIES;
  if (rawCaps) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawCaps);
    } catch (e) {
      throw new Error(`originproof: ORIGINPROOF_WEBDRIVER_CAPABILITIES is not JSON: ${(e as Error).message}`, { cause: e });
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('originproof: ORIGINPROOF_WEBDRIVER_CAPABILITIES must be a JSON object of capabilities, e.g. {"browserName":"chrome"}');
    }
    capabilities = parsed as Record<string, unknown>;
  }
  const name = env.ORIGINPROOF_WEBDRIVER_NAME ? checkColumnName(env.ORIGINPROOF_WEBDRIVER_NAME, 'ORIGINPROOF_WEBDRIVER_NAME') : undefined;
  const rawProxy = env.ORIGINPROOF_WEBDRIVER_PROXY ?? 'auto';
  const modes: Array<ProxyMode | 'auto'> = ['auto', 'chrome', 'webkitgtk', 'capability', 'none'];
  if (!modes.includes(rawProxy as ProxyMode)) {
    throw new Error(`originproof: ORIGINPROOF_WEBDRIVER_PROXY="${rawProxy}" is not one of ${modes.join(', ')}`);
  }
  const rawSession = env.ORIGINPROOF_WEBDRIVER_SESSION ?? 'session';
  if (rawSession !== 'session' && rawSession !== 'window') {
    throw new Error(`originproof: ORIGINPROOF_WEBDRIVER_SESSION="${rawSession}" is not one of session, window`);
  }
  const rawMax = env.ORIGINPROOF_WEBDRIVER_MAX_SESSIONS ?? '1';
  const maxSessions = Number(rawMax);
  if (!Number.isInteger(maxSessions) || maxSessions < 1) {
    throw new Error(`originproof: ORIGINPROOF_WEBDRIVER_MAX_SESSIONS="${rawMax}" is not a whole number of at least 1`);
  }
  return {
    url: url.href.replace(/\/+$/, ''),
    capabilities,
    name,
    proxyMode: rawProxy === 'auto' ? detectProxyMode(capabilities) : (rawProxy as ProxyMode),
    sessionMode: rawSession,
    maxSessions,
  };
}

function browserNameOf(caps: Record<string, unknown>): string {
  return typeof caps.browserName === 'string' ? caps.browserName.toLowerCase() : '';
}

export function detectProxyMode(caps: Record<string, unknown>): ProxyMode {
  if (caps.proxy !== undefined) return 'none'; // the person gave their own proxy capability: left as given
  const name = browserNameOf(caps);
  if ('goog:chromeOptions' in caps || 'ms:edgeOptions' in caps || ['chrome', 'chromium', 'msedge', 'microsoftedge'].includes(name)) return 'chrome';
  if ('webkitgtk:browserOptions' in caps || name === 'minibrowser') return 'webkitgtk';
  if (name === 'safari') return 'none';
  return 'capability';
}

/** Which recorded deviations apply, from the browser name the remote end reports. */
export function familyOfBrowser(browserName: string): EngineFamily | undefined {
  const n = browserName.toLowerCase();
  if (/chrom|edge|opera|brave/.test(n)) return 'chromium';
  if (/firefox|gecko/.test(n)) return 'firefox';
  if (/safari|webkit|minibrowser|epiphany/.test(n)) return 'webkit';
  return undefined;
}

function optionsKey(caps: Record<string, unknown>, mode: ProxyMode): string | undefined {
  if (mode === 'chrome') return 'ms:edgeOptions' in caps ? 'ms:edgeOptions' : 'goog:chromeOptions';
  if (mode === 'webkitgtk') return 'webkitgtk:browserOptions';
  return undefined;
}

function withArgs(caps: Record<string, unknown>, key: string, extra: string[]): Record<string, unknown> {
  const opts = { ...((caps[key] as Record<string, unknown> | undefined) ?? {}) };
  const args = Array.isArray(opts.args) ? [...(opts.args as string[])] : [];
  for (const a of extra) if (!args.some((x) => x.split('=')[0] === a.split('=')[0])) args.push(a);
  return { ...caps, [key]: { ...opts, args } };
}

/**
 * The capabilities a visit's session asks for: the person's, plus what the harness needs —
 * the proxy, certificate errors accepted (the fixture certificate is made per run), popups
 * allowed without a gesture (as in the three built-in engines), and navigation that returns at
 * once (the page reports through the server). Each addition is listed with its reason; a value
 * the person set is never overridden.
 */
export function sessionCapabilities(settings: WebDriverSettings, proxyUrl: string): { capabilities: Record<string, unknown>; added: NonDefaultSetting[] } {
  let caps: Record<string, unknown> = structuredClone(settings.capabilities);
  const added: NonDefaultSetting[] = [];
  const proxy = new URL(proxyUrl);
  const hostPort = `${proxy.hostname}:${proxy.port}`;
  const key = optionsKey(caps, settings.proxyMode);
  if (settings.proxyMode === 'chrome' && key) {
    caps = withArgs(caps, key, [`--proxy-server=${proxyUrl}`, '--disable-popup-blocking']);
    added.push({ setting: `${key} args --proxy-server=${proxyUrl}`, reason: 'routes every catalog host to the fixture network' });
    added.push({
      setting: `${key} args --disable-popup-blocking`,
      reason: 'popup probes call window.open without a user gesture (same allowance as the built-in engines)',
      boundary: true,
    });
  } else if (settings.proxyMode === 'webkitgtk' && key) {
    caps = withArgs(caps, key, [`--proxy=${proxyUrl}`, '--javascript-can-open-windows-automatically=true']);
    added.push({
      setting: `${key} args --proxy=${proxyUrl}`,
      reason: 'routes every catalog host to the fixture network (the proxy capability does not route HTTPS in WebKitGTK)',
    });
    added.push({
      setting: `${key} args --javascript-can-open-windows-automatically=true`,
      reason: 'popup probes call window.open without a user gesture (same allowance as the built-in engines)',
      boundary: true,
    });
  } else if (settings.proxyMode === 'capability') {
    caps.proxy = { proxyType: 'manual', httpProxy: hostPort, sslProxy: hostPort, noProxy: [] };
    added.push({ setting: `capability proxy manual http+ssl ${hostPort}`, reason: 'routes every catalog host to the fixture network' });
    if (familyOfBrowser(browserNameOf(caps)) === 'firefox') {
      const opts = { ...((caps['moz:firefoxOptions'] as Record<string, unknown> | undefined) ?? {}) };
      const prefs = { ...((opts.prefs as Record<string, unknown> | undefined) ?? {}) };
      prefs['dom.disable_open_during_load'] ??= false;
      caps['moz:firefoxOptions'] = { ...opts, prefs };
      added.push({
        setting: 'moz:firefoxOptions pref dom.disable_open_during_load=false',
        reason: 'popup probes call window.open without a user gesture (same allowance as the built-in engines)',
        boundary: true,
      });
    }
  } else {
    added.push({
      setting: 'proxy not set by the harness',
      reason: 'ORIGINPROOF_WEBDRIVER_PROXY=none or a proxy capability was given: the browser must already send the catalog hosts to the proxy',
    });
  }
  if (caps.acceptInsecureCerts === undefined) {
    caps.acceptInsecureCerts = true;
    added.push({
      setting: 'capability acceptInsecureCerts=true',
      reason: 'the fixture certificate is made per run (or by a local CA the browser may not trust)',
    });
  }
  if (caps.pageLoadStrategy === undefined) {
    caps.pageLoadStrategy = 'none';
    added.push({ setting: 'capability pageLoadStrategy=none', reason: 'the page reports through the server; the driver does not wait for load' });
  }
  return { capabilities: caps, added };
}

/** The person's own capabilities, one line each, for the engine record. */
export function givenCapabilities(caps: Record<string, unknown>): NonDefaultSetting[] {
  return Object.entries(caps).map(([k, v]) => ({ setting: `capability ${k}=${JSON.stringify(v)}`, reason: 'given in ORIGINPROOF_WEBDRIVER_CAPABILITIES' }));
}

/**
 * The fixture network a remote end needs: the proxy on another address only when asked
 * (ORIGINPROOF_PROXY_LISTEN, for a browser on another machine; printed as a warning), a fixed
 * port when asked (ORIGINPROOF_PROXY_PORT, for a system proxy setting), a PAC file at
 * <proxy>/proxy.pac (for browsers that take the proxy from the system, such as Safari), and the
 * state-clearing chain when visits share one session.
 */
export function webdriverNetworkOptions(env: NodeJS.ProcessEnv = process.env): NetworkOptions {
  const options: NetworkOptions = { pac: pacFile };
  if (env.ORIGINPROOF_PROXY_LISTEN) options.proxyHost = env.ORIGINPROOF_PROXY_LISTEN;
  if (env.ORIGINPROOF_PROXY_PORT) {
    const port = Number(env.ORIGINPROOF_PROXY_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`originproof: ORIGINPROOF_PROXY_PORT="${env.ORIGINPROOF_PROXY_PORT}" is not a port number`);
    options.ports = { proxy: port };
  }
  if (env.ORIGINPROOF_WEBDRIVER_SESSION === 'window') options.plugins = [clearStatePlugin];
  return options;
}
