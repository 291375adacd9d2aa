/**
 * Chromium through Playwright (CDP): Playwright's own build where installed, else Debian's
 * `chromium`. Playwright's default switches that change origin-boundary behaviour are removed.
 */
import { chromium, type Browser } from '@playwright/test';
import { startCdpPipe, type CdpPipe } from './cdp-pipe.ts';
import { spkiHash } from '../servers/certificate.ts';
import {
  EngineUnavailableError,
  stepOrDeath,
  type EngineInfo,
  type EngineSession,
  type Flavour,
  type LaunchOptions,
  type NonDefaultSetting,
  type VisitGrant,
} from './engine.ts';
import { findLaunched, makeTempDir, pidsNow, removeTempDir } from './process-info.ts';
import { chromiumBoundaryKillers } from './boundary.ts';
import { playwrightVisits } from './playwright-session.ts';
import { availability, givenOrAvailable, type Availability } from './executables.ts';
import { CHROMIUM_PROFILE } from './profiles.ts';
import { ADDRESS_SPACES, hostAddressSpaces, type AddressSpaceListeners } from '../protocol/address-space.ts';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// Playwright 1.64.1's --disable-features list (chromiumSwitches.ts), kept verbatim so the exact
// argument can be removed with ignoreDefaultArgs; the launch checks the result on the real process.
export const PLAYWRIGHT_DISABLED_FEATURES = [
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

/**
 * Browser UI, not the web platform: Chromium 156 preloads the omnibox's WebUI popup
 * (chrome://omnibox-popup.top-chrome) in a renderer process of its own for every window, and
 * every visit is a window. No page can reach it; not preloading it saves a renderer per visit
 * (measured in docs/performance.md; tests/selftest/engines.test.ts checks that no window gets one).
 */
export const BROWSER_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

/**
 * A process launched ahead of need, not the process model: Chromium keeps a spare renderer
 * started for the next navigation, but for one browser context only, so with a context per visit
 * and visits side by side most spares were killed unused (2.4 launches per renderer used). Site
 * Isolation still gives every site its own locked process.
 */
export const SPARE_RENDERER_FEATURES = ['SpareRendererForSitePerProcess'];

/** What the harness adds to --disable-features: browser UI and the spare renderer, nothing on the boundary. */
export const SAVING_FEATURES = [...BROWSER_UI_FEATURES, ...SPARE_RENDERER_FEATURES];

/** The --disable-features list Chromium runs with: Playwright's minus the boundary features, plus the savings. */
export const DISABLED_FEATURES = [...PLAYWRIGHT_DISABLED_FEATURES.filter((f) => !BOUNDARY_FEATURES.includes(f)), ...SAVING_FEATURES];

/** Chromium refuses to start its sandbox as root; then it runs without (Site Isolation stays on). */
export function sandboxSwitches(): string[] {
  return process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}

const REASONS: Record<string, string> = {
  '--no-sandbox': 'running as root: Chromium refuses to start its sandbox as root (not an origin-boundary setting; Site Isolation stays on)',
  '--disable-popup-blocking':
    'kept from Playwright: popup probes call window.open without a user gesture; the popup blocker is a UI policy, not the origin boundary — popups are allowed the same way in Firefox and WebKit',
  '--disable-background-networking': 'the fixture network is closed; background fetches to Google would be refused by the proxy',
  '--proxy-server': 'routes every catalog host to the fixture network',
  '--proxy-bypass-list': 'set by Playwright with the proxy',
  '--ignore-certificate-errors': 'not used: only the fixture certificate is accepted (--ignore-certificate-errors-spki-list)',
  '--ignore-certificate-errors-spki-list': "accepts the fixture network's self-signed certificate, by its public key, and no other",
  '--disable-features': `Playwright defaults minus ${BOUNDARY_FEATURES.join(', ')} (kept enabled, as shipped), plus ${BROWSER_UI_FEATURES.join(', ')} (the omnibox's WebUI popup, a renderer per window that no page can reach) and ${SPARE_RENDERER_FEATURES.join(', ')} (a renderer launched ahead of need for one browser context; Site Isolation unchanged)`,
  '--headless': 'no display needed',
  '--short-reporting-delay':
    'Reporting API reports are delivered within a second instead of queued for a minute, as web-platform-tests runs Chromium: a delivery timing, not which reports are sent or what they say (https://developer.chrome.com/docs/capabilities/web-apis/reporting-api#save_time)',
  '--host-resolver-rules':
    'Local Network Access: each address-space host (lna-*.test) is connected to directly, at the fixture listener of its space; Chromium counts a resource reached through a proxy as of no address space (TransportInfoToIPAddressSpace), so these hosts bypass the proxy',
  '--ip-address-space-overrides':
    'Local Network Access: tells Chromium which address space each address-space listener is in (all listen on 127.0.0.1), as web-platform-tests does; no other endpoint is overridden',
};

/** Switches the harness adds to either launch path (see REASONS). */
const HARNESS_SWITCHES = ['--short-reporting-delay'];

/** Switches that place hosts in address spaces: on the origin boundary (Local Network Access), so listed with the boundary settings. */
const ADDRESS_SPACE_SWITCHES = ['--host-resolver-rules', '--ip-address-space-overrides'];

/**
 * Local Network Access: each address-space host resolved to the direct listener of its space
 * (bypassing the proxy), and each listener's endpoint placed in its space.
 */
export function addressSpaceSwitches(listeners: AddressSpaceListeners | undefined): { bypass: string[]; args: string[] } {
  if (!listeners) return { bypass: [], args: [] };
  const hosts = [...hostAddressSpaces()];
  return {
    bypass: hosts.map(([host]) => host),
    args: [
      `--host-resolver-rules=${hosts.map(([host, space]) => `MAP ${host} ${listeners.direct[space]}`).join(',')}`,
      `--ip-address-space-overrides=${ADDRESS_SPACES.map((space) => `${listeners.direct[space]}=${space}`).join(',')}`,
    ],
  };
}

/**
 * The running browser's switches (read from /proc), each with its reason; those that touch the
 * origin boundary marked, and those that switch it off named as such, whoever put them there.
 */
function nonDefaultSwitches(commandLine: string[], readFrom: string): NonDefaultSetting[] {
  return commandLine
    .slice(1)
    .filter((a) => a.startsWith('--') && !a.startsWith('--user-data-dir') && a !== '--remote-debugging-pipe')
    .map((a) => {
      const killer = chromiumBoundaryKillers(['', a])[0];
      const reason = killer
        ? `NOT set by the harness: ${killer}; the engine is refused`
        : (REASONS[a.split('=')[0]] ?? 'Playwright launch default or Debian wrapper flag: automation hygiene, no origin-boundary effect');
      return {
        setting: a,
        reason,
        value: a,
        readFrom,
        ...(killer || a === '--disable-popup-blocking' || a.startsWith('--disable-features') || ADDRESS_SPACE_SWITCHES.includes(a.split('=')[0])
          ? { boundary: true }
          : {}),
      };
    });
}

/**
 * Each boundary feature's state on the running browser's command line, beside what the harness
 * meant (enabled, as shipped). Chromium offers no protocol command that reads a feature's state
 * back (DevTools SystemInfo.getFeatureState answers "Unknown feature" for these), and field trials
 * are off (--disable-field-trial-config), so the command line is what decides them.
 */
function boundaryFeatures(commandLine: string[], readFrom: string): { settings: NonDefaultSetting[]; problems: string[] } {
  const disabled = commandLine.filter((a) => a.startsWith('--disable-features=')).flatMap((a) => a.slice('--disable-features='.length).split(','));
  const settings: NonDefaultSetting[] = [];
  const problems: string[] = [];
  for (const feature of BOUNDARY_FEATURES) {
    const state = disabled.includes(feature) ? 'disabled' : 'enabled';
    settings.push({
      setting: `feature ${feature}=${state}`,
      reason: 'kept enabled, as shipped (Playwright disables it)',
      boundary: true,
      value: state,
      meant: 'enabled',
      readFrom,
    });
    if (state !== 'enabled') problems.push(`feature ${feature} is disabled on the running browser's command line, the harness meant it enabled`);
  }
  return { settings, problems };
}

/** The record's boundary part, from the running process's command line: switches, features, and what is wrong with them. */
function boundaryRecord(commandLine: string[], readFrom: string): { nonDefault: NonDefaultSetting[]; boundaryProblems: string[] } {
  const features = boundaryFeatures(commandLine, readFrom);
  return {
    nonDefault: [...nonDefaultSwitches(commandLine, readFrom), ...features.settings],
    boundaryProblems: [...chromiumBoundaryKillers(commandLine), ...features.problems],
  };
}

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
  const found = givenOrAvailable(executableOverride, 'sudo apt-get install -y chromium', () => chromiumFlavourAvailable(flavour));
  if (!found.ok) throw new EngineUnavailableError('chromium', flavour, found.install, found.detail);
  const executable = found.executable;
  const args = [`--disable-features=${DISABLED_FEATURES.join(',')}`, ...HARNESS_SWITCHES, ...sandboxSwitches()];
  if (process.env.ORIGINPROOF_DRIVER !== 'playwright') return launchDirect(flavour, executable, opts);
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
  const { info, commandLine } = launchedRecord(flavour, browser.version(), executable, args, before);
  const disabled = commandLine.filter((a) => a.startsWith('--disable-features=')).flatMap((a) => a.slice('--disable-features='.length).split(','));
  const stillDisabled = BOUNDARY_FEATURES.filter((f) => disabled.includes(f));
  if (stillDisabled.length) {
    await browser.close();
    throw new Error(
      `originproof: Chromium still runs with ${stillDisabled.join(', ')} disabled; Playwright's default switches changed — update PLAYWRIGHT_DISABLED_FEATURES in engines/chromium.ts`,
    );
  }
  return { info, ...playwrightVisits(browser, 'Chromium') };
}

/** The engine record of a Chromium just launched, from its real command line (/proc) where the process is found. */
function launchedRecord(
  flavour: Flavour,
  version: string,
  executable: string,
  args: string[],
  before: Set<number>,
): { info: EngineInfo; commandLine: string[] } {
  const proc = findLaunched((cmd) => /chrom/i.test(cmd[0]) && !cmd.some((a) => a.startsWith('--type=')), before);
  const commandLine = proc?.cmdline ?? [executable, ...args];
  const record = boundaryRecord(commandLine, proc ? `/proc/${proc.pid}/cmdline` : 'the launch arguments (process not found)');
  return {
    commandLine,
    info: {
      engine: 'chromium',
      family: 'chromium',
      flavour,
      backend: 'CDP',
      browser: `Chromium ${version}`,
      version,
      executable,
      commandLine,
      ...record,
      profile: CHROMIUM_PROFILE,
    },
  };
}

/**
 * Playwright 1.64.1's launch switches (chromiumSwitches.ts plus its headless and proxy switches),
 * verbatim: the direct driver starts Chromium exactly as Playwright would, so verdicts cannot
 * differ by command line, only by who drives it.
 */
const PLAYWRIGHT_SWITCHES = [
  '--disable-field-trial-config',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-back-forward-cache',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-component-update',
  '--no-default-browser-check',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-edgeupdater',
  '--disable-extensions',
  '--enable-features=CDPScreenshotNewSurface',
  '--allow-pre-commit-input',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-updater-scheduler',
  '--force-color-profile=srgb',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--no-service-autorun',
  '--export-tagged-pdf',
  '--disable-search-engine-choice-screen',
  '--unsafely-disable-devtools-self-xss-warnings',
  '--edge-skip-compat-layer-relaunch',
  '--disable-infobars',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--blink-settings=primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4',
];

/**
 * Browser.setPermission for one grant: `origin` is the top-level origin, and for Storage Access
 * `embeddedOrigin` the embedded one (the pair the storage-access permission is keyed by); the
 * Local Network Access permissions (local-network, loopback-network) are keyed by the origin alone.
 */
function cdpGrant(g: VisitGrant, browserContextId: string): Record<string, unknown> {
  return {
    permission: { name: g.name },
    setting: g.state,
    origin: g.origin,
    ...(g.embeddedOrigin ? { embeddedOrigin: g.embeddedOrigin } : {}),
    browserContextId,
  };
}

/**
 * Chromium refuses a Local Network Access grant to an origin that is not secure ("Permission can't
 * be granted in current context"): such a visit runs with the permission at prompt, as the engine
 * record says (its rows expect a network error whatever the permission). Any other refusal stands.
 */
function refusedForHttp(g: VisitGrant): (e: Error) => void {
  return (e) => {
    if (g.name === 'storage-access' || !g.origin.startsWith('http:') || !/can't be granted in current context/.test(e.message)) throw e;
  };
}

/** A left click through Input.dispatchMouseEvent on the page's own target (the session the visit page was opened with). */
function cdpClicker(cdp: CdpPipe, sessionId: string, orDeath: <T>(step: Promise<T>) => Promise<T>): (x: number, y: number) => Promise<void> {
  return async (x, y) => {
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
      const press = type === 'mouseMoved' ? {} : { button: 'left', buttons: type === 'mousePressed' ? 1 : 0, clickCount: 1 };
      await orDeath(cdp.send('Input.dispatchMouseEvent', { type, x, y, ...press }, sessionId));
    }
  };
}

/**
 * Opens the visit page in its context, kept visible: headless Chromium opens every popup as the
 * foreground tab of the opener's window, which hides the opener until the popup closes, and a
 * popup whose close() Chromium ignores keeps it hidden for the rest of the visit. A hidden page
 * defers media loads (Chromium's background-tab rule, not an origin-boundary one) and throttles
 * animation frames, so probes would record the tab's state instead of the boundary. Focus
 * emulation (what Playwright sends to every page) counts the page as captured: visible and
 * focused whatever lies on top. It is set before the page loads, so it holds from the first probe.
 */
async function openVisible(cdp: CdpPipe, url: string, browserContextId: string, orDeath: <T>(step: Promise<T>) => Promise<T>) {
  const { targetId } = await orDeath(cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', browserContextId }));
  const { sessionId } = await orDeath(cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true }));
  await orDeath(cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true }, sessionId));
  const nav = await orDeath(cdp.send<{ errorText?: string }>('Page.navigate', { url }, sessionId));
  if (nav.errorText) throw new Error(nav.errorText);
  return { targetId, sessionId };
}

async function launchDirect(flavour: Flavour, executable: string, opts: LaunchOptions): Promise<EngineSession> {
  const userDataDir = makeTempDir('originproof-chromium-');
  const spaces = addressSpaceSwitches(opts.addressSpaces);
  const args = [
    ...PLAYWRIGHT_SWITCHES,
    ...HARNESS_SWITCHES,
    ...sandboxSwitches(),
    `--proxy-server=${opts.proxyUrl}`,
    `--proxy-bypass-list=${['<-loopback>', ...spaces.bypass].join(';')}`,
    ...spaces.args,
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
    // The fixture network's certificate, accepted by its key and nothing else. The protocol's
    // Security.setIgnoreCertificateErrors, sent browser-wide, does not reach popups (they show
    // "Privacy error"); Playwright sends it to every page it attaches to, the cost avoided here.
    `--ignore-certificate-errors-spki-list=${spkiHash(opts.certificatePem)}`,
    `--user-data-dir=${userDataDir}`,
    '--no-startup-window',
  ];
  const before = pidsNow();
  const cdp = startCdpPipe(executable, args, 'Chromium');
  const removeProfile = () => removeTempDir(userDataDir);
  let version: string;
  try {
    const v = await Promise.race([
      cdp.send<{ product: string }>('Browser.getVersion'),
      cdp.closed.then((c) => Promise.reject(new Error(c))),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no DevTools answer within 30 s')), 30_000).unref()),
    ]);
    version = v.product.replace(/^[^/]*\//, '');
  } catch (e) {
    await cdp.kill().catch(() => undefined);
    cdp.process.kill('SIGKILL');
    await removeProfile();
    throw new Error(`originproof: Chromium at ${executable} would not start: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
  void cdp.closed.then(removeProfile);
  const { info } = launchedRecord(flavour, version, executable, args, before);
  let deathCause: string | undefined;
  const died = cdp.closed.then((c) => (deathCause ??= c));
  const orDeath = stepOrDeath(died);
  return {
    info,
    died: () => deathCause,
    async open(url, options) {
      const { browserContextId } = await orDeath(cdp.send<{ browserContextId: string }>('Target.createBrowserContext', { disposeOnDetach: false }));
      const dispose = () =>
        cdp.send('Target.disposeBrowserContext', { browserContextId }).then(
          () => undefined,
          () => undefined,
        );
      let sessionId: string;
      try {
        for (const g of options?.grants ?? []) await orDeath(cdp.send('Browser.setPermission', cdpGrant(g, browserContextId))).catch(refusedForHttp(g));
        ({ sessionId } = await openVisible(cdp, url, browserContextId, orDeath));
      } catch (e) {
        await dispose();
        throw new Error(`originproof: Chromium could not open ${url}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
      }
      return { close: dispose, died, click: cdpClicker(cdp, sessionId, orDeath) };
    },
    close: async () => {
      deathCause ??= 'Chromium was closed by the harness';
      await cdp.kill();
      await removeProfile();
    },
  };
}
