/**
 * The Firefox settings record: the preferences the harness sets, the ones Playwright writes into a
 * profile, and the reason for each as the engine record reports it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NonDefaultSetting } from './engine.ts';

export type Prefs = Record<string, string | number | boolean>;

/** Playwright's Firefox preferences that touch the origin boundary, and what the harness does about each. */
export const BOUNDARY_PREFS: Record<string, string> = {
  'browser.contentblocking.features.standard':
    "Playwright's value contains cookieBehavior0 (accept all third-party cookies); the harness overrides network.cookie.cookieBehavior back to the shipped default 5 (Total Cookie Protection)",
  'network.cookie.cookieBehavior':
    "the harness means Firefox's shipped default (5, Total Cookie Protection, browser/app/profile/firefox.js), undoing Playwright's cookieBehavior0",
  'network.cookie.sameSite.laxByDefault':
    'Playwright default; cookies without SameSite are treated as None rather than Lax (Firefox release builds ship the same value)',
  'dom.security.https_first':
    "set by the harness to Firefox's shipped default (true, modules/libpref/init/StaticPrefList.yaml) to undo Playwright's false: top-level http:// navigations are tried over https:// first, except to hosts under an unknown suffix such as .test (dom.security.https_first_for_unknown_suffixes=false) and on non-default ports (https_first_for_custom_ports=false)",
  'privacy.trackingprotection.enabled': 'Playwright default (tracking protection off in normal windows); no catalog host is on a tracking list',
  'security.fileuri.strict_origin_policy':
    "Playwright's false lets a file: document read other files; the harness sets it back to the shipped true (no scenario uses file: URLs)",
};

/** The preference that makes Firefox read the profile's userChrome.css. */
export const UI_STYLESHEET_PREF = 'toolkit.legacyUserProfileCustomizations.stylesheets';

export const OUR_PREF_REASONS: Record<string, string> = {
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
  [UI_STYLESHEET_PREF]:
    "reads the profile's chrome/userChrome.css, which hides the tab strip (`#TabsToolbar`): every popup is a tab, and laying out and painting the strip for each was a third of the parent process's main thread (browser UI only: web content is not affected)",
  'remote.events.async.mouse.enabled':
    "the driver's clicks go in as widget events of the browser window, routed by hit-testing like a user's, so they reach out-of-process (cross-site) frames; by default the remote agent synthesizes them in the top document's content process, where a click over a cross-site frame stops at the <iframe> element (an automation setting: web content is not affected)",
};

/** The harness's own preferences: the proxy for every scheme, popups without a gesture, the shipped cookie behaviour. */
export function harnessPrefs(proxyUrl: string): Prefs {
  const proxy = new URL(proxyUrl);
  return {
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
    // Undo Playwright's https_first=false: HTTPS-First as shipped (see BOUNDARY_PREFS).
    'dom.security.https_first': true,
    'browser.tabs.loadDivertedInBackground': true,
    // Real clicks reach cross-site (out-of-process) frames only through the parent process.
    'remote.events.async.mouse.enabled': true,
    // Undo Playwright's false (file: documents reading other files): no scenario needs it.
    'security.fileuri.strict_origin_policy': true,
  };
}

/**
 * The preferences Playwright 1.64.1 writes into a Firefox profile (read back from its user.js),
 * verbatim: the direct driver starts Firefox exactly as Playwright would, so verdicts cannot
 * differ by preference, only by who drives it. Their reasons are in BOUNDARY_PREFS and the report.
 */
export const PLAYWRIGHT_PREFS: Record<string, string | number | boolean> = {
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

/**
 * The browser UI's stylesheet in the harness's profiles: no tab strip. Only the strip: with the
 * whole toolbox hidden, the driver's clicks no longer reached the page.
 */
export const USER_CHROME_CSS = '#TabsToolbar { display: none !important; }\n';

/**
 * Playwright's preferences and then the harness's, as a profile's user.js, with the browser UI's
 * stylesheet: only profiles the harness writes itself have it (Playwright writes its own).
 */
export function userJsPrefs(ours: Prefs): Prefs {
  return { ...PLAYWRIGHT_PREFS, ...ours, [UI_STYLESHEET_PREF]: true };
}

/** The profile's user.js and its chrome/userChrome.css. */
export function writeUserJs(profileDir: string, ours: Prefs): void {
  fs.mkdirSync(path.join(profileDir, 'chrome'), { recursive: true });
  fs.writeFileSync(path.join(profileDir, 'chrome', 'userChrome.css'), USER_CHROME_CSS);
  fs.writeFileSync(
    path.join(profileDir, 'user.js'),
    Object.entries(userJsPrefs(ours))
      .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n') + '\n',
  );
}

export function readUserPrefs(profileDir: string | undefined): Record<string, string> {
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
export function prefSettings(prefs: Record<string, string>, otherReason: string): NonDefaultSetting[] {
  return Object.entries(prefs).map(([k, v]) => ({
    setting: `pref ${k}=${v}`,
    reason: BOUNDARY_PREFS[k] ?? OUR_PREF_REASONS[k] ?? otherReason,
    ...(k in BOUNDARY_PREFS || k === 'dom.disable_open_during_load' ? { boundary: true } : {}),
  }));
}
