/**
 * Shared pieces for writing scenarios: spec citations and common declared responses.
 * Scenarios stay data; these only save repetition.
 */
import type { DeclaredResponse } from '../protocol/declared-response.ts';

export const SPEC = {
  sameOrigin: { url: 'https://html.spec.whatwg.org/multipage/browsers.html#same-origin', section: 'HTML §7.1.1 Origins — same origin' },
  origin: { url: 'https://html.spec.whatwg.org/multipage/browsers.html#origin', section: 'HTML §7.1.1 Origins' },
  urlOrigin: { url: 'https://url.spec.whatwg.org/#concept-url-origin', section: 'URL §4 — URL origin (scheme, host, port; default port is null)' },
  crossOriginObjects: {
    url: 'https://html.spec.whatwg.org/multipage/nav-history-apis.html#crossoriginproperties-(-o-)',
    section: 'HTML §7.2.1.3 CrossOriginProperties(O)',
  },
  crossOriginGet: {
    url: 'https://html.spec.whatwg.org/multipage/nav-history-apis.html#crossoriginget-(-o,-p,-receiver-)',
    section: 'HTML §7.2.1.3 CrossOriginGet — SecurityError',
  },
  fetchSameOriginMode: {
    url: 'https://fetch.spec.whatwg.org/#main-fetch',
    section: 'Fetch §4.1 main fetch, step 12: request mode "same-origin" and a cross-origin URL → network error',
  },
  corsCheck: { url: 'https://fetch.spec.whatwg.org/#cors-check', section: 'Fetch §4.9 CORS check' },
  crossOriginIsolated: {
    url: 'https://html.spec.whatwg.org/multipage/webappapis.html#concept-settings-object-cross-origin-isolated-capability',
    section: 'HTML §8.1.3 cross-origin isolated capability',
  },
  sharedArrayBuffer: {
    url: 'https://html.spec.whatwg.org/multipage/structured-data.html#sharedarraybuffer-constructor',
    section: 'HTML — SharedArrayBuffer exposed only when cross-origin isolated',
  },
  webStorage: {
    url: 'https://html.spec.whatwg.org/multipage/webstorage.html#the-localstorage-attribute',
    section: 'HTML §12.2.3 localStorage — storage keyed by origin',
  },
} as const;

/** An agent document: loads the runtime and obeys the runner. */
export const AGENT: DeclaredResponse = { kind: 'agent' };

/** JSON data with no CORS headers. */
export const DATA: DeclaredResponse = { headers: [['Content-Type', 'application/json']], body: '{"secret":"originproof"}' };
