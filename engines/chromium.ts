/**
 * Chromium through Playwright (CDP): Playwright's own build where installed, else Debian's
 * `chromium`. Playwright's default switches that change origin-boundary behaviour are removed.
 */
import fs from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { EngineUnavailableError, type EngineSession, type Flavour, type LaunchOptions, type NonDefaultSetting } from './engine.ts';
import { findLaunched, pidsNow } from './process-info.ts';
import { availability, playwrightVisits, type Availability } from './playwright-session.ts';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// Playwright 1.64.1's --disable-features list (chromiumSwitches.ts), kept verbatim so the exact
// argument can be removed with ignoreDefaultArgs; the launch checks the result on the real process.
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'DialMediaRouteProvider',
  'GlobalMediaControls',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'BlockOriginHeaderModificationOnRedirect',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'Translate',
  'AutoDeElevate',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
/** Features whose disabling changes what crosses the origin boundary: they stay enabled, as shipped. */
export const BOUNDARY_FEATURES = [
  'ThirdPartyStoragePartitioning',
  'HttpsUpgrades',
  'BlockOriginHeaderModificationOnRedirect',
  'AvoidCorsURLLoaderRestartOnRedirect',
];

const REASONS: Record<string, string> = {
  '--no-sandbox': 'running as root: Chromium refuses to start its sandbox as root (not an origin-boundary setting; Site Isolation stays on)',
  '--disable-popup-blocking':
    'kept from Playwright: popup probes call window.open without a user gesture; the popup blocker is a UI policy, not the origin boundary — popups are allowed the same way in Firefox and WebKit',
  '--disable-background-networking': 'the fixture network is closed; background fetches to Google would be refused by the proxy',
  '--proxy-server': 'routes every catalog host to the fixture network',
  '--proxy-bypass-list': 'set by Playwright with the proxy',
  '--ignore-certificate-errors': 'not used: certificate errors are ignored per context by CDP',
  '--disable-features': `Playwright defaults minus ${BOUNDARY_FEATURES.join(', ')} (kept enabled, as shipped)`,
  '--headless': 'no display needed',
};

export function chromiumFlavourAvailable(flavour: Flavour): Availability {
  return availability(
    flavour,
    SYSTEM_CHROMIUM,
    'sudo apt-get install -y chromium',
    chromium.executablePath(),
    'npx playwright install --with-deps chromium',
    'Chromium',
  );
}

export async function launchChromium(flavour: Flavour, opts: LaunchOptions, executableOverride?: string): Promise<EngineSession> {
  const found: Availability = executableOverride
    ? fs.existsSync(executableOverride)
      ? { ok: true, executable: executableOverride }
      : { ok: false, detail: `${executableOverride} does not exist`, install: 'sudo apt-get install -y chromium' }
    : chromiumFlavourAvailable(flavour);
  if (!found.ok) throw new EngineUnavailableError('chromium', flavour, found.install, found.detail);
  const executable = found.executable;
  const keptFeatures = PLAYWRIGHT_DISABLED_FEATURES.filter((f) => !BOUNDARY_FEATURES.includes(f));
  const args = [`--disable-features=${keptFeatures.join(',')}`];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  const before = pidsNow();
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: executable,
      proxy: { server: opts.proxyUrl },
      ignoreDefaultArgs: [`--disable-features=${PLAYWRIGHT_DISABLED_FEATURES.join(',')}`],
      args,
      timeout: 30_000,
    });
  } catch (e) {
    throw new Error(`originproof: Chromium at ${executable} would not start: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  const proc = findLaunched((cmd) => /chrom/i.test(cmd[0]) && !cmd.some((a) => a.startsWith('--type=')), before);
  const commandLine = proc?.cmdline ?? [executable, ...args];
  const disabled = commandLine.filter((a) => a.startsWith('--disable-features=')).flatMap((a) => a.slice('--disable-features='.length).split(','));
  const stillDisabled = BOUNDARY_FEATURES.filter((f) => disabled.includes(f));
  if (stillDisabled.length) {
    await browser.close();
    throw new Error(
      `originproof: Chromium still runs with ${stillDisabled.join(', ')} disabled; Playwright's default switches changed — update PLAYWRIGHT_DISABLED_FEATURES in engines/chromium.ts`,
    );
  }
  const nonDefault: NonDefaultSetting[] = commandLine
    .slice(1)
    .filter((a) => a.startsWith('--') && !a.startsWith('--user-data-dir') && a !== '--remote-debugging-pipe')
    .map((a) => ({
      setting: a,
      reason: REASONS[a.split('=')[0]] ?? 'Playwright launch default or Debian wrapper flag: automation hygiene, no origin-boundary effect',
      ...(a === '--disable-popup-blocking' || a.startsWith('--disable-features') ? { boundary: true } : {}),
    }));
  const version = browser.version();
  return {
    info: { engine: 'chromium', family: 'chromium', flavour, backend: 'CDP', browser: `Chromium ${version}`, version, executable, commandLine, nonDefault },
    ...playwrightVisits(browser, 'Chromium'),
  };
}
