/**
 * Who a person's browser is, from its User-Agent: a browser name and major version for the
 * results column, the engine family whose recorded deviations apply, and the platform. A
 * User-Agent can lie or be frozen (Chromium reports a reduced one); the full string is kept in
 * the engine record so a reader can judge.
 */
import type { EngineFamily } from '../engines/engine.ts';

export interface BrowserIdentity {
  /** e.g. "Chrome", "Firefox", "Safari", "Edge". */
  browser: string;
  version: string;
  family?: EngineFamily;
  platform?: string;
}

// Order matters: Edge and Opera say "Chrome", Chrome says "Safari".
const BROWSERS: Array<{ name: string; re: RegExp; family: EngineFamily }> = [
  { name: 'Edge', re: /\bEdg(?:e|A|iOS)?\/([\d.]+)/, family: 'chromium' },
  { name: 'Opera', re: /\bOPR\/([\d.]+)/, family: 'chromium' },
  { name: 'Samsung Internet', re: /\bSamsungBrowser\/([\d.]+)/, family: 'chromium' },
  { name: 'Firefox', re: /\b(?:Firefox|FxiOS)\/([\d.]+)/, family: 'firefox' },
  { name: 'Chrome', re: /\b(?:HeadlessChrome|Chrome|CriOS)\/([\d.]+)/, family: 'chromium' },
  { name: 'Safari', re: /\bVersion\/([\d.]+)(?: Mobile\/\S+)? Safari\//, family: 'webkit' },
  { name: 'WebKit', re: /\bAppleWebKit\/([\d.]+)/, family: 'webkit' },
];

const PLATFORMS: Array<[RegExp, string]> = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Linux|X11/, 'Linux'],
];

export function identify(userAgent: string): BrowserIdentity {
  const platform = PLATFORMS.find(([re]) => re.test(userAgent))?.[1];
  for (const b of BROWSERS) {
    const m = b.re.exec(userAgent);
    // Every iOS browser is WebKit underneath, whatever it calls itself.
    if (m) return { browser: b.name, version: m[1], family: platform === 'iOS' ? 'webkit' : b.family, ...(platform ? { platform } : {}) };
  }
  return { browser: 'unknown browser', version: 'unknown', ...(platform ? { platform } : {}) };
}

/** The results column: "person-<browser>-<major>[-<typed name>]", safe as a file name part. */
export function columnName(id: BrowserIdentity, typed?: string): string {
  const major = id.version.split('.')[0];
  const parts = ['person', id.browser, major, typed ?? ''].map((p) =>
    p
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, ''),
  );
  return parts.filter(Boolean).join('-').slice(0, 63).replace(/-+$/, '');
}
