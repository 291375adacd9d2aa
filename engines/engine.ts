/** What every engine driver offers the harness: who it is, and "open this URL in a fresh context". */
import type { AddressSpaceListeners } from '../protocol/address-space.ts';

/** The three engines the harness launches itself; scenarios record known deviations per family. */
export type EngineFamily = 'chromium' | 'firefox' | 'webkit';
/**
 * A results column: one of the three engines, or the name given to a WebDriver remote end
 * (ORIGINPROOF_WEBDRIVER_NAME) or to a person's browser in serve mode.
 */
export type EngineName = string;
/** The built-in engines (typed as column names, so any name can be looked up in it). */
export const ENGINE_NAMES: EngineName[] = ['chromium', 'firefox', 'webkit'] satisfies EngineFamily[];
/** The project of any W3C WebDriver remote end (engines/webdriver.ts). */
export const WEBDRIVER_ENGINE = 'webdriver';
/** Which build of a built-in engine is launched here: Playwright's own, or the system's (Debian). */
export type Flavour = 'playwright' | 'system';

export interface NonDefaultSetting {
  /** A command-line flag, a preference or a capability, as passed. */
  setting: string;
  /** Why the harness needs it. */
  reason: string;
  /** True when the setting can change what crosses the origin boundary (reports highlight these). */
  boundary?: boolean;
  /** The value as the running browser reports it (read back, not as written), where it can be read. */
  value?: string;
  /** The value the harness meant: what it set, or the shipped default it meant to leave. */
  meant?: string;
  /** Where `value` was read: the process's command line, a protocol command, … */
  readFrom?: string;
}

/**
 * What a visit runs in: the engine's kind of profile, how the harness makes one, what it grants
 * there, and where that kind of profile decides a verdict (third-party cookies, storage).
 */
export interface VisitProfile {
  /** In the engine's own terms (off-the-record browser context, BiDi user context, ephemeral session…). */
  kind: string;
  /** The protocol step that makes one per visit. */
  how: string;
  /** Permissions the harness grants in it; none unless a scenario asks. */
  permissions: string[];
  /** Boundary settings of this kind of profile first, then where it changes what the catalog observes. */
  effects: string[];
  /** Catalog areas whose verdicts depend on this kind of profile (third-party cookies, storage). */
  areas: string[];
}

export interface EngineInfo {
  /** The results column. */
  engine: EngineName;
  /** Whose recorded deviations apply; absent for a browser of an engine the catalog records nothing for. */
  family?: EngineFamily;
  /** playwright/system: launched here; remote: a WebDriver remote end; person: a browser a person drove to the start URL. */
  flavour: Flavour | 'remote' | 'person';
  backend: 'CDP' | 'WebDriver BiDi' | 'W3C WebDriver' | 'Playwright protocol' | 'person (proxy + start URL)';
  /** Browser name and version as the browser reports it. */
  browser: string;
  version: string;
  /** A path on this machine; for a remote end, its URL; for a person's browser, its User-Agent. */
  executable: string;
  /** Operating system, where the remote end reports it (WebDriver platformName). */
  platform?: string;
  /** The browser's actual command line, read from the running process. */
  commandLine: string[];
  /** Flags and preferences that differ from the shipped defaults, each with its reason. */
  nonDefault: NonDefaultSetting[];
  /**
   * Settings found on the running browser that switch its origin boundary off, or boundary
   * settings whose real value is not what the harness meant: the engine is refused (never judged).
   */
  boundaryProblems?: string[];
  /** The profile a visit runs in (absent for a person's own browser, whose profile the harness does not know). */
  profile?: VisitProfile;
}

/**
 * A permission granted for one visit before its page loads, through the automation protocol:
 * `name` for documents of `origin`; for storage-access, of `embeddedOrigin` under the top-level
 * `origin` (Storage Access keys its permission by that pair). local-network and loopback-network
 * (Local Network Access) are keyed by the top-level origin alone.
 */
export interface VisitGrant {
  name: 'storage-access' | 'local-network' | 'loopback-network';
  state: 'granted' | 'denied';
  origin: string;
  embeddedOrigin?: string;
}

export interface OpenOptions {
  grants?: VisitGrant[];
}

export interface OpenedVisit {
  close(): Promise<void>;
  /**
   * A real click of the driver (an input event the engine treats as the user's) at a point of
   * the top-level viewport, in CSS pixels; absent where the backend has no input actions.
   */
  click?(x: number, y: number): Promise<void>;
  /** Settles with the cause when the browser, driver or remote end dies while the visit is open. */
  died?: Promise<string>;
}

export interface EngineSession {
  info: EngineInfo;
  /**
   * Opens `url` top-level in a fresh context (no cookies or storage from earlier visits), with
   * the permissions of `options.grants` granted in that context first. An engine that cannot
   * grant them says so in an error (the visit's rows are then `error`, never a verdict).
   */
  open(url: string, options?: OpenOptions): Promise<OpenedVisit>;
  close(): Promise<void>;
  /** The cause, once the engine is known to be dead (process exited, connection closed). */
  died?(): string | undefined;
}

export interface LaunchOptions {
  /** The host-mapping proxy, e.g. http://127.0.0.1:41234. */
  proxyUrl: string;
  /** PEM of the certificate the fixture network serves (leaf first): the one certificate an engine is told to accept. */
  certificatePem: string;
  /**
   * Local Network Access address spaces: listeners per space. An engine that can be told a
   * listener's space routes each address-space host to the listener of its space and says so in its
   * record; absent, every host goes to proxyUrl.
   */
  addressSpaces?: AddressSpaceListeners;
}

/** What a launch needs of a fixture network: where to send traffic, and the certificate it serves. */
export function launchOptions(network: { proxy: { url: string }; certificate: { cert: string }; addressSpaces?: AddressSpaceListeners }): LaunchOptions {
  return { proxyUrl: network.proxy.url, certificatePem: network.certificate.cert, ...(network.addressSpaces ? { addressSpaces: network.addressSpaces } : {}) };
}

/**
 * A driver step that ends when the engine dies, whichever comes first: a step sent to a browser
 * that is gone may never be answered (Playwright leaves newContext()/newPage() pending forever
 * when the browser is killed under it; a bare pipe or socket may close without a reply).
 */
export function stepOrDeath(death: Promise<string>): <T>(step: Promise<T>) => Promise<T> {
  return (step) => Promise.race([step, death.then((cause) => Promise.reject(new Error(cause)))]);
}

export class EngineUnavailableError extends Error {
  constructor(
    readonly engine: EngineFamily,
    readonly flavour: Flavour,
    readonly installCommand: string,
    detail: string,
  ) {
    super(`originproof: ${engine} (${flavour} build) is not available: ${detail}\nInstall it with:\n  ${installCommand}`);
    this.name = 'EngineUnavailableError';
  }
}
