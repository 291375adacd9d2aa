/** Citations of the parsing catalog: the steps its expectations come from. */
const F = 'https://fetch.spec.whatwg.org';
const H = 'https://html.spec.whatwg.org/multipage';

export const S = {
  fields: {
    url: 'https://www.rfc-editor.org/rfc/rfc9112#section-5',
    section: 'RFC 9112 §5 field lines: OWS around the value is not part of it; §5.2 obs-fold → SP',
  },
  fieldValues: { url: 'https://www.rfc-editor.org/rfc/rfc9110#section-5.5', section: 'RFC 9110 §5.5 field values: CTLs other than NUL/CR/LF may be retained' },
  headerValue: { url: `${F}/#header-value`, section: 'Fetch §2.2.2 header value: no leading/trailing tab or space, no NUL/CR/LF' },
  get: { url: `${F}/#concept-header-list-get`, section: 'Fetch §2.2.2 get: values joined by 0x2C 0x20' },
  getDecodeSplit: { url: `${F}/#concept-header-list-get-decode-split`, section: 'Fetch §2.2.2 get, decode, and split' },
  extract: { url: `${F}/#extract-header-list-values`, section: 'Fetch §2.2.2 extract header list values (ABNF, single-header rule)' },
  corsAbnf: { url: `${F}/#http-new-header-syntax`, section: 'Fetch §3.3.3 HTTP new-header syntax (#method, #field-name, delta-seconds, %s"true")' },
  corsCheck: { url: `${F}/#cors-check`, section: 'Fetch §4.9 CORS check' },
  preflight: { url: `${F}/#cors-preflight-fetch-0`, section: 'Fetch §4.8 CORS-preflight fetch, step 7' },
  exposeHeaders: { url: `${F}/#main-fetch`, section: 'Fetch §4.1 main fetch: CORS-exposed header-name list' },
  corp: { url: `${F}/#cross-origin-resource-policy-internal-check`, section: 'Fetch §3.7 cross-origin resource policy internal check' },
  tao: { url: `${F}/#concept-tao-check`, section: 'Fetch §4.10 TAO check' },
  resourceTiming: {
    url: 'https://w3c.github.io/resource-timing/#sec-timing-allow-origin',
    section: 'Resource Timing: without a passing TAO check the network timings (requestStart …) are zero',
  },
  structuredField: { url: `${F}/#concept-header-list-get-structured-header`, section: 'Fetch §2.2.2 get a structured field value' },
  rfc9651: { url: 'https://www.rfc-editor.org/rfc/rfc9651#section-4.2', section: 'RFC 9651 §4.2 parsing structured fields' },
  coep: { url: `${H}/browsers.html#obtain-an-embedder-policy`, section: 'HTML §7.1.4 obtain an embedder policy (fails open on anything but a token)' },
  coepFrame: {
    url: `${H}/browsers.html#check-a-navigation-response's-adherence-to-its-embedder-policy`,
    section: "HTML §7.1.4.2 check a navigation response's adherence to its embedder policy",
  },
  coop: { url: `${H}/browsers.html#obtain-coop`, section: 'HTML §7.1.3 obtain a cross-origin opener policy' },
  coopSwitch: {
    url: `${H}/browsers.html#check-browsing-context-group-switch-coop-value`,
    section: 'HTML §7.1.3.2 check if COOP values require a browsing context group switch',
  },
  oac: {
    url: `${H}/document-lifecycle.html#initialise-the-document-object`,
    section: 'HTML §7.5.1 create and initialize a Document object: requestsOAC (Origin-Agent-Cluster is the boolean true)',
  },
  oacAgent: {
    url: `${H}/webappapis.html#obtain-similar-origin-window-agent`,
    section: 'HTML §8.1.2 obtain a similar-origin window agent (historical agent cluster keys)',
  },
  xfo: {
    url: `${H}/document-lifecycle.html#the-x-frame-options-header`,
    section: "HTML §7.5.4 check a navigation response's adherence to `X-Frame-Options`",
  },
} as const;
