/**
 * Shared pieces of the same-origin-policy catalog: links for recorded engine differences and
 * the time bound sop probes get. (Citations: harness/citations/registry.ts; responses: ../lib.ts.)
 */

/** Links for recorded engine differences. */
export const L = {
  oacDefault: 'https://github.com/whatwg/html/pull/7617',
  chromeOacDefault: 'https://developer.chrome.com/blog/document-domain-setter-deprecation',
  webkitOac: 'https://bugs.webkit.org/show_bug.cgi?id=287848',
  firefoxTcp: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/State_Partitioning',
  webkitItp: 'https://webkit.org/blog/10218/full-third-party-cookie-blocking-and-more/',
  chromeLaxPost: 'https://www.chromium.org/updates/same-site/faq/',
  firefoxLaxDefault: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1617609',
} as const;

/** Loaded machines make frame/popup set-up slow: every sop probe gets at least this bound. */
export function withBound<T extends { probe: { timeoutMs?: number } }>(list: T[], ms = 10_000): T[] {
  for (const s of list) s.probe.timeoutMs = Math.max(s.probe.timeoutMs ?? 0, ms);
  return list;
}
