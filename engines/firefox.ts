/**
 * Firefox through Playwright: Playwright's own build where installed, else Debian's
 * `firefox-esr` over WebDriver BiDi (channel moz-firefox). The proxy is set by preferences
 * because Playwright's proxy option under BiDi only covers plain HTTP.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firefox, type Browser } from '@playwright/test';
import { EngineUnavailableError, stepOrDeath, type EngineSession, type Flavour, type LaunchOptions, type NonDefaultSetting } from './engine.ts';
import { findLaunched, pidsNow, removeTempDir } from './process-info.ts';
import { availability, playwrightVisits, type Availability } from './playwright-session.ts';
import { connectBidi } from './bidi-socket.ts';

export const SYSTEM_FIREFOX = '/usr/bin/firefox-esr';

/** Playwright's Firefox preferences that touch the origin boundary, and what the harness does about each. */
const BOUNDARY_PREFS: Record<string, string> = {
  'browser.contentblocking.features.standard':
    "Playwright's value contains cookieBehavior0 (accept all third-party cookies); the harness overrides network.cookie.cookieBehavior back to the shipped default 5 (Total Cookie Protection)",
  'network.cookie.cookieBehavior': "set by the harness to Firefox's shipped default (5, browser/app/profile/firefox.js) to undo Playwright's cookieBehavior0",
  'network.cookie.sameSite.laxByDefault':
    'Playwright default; cookies without SameSite are treated as None rather than Lax (Firefox release builds ship the same value)',
  'dom.security.https_first': 'Playwright default; top-level http:// navigations are not upgraded to https://',
  'privacy.trackingprotection.enabled': 'Playwright default (tracking protection off in normal windows); no catalog host is on a tracking list',
  'security.fileuri.strict_origin_policy': 'Playwright default; affects file: URLs only, which no scenario uses',
};

const OUR_PREF_REASONS: Record<string, string> = {
  'network.proxy.type': 'manual proxy: every catalog host goes to the fixture network',
  'network.proxy.http': 'fixture network proxy',
  'network.proxy.http_port': 'fixture network proxy',
  'network.proxy.ssl': 'fixture network proxy (HTTPS via CONNECT)',
  'network.proxy.ssl_port': 'fixture network proxy',
  'network.proxy.no_proxies_on': 'nothing bypasses the proxy',
  'network.proxy.allow_hijacking_localhost': 'nothing bypasses the proxy',
  'browser.tabs.loadDivertedInBackground':
    'a popup (window.open, which Firefox opens as a tab) is not selected: no tab switch and no repaint of the browser UI per popup; its page runs unthrottled (layout.testing.top-level-always-active)',
  'dom.disable_open_during_load': 'popup probes call window.open without a user gesture (same allowance as the other engines)',
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

function readUserPrefs(profileDir: string | undefined): Record<string, string> {
  if (!profileDir) return {};
  const out: Record<string, string> = {};
  try {
    const text = fs.readFileSync(path.join(profileDir, 'user.js'), 'utf8');
    for (const m of text.matchAll(/user_pref\(\s*"([^"]+)"\s*,\s*(.+?)\s*\);/g)) out[m[1]] = m[2];
  } catch {
    // No user.js: nothing recorded beyond what we set.
  }
  return out;
}

/** The profile's preferences as report entries: the reason for each, boundary ones marked. */
function prefSettings(prefs: Record<string, string>, otherReason: string): NonDefaultSetting[] {
  return Object.entries(prefs).map(([k, v]) => ({
    setting: `pref ${k}=${v}`,
    reason: BOUNDARY_PREFS[k] ?? OUR_PREF_REASONS[k] ?? otherReason,
    ...(k in BOUNDARY_PREFS || k === 'dom.disable_open_during_load' ? { boundary: true } : {}),
  }));
}

export async function launchFirefox(flavour: Flavour, opts: LaunchOptions, executableOverride?: string): Promise<EngineSession> {
  const found: Availability = executableOverride
    ? fs.existsSync(executableOverride)
      ? { ok: true, executable: executableOverride }
      : { ok: false, detail: `${executableOverride} does not exist`, install: 'sudo apt-get install -y firefox-esr' }
    : firefoxFlavourAvailable(flavour);
  if (!found.ok) throw new EngineUnavailableError('firefox', flavour, found.install, found.detail);
  const executable = found.executable;
  const proxy = new URL(opts.proxyUrl);
  const prefs: Record<string, string | number | boolean> = {
    'network.proxy.type': 1,
    'network.proxy.http': proxy.hostname,
    'network.proxy.http_port': Number(proxy.port),
    'network.proxy.ssl': proxy.hostname,
    'network.proxy.ssl_port': Number(proxy.port),
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'dom.disable_open_during_load': false,
    // Undo Playwright's cookieBehavior0 (see BOUNDARY_PREFS).
    'network.cookie.cookieBehavior': 5,
    'browser.tabs.loadDivertedInBackground': true,
  };
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
    },
    ...playwrightVisits(browser, 'Firefox'),
  };
}

/**
 * The preferences Playwright 1.64.1 writes into a Firefox profile (read back from its user.js),
 * verbatim: the direct driver starts Firefox exactly as Playwright would, so verdicts cannot
 * differ by preference, only by who drives it. Their reasons are in BOUNDARY_PREFS and the report.
 */
const PLAYWRIGHT_PREFS: Record<string, string | number | boolean> = {
  'app.normandy.api_url': '',
  'app.update.checkInstallTime': false,
  'app.update.disabledForTesting': true,
  'apz.content_response_timeout': 60000,
  'browser.contentblocking.features.standard': '-tp,tpPrivate,cookieBehavior0,-cm,-fp',
  'browser.dom.window.dump.enabled': true,
  'browser.newtabpage.activity-stream.discoverystream.region-weather-config': '',
  'browser.newtabpage.activity-stream.newtabWallpapers.enabled': false,
  'browser.newtabpage.activity-stream.newtabWallpapers.v2.enabled': false,
  'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.newtabpage.enabled': false,
  'browser.pagethumbnails.capturing_disabled': true,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.search.update': false,
  'browser.sessionstore.resume_from_crash': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage': 'about:blank',
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.tabs.disableBackgroundZombification': false,
  'browser.tabs.warnOnCloseOtherTabs': false,
  'browser.tabs.warnOnOpen': false,
  'browser.translations.automaticallyPopup': false,
  'browser.uitour.enabled': false,
  'browser.urlbar.suggest.searches': false,
  'browser.usedOnWindows10.introURL': '',
  'browser.warnOnQuit': false,
  'datareporting.healthreport.documentServerURI': 'http://dummy.test/dummy/healthreport/',
  'datareporting.healthreport.logging.consoleEnabled': false,
  'datareporting.healthreport.service.enabled': false,
  'datareporting.healthreport.service.firstRun': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.usage.uploadEnabled': false,
  'telemetry.fog.test.localhost_port': -1,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.policy.dataSubmissionPolicyBypassNotification': true,
  'devtools.jsonview.enabled': false,
  'dom.file.createInChild': true,
  'dom.ipc.reportProcessHangs': false,
  'dom.max_chrome_script_run_time': 0,
  'dom.max_script_run_time': 0,
  'dom.min_background_timeout_value': 0,
  'dom.min_background_timeout_value_without_budget_throttling': 0,
  'dom.timeout.enable_budget_timer_throttling': false,
  'dom.security.https_first': false,
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 5,
  'extensions.getAddons.cache.enabled': false,
  'extensions.installDistroAddons': false,
  'extensions.screenshots.disabled': true,
  'extensions.update.enabled': false,
  'extensions.update.notifyUser': false,
  'extensions.webservice.discoverURL': 'http://dummy.test/dummy/discoveryURL',
  'focusmanager.testmode': true,
  'general.useragent.updates.enabled': false,
  'geo.provider.testing': true,
  'geo.wifi.scan': false,
  'hangmonitor.timeout': 0,
  'javascript.options.showInConsole': true,
  'layout.testing.top-level-always-active': true,
  'media.gmp-manager.updateEnabled': false,
  'media.sanity-test.disabled': true,
  'network.connectivity-service.enabled': false,
  'network.cookie.sameSite.laxByDefault': false,
  'network.http.prompt-temp-redirect': false,
  'network.http.speculative-parallel-limit': 0,
  'network.manage-offline-status': false,
  'network.sntp.pools': 'dummy.test',
  'plugin.state.flash': 0,
  'privacy.trackingprotection.enabled': false,
  'remote.enabled': true,
  'security.certerrors.mitm.priming.enabled': false,
  'security.fileuri.strict_origin_policy': false,
  'security.notification_enable_delay': 0,
  'signon.autofillForms': false,
  'signon.rememberSignons': false,
  'startup.homepage_welcome_url': 'about:blank',
  'startup.homepage_welcome_url.additional': '',
  'toolkit.cosmeticAnimations.enabled': false,
  'toolkit.startup.max_resumed_crashes': -1,
  'dom.testing.testutils.enabled': true,
};

/** Debian's Firefox over WebDriver BiDi, spoken directly (bidi-socket.ts): one user context per visit, no event subscriptions. */
async function launchDirect(executable: string, ours: Record<string, string | number | boolean>): Promise<EngineSession> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-firefox-'));
  const removeProfile = () => removeTempDir(profileDir);
  fs.writeFileSync(
    path.join(profileDir, 'user.js'),
    Object.entries({ ...PLAYWRIGHT_PREFS, ...ours })
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n') + '\n',
  );
  const args = ['--remote-debugging-port=0', '--headless', '--profile', profileDir];
  const before = pidsNow();
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderrTail = '';
  let exited: string | undefined;
  const exit = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve((exited = `Firefox exited (${signal ?? `code ${code}`})`)));
    child.once('error', (e) => resolve((exited = `Firefox could not be started: ${e.message}`)));
  });
  void exit.then(removeProfile);
  const fail = (e: unknown): never => {
    child.kill('SIGKILL');
    throw new Error(
      `originproof: Firefox at ${executable} would not start: ${(e as Error).message.split('\n')[0]}${stderrTail.trim() ? ` (stderr: ${stderrTail.trim().split('\n').slice(-2).join(' | ')})` : ''}`,
      { cause: e },
    );
  };
  let bidi;
  let version: string;
  try {
    // Firefox announces its endpoint on stderr: "WebDriver BiDi listening on ws://127.0.0.1:PORT".
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no WebDriver BiDi endpoint announced within 60 s')), 60_000);
      child.stderr!.on('data', (d: Buffer) => {
        stderrTail = (stderrTail + d.toString()).slice(-4000);
        const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(stderrTail);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      void exit.then((c) => {
        clearTimeout(timer);
        reject(new Error(c));
      });
    });
    bidi = await connectBidi(`${endpoint}/session`, 'Firefox');
    // acceptInsecureCerts: the fixture network's self-signed certificate (Playwright's ignoreHTTPSErrors).
    const session = await bidi.send<{ capabilities: { browserVersion: string } }>('session.new', {
      capabilities: { alwaysMatch: { acceptInsecureCerts: true } },
    });
    version = session.capabilities.browserVersion;
  } catch (e) {
    return fail(e);
  }
  const socket = bidi;
  const proc = findLaunched((cmd) => /firefox/i.test(cmd[0]) && !cmd.includes('-contentproc') && !cmd.includes('-isForBrowser'), before);
  const commandLine = proc?.cmdline ?? [executable, ...args];
  const nonDefault: NonDefaultSetting[] = [
    ...args.filter((a) => a.startsWith('-') && a !== '--profile').map((a) => ({ setting: `arg ${a}`, reason: 'launch argument (as Playwright passes it)' })),
    {
      setting: 'visit tab opened in the background (browsingContext.create background: true)',
      reason: "not selected, so neither it nor the browser UI is repainted for it; Playwright's layout.testing.top-level-always-active keeps it unthrottled",
    },
    ...prefSettings(readUserPrefs(profileDir), 'Playwright automation preference (written verbatim into the profile user.js)'),
  ];
  let deathCause: string | undefined;
  const died = Promise.race([exit, socket.closed]).then((c) => (deathCause ??= exited ?? c));
  const orDeath = stepOrDeath(died);
  /**
   * A tab, not a window: every new window loads Firefox's whole browser UI in the parent process.
   * In the background, like the popups it opens (browser.tabs.loadDivertedInBackground): selecting
   * each tab repainted the browser UI. Both together, over 264 scenarios, two A/B pairs: parent
   * 65 → 40 CPU-s, whole run 130 → 95 busy core-s, 0 observations changed.
   * Creating a tab while another visit's popups close fails now and then with "BrowsingContext
   * does no longer exist" before anything is loaded in it; that step alone is tried again.
   */
  async function createTab(userContext: string): Promise<{ context: string }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await orDeath(socket.send<{ context: string }>('browsingContext.create', { type: 'tab', userContext, background: true }));
      } catch (e) {
        if (attempt >= 3 || !/DiscardedBrowsingContextError|no such frame/.test((e as Error).message)) throw e;
      }
    }
  }
  return {
    info: {
      engine: 'firefox',
      family: 'firefox',
      flavour: 'system',
      backend: 'WebDriver BiDi',
      browser: `Firefox ${version}`,
      version,
      executable,
      commandLine,
      nonDefault,
    },
    died: () => deathCause,
    async open(url) {
      const { userContext } = await orDeath(socket.send<{ userContext: string }>('browser.createUserContext'));
      const remove = () =>
        socket.send('browser.removeUserContext', { userContext }).then(
          () => undefined,
          () => undefined,
        );
      try {
        const { context } = await createTab(userContext);
        await orDeath(socket.send('browsingContext.navigate', { context, url, wait: 'none' }));
      } catch (e) {
        await remove();
        throw new Error(`originproof: Firefox could not open ${url}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
      }
      return { close: remove, died };
    },
    async close() {
      deathCause ??= 'Firefox was closed by the harness';
      if (exited) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await Promise.race([socket.send('browser.close').catch(() => undefined), exit]);
      await exit;
      clearTimeout(timer);
    },
  };
}
