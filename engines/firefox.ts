/**
 * Firefox through Playwright: Playwright's own build where installed, else Debian's
 * `firefox-esr` over WebDriver BiDi (channel moz-firefox). The proxy is set by preferences
 * because Playwright's proxy option under BiDi only covers plain HTTP.
 */
import fs from 'node:fs';
import path from 'node:path';
import { firefox, type Browser } from '@playwright/test';
import { EngineUnavailableError, type EngineSession, type Flavour, type LaunchOptions, type NonDefaultSetting } from './engine.ts';
import { findLaunched, pidsNow } from './process-info.ts';
import { availability, playwrightVisits, type Availability } from './playwright-session.ts';

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
  };
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
    ...Object.entries(userPrefs).map(([k, v]) => ({
      setting: `pref ${k}=${v}`,
      reason: BOUNDARY_PREFS[k] ?? OUR_PREF_REASONS[k] ?? 'Playwright automation preference (profile user.js)',
      ...(k in BOUNDARY_PREFS || k === 'dom.disable_open_during_load' ? { boundary: true } : {}),
    })),
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
