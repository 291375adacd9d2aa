/** What every engine driver offers the harness: who it is, and "open this URL in a fresh context". */
export type EngineName = 'chromium' | 'firefox' | 'webkit';
export const ENGINE_NAMES: EngineName[] = ['chromium', 'firefox', 'webkit'];
export type Flavour = 'playwright' | 'system';

export interface NonDefaultSetting {
  /** A command-line flag, a preference or a capability, as passed. */
  setting: string;
  /** Why the harness needs it. */
  reason: string;
  /** True when the setting can change what crosses the origin boundary (reports highlight these). */
  boundary?: boolean;
}

export interface EngineInfo {
  engine: EngineName;
  flavour: Flavour;
  backend: 'CDP' | 'WebDriver BiDi' | 'W3C WebDriver' | 'Playwright protocol';
  /** Browser name and version as the browser reports it. */
  browser: string;
  version: string;
  executable: string;
  /** The browser's actual command line, read from the running process. */
  commandLine: string[];
  /** Flags and preferences that differ from the shipped defaults, each with its reason. */
  nonDefault: NonDefaultSetting[];
}

export interface OpenedVisit {
  close(): Promise<void>;
  /** Settles with the cause when the browser, driver or remote end dies while the visit is open. */
  died?: Promise<string>;
}

export interface EngineSession {
  info: EngineInfo;
  /** Opens `url` top-level in a fresh context (no cookies or storage from earlier visits). */
  open(url: string): Promise<OpenedVisit>;
  close(): Promise<void>;
  /** The cause, once the engine is known to be dead (process exited, connection closed). */
  died?(): string | undefined;
}

export interface LaunchOptions {
  /** The host-mapping proxy, e.g. http://127.0.0.1:41234. */
  proxyUrl: string;
}

export class EngineUnavailableError extends Error {
  constructor(
    readonly engine: EngineName,
    readonly flavour: Flavour,
    readonly installCommand: string,
    detail: string,
  ) {
    super(`originproof: ${engine} (${flavour} build) is not available: ${detail}\nInstall it with:\n  ${installCommand}`);
    this.name = 'EngineUnavailableError';
  }
}
