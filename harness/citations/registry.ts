/**
 * Every standard the catalog cites, once: id → URL (with fragment) and the section it names.
 * Scenarios cite by id (`spec: ['corsCheck']`), so a citation is written and corrected in one
 * place. Fetch section numbers are checked against the vendored anchor index
 * (tests/selftest/citations.test.ts); HTML ones are left out until its index is vendored
 * (scripts/spec-anchors.ts), since HTML renumbers often and an unchecked number misleads.
 */
export interface Citation {
  url: string;
  section: string;
}

const FETCH = 'https://fetch.spec.whatwg.org/';
const HTML = 'https://html.spec.whatwg.org/multipage';
const FETCH_METADATA = 'https://w3c.github.io/webappsec-fetch-metadata/';
const COOKIES = 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis';
const LNA = 'https://wicg.github.io/local-network-access/';

export const CITATIONS = {
  // ---- Fetch ----
  corsCheck: { url: `${FETCH}#cors-check`, section: 'Fetch §4.10 CORS check' },
  corsProtocol: { url: `${FETCH}#http-cors-protocol`, section: 'Fetch §3.3 CORS protocol' },
  corsPreflight: { url: `${FETCH}#cors-preflight-fetch`, section: 'Fetch §4.8 CORS-preflight fetch' },
  corsPreflightCache: { url: `${FETCH}#cors-preflight-cache`, section: 'Fetch §4.9 CORS-preflight cache' },
  corsSafelistedMethod: { url: `${FETCH}#cors-safelisted-method`, section: 'Fetch §2.2.1 CORS-safelisted method' },
  corsSafelistedHeader: { url: `${FETCH}#cors-safelisted-request-header`, section: 'Fetch §2.2.2 CORS-safelisted request-header' },
  corsUnsafeHeaderNames: { url: `${FETCH}#cors-unsafe-request-header-names`, section: 'Fetch §2.2.2 CORS-unsafe request-header names' },
  corsNonWildcardHeader: {
    url: `${FETCH}#cors-non-wildcard-request-header-name`,
    section: 'Fetch §2.2.2 CORS non-wildcard request-header name (Authorization)',
  },
  corsSafelistedResponseHeader: {
    url: `${FETCH}#cors-safelisted-response-header-name`,
    section: 'Fetch §2.2.2 CORS-safelisted response-header name',
  },
  forbiddenResponseHeader: { url: `${FETCH}#forbidden-response-header-name`, section: 'Fetch §2.2.2 forbidden response-header name (Set-Cookie)' },
  fetchCredentials: {
    url: `${FETCH}#concept-request-credentials-mode`,
    section: 'Fetch §2.2.5 request credentials mode (omit / same-origin / include)',
  },
  requestCacheMode: {
    url: `${FETCH}#concept-request-cache-mode`,
    section:
      'Fetch §2.2.5 request cache mode — governs the HTTP cache only (HTTP-network-or-cache fetch); HTTP fetch step 4.1 consults the CORS-preflight cache regardless',
  },
  coepCredentials: {
    url: `${FETCH}#cross-origin-embedder-policy-allows-credentials`,
    section: 'Fetch §2.2.5 Cross-Origin-Embedder-Policy allows credentials — credentialless drops credentials on cross-origin no-cors requests',
  },
  originHeader: {
    url: `${FETCH}#append-a-request-origin-header`,
    section: 'Fetch §3.2 append a request `Origin` header — sent for non-GET/HEAD; "null" for an opaque origin',
  },
  serializingRequestOrigin: {
    url: `${FETCH}#serializing-a-request-origin`,
    section: 'Fetch §2.2.5 serializing a request origin — "null" when the request\'s redirect-taint is not same-origin',
  },
  redirectTaint: {
    url: `${FETCH}#concept-request-tainted-origin`,
    section: "Fetch §2.2.5 redirect-taint — a hop between two origins (two sites), neither the request's, makes the request same-site (cross-site) tainted",
  },
  referrerPolicyRequest: {
    url: `${FETCH}#concept-request-referrer-policy`,
    section: "Fetch §2.2.5 request referrer policy — set by RequestInit referrerPolicy, rel=noreferrer, else the client's policy",
  },
  fetchSameSiteMode: {
    url: `${FETCH}#determine-the-same-site-mode`,
    section: 'Fetch §3.1.3 determine the same-site mode — a request whose redirect-taint is "cross-site" gets "unset-or-less" (no Strict, no Lax)',
  },
  corpCheck: { url: `${FETCH}#cross-origin-resource-policy-check`, section: 'Fetch §3.7 cross-origin resource policy check' },
  corpInternal: {
    url: `${FETCH}#cross-origin-resource-policy-internal-check`,
    section: 'Fetch §3.7 cross-origin resource policy internal check (same-site: an https response never matches an http initiator)',
  },
  mainFetch: { url: `${FETCH}#main-fetch`, section: 'Fetch §4.1 main fetch — response tainting' },
  mixedContentFetch: {
    url: `${FETCH}#main-fetch`,
    section: 'Fetch §4.1 main fetch — mixed content is upgraded first; a request still blocked as mixed content gets a network error and is never sent',
  },
  fetchSameOriginMode: {
    url: `${FETCH}#main-fetch`,
    section: 'Fetch §4.1 main fetch: request mode "same-origin" and a cross-origin URL → network error',
  },
  exposeHeaders: {
    url: `${FETCH}#main-fetch`,
    section: 'Fetch §4.1 main fetch — Access-Control-Expose-Headers sets the CORS-exposed header-name list (`*` only without credentials)',
  },
  httpFetch: { url: `${FETCH}#http-fetch`, section: 'Fetch §4.4 HTTP fetch — the CORP check applies when tainting or response type is opaque' },
  httpRedirectFetch: {
    url: `${FETCH}#http-redirect-fetch`,
    section: 'Fetch §4.5 HTTP-redirect fetch — tainted origin flag, method rewrite, CORS check per hop',
  },
  fetchCookies: {
    url: `${FETCH}#http-network-or-cache-fetch`,
    section: 'Fetch §4.6 HTTP-network-or-cache fetch — cookies only when credentials are included',
  },
  requestConstructor: {
    url: `${FETCH}#dom-request`,
    section: 'Fetch §5.4 Request constructor — no-cors mode: CORS-safelisted methods only, headers guard "request-no-cors"',
  },

  // ---- HTML: origins, cross-origin objects, navigation ----
  sameOrigin: { url: `${HTML}/browsers.html#same-origin`, section: 'HTML: Origins — same origin' },
  crossOriginProperties: {
    url: `${HTML}/nav-history-apis.html#crossoriginproperties-(-o-)`,
    section: 'HTML: CrossOriginProperties(O) — the WindowProxy and Location allow-lists',
  },
  crossOriginGet: {
    url: `${HTML}/nav-history-apis.html#crossoriginget-(-o,-p,-receiver-)`,
    section: 'HTML: CrossOriginGet — members outside the allow-list throw SecurityError',
  },
  crossOriginSet: {
    url: `${HTML}/nav-history-apis.html#crossoriginset-(-o,-p,-v,-receiver-)`,
    section: 'HTML: CrossOriginSet — only allow-listed setters; anything else throws SecurityError',
  },
  crossOriginFallback: {
    url: `${HTML}/nav-history-apis.html#crossoriginpropertyfallback-(-p-)`,
    section: 'HTML: CrossOriginPropertyFallback — then/@@toStringTag… are undefined, anything else SecurityError',
  },
  crossOriginGetOwnPropertyHelper: {
    url: `${HTML}/nav-history-apis.html#crossorigingetownpropertyhelper-(-o,-p-)`,
    section:
      'HTML: CrossOriginGetOwnPropertyHelper — allow-listed members as own, configurable, non-enumerable properties; functions of the accessing realm, one per realm and member',
  },
  crossOriginOwnPropertyKeys: {
    url: `${HTML}/nav-history-apis.html#crossoriginownpropertykeys-(-o-)`,
    section: 'HTML: CrossOriginOwnPropertyKeys — the allow-list, then "then", @@toStringTag, @@hasInstance, @@isConcatSpreadable',
  },
  isPlatformObjectSameOrigin: {
    url: `${HTML}/nav-history-apis.html#isplatformobjectsameorigin-(-o-)`,
    section: 'HTML: IsPlatformObjectSameOrigin — same origin-domain with the current settings object',
  },
  windowProxyGetPrototypeOf: {
    url: `${HTML}/nav-history-apis.html#windowproxy-getprototypeof`,
    section: 'HTML: WindowProxy [[GetPrototypeOf]] — null across origins',
  },
  windowProxySetPrototypeOf: {
    url: `${HTML}/nav-history-apis.html#windowproxy-setprototypeof`,
    section: 'HTML: WindowProxy [[SetPrototypeOf]] — SetImmutablePrototype: only the current prototype (null across origins) is accepted',
  },
  windowProxyIsExtensible: {
    url: `${HTML}/nav-history-apis.html#windowproxy-isextensible`,
    section: 'HTML: WindowProxy [[IsExtensible]] — always true',
  },
  windowProxyPreventExtensions: {
    url: `${HTML}/nav-history-apis.html#windowproxy-preventextensions`,
    section: 'HTML: WindowProxy [[PreventExtensions]] — always false',
  },
  windowProxyDefineOwnProperty: {
    url: `${HTML}/nav-history-apis.html#windowproxy-defineownproperty`,
    section: 'HTML: WindowProxy [[DefineOwnProperty]] — SecurityError across origins',
  },
  windowProxyGet: {
    url: `${HTML}/nav-history-apis.html#windowproxy-get`,
    section: 'HTML: WindowProxy [[Get]] — CrossOriginGet across origins',
  },
  windowProxySet: {
    url: `${HTML}/nav-history-apis.html#windowproxy-set`,
    section: 'HTML: WindowProxy [[Set]] — CrossOriginSet across origins',
  },
  windowProxyDelete: {
    url: `${HTML}/nav-history-apis.html#windowproxy-delete`,
    section: 'HTML: WindowProxy [[Delete]] — SecurityError across origins',
  },
  windowProxyOwnPropertyKeys: {
    url: `${HTML}/nav-history-apis.html#windowproxy-ownpropertykeys`,
    section: 'HTML: WindowProxy [[OwnPropertyKeys]] — child navigable indices, then CrossOriginOwnPropertyKeys',
  },
  locationGetPrototypeOf: {
    url: `${HTML}/nav-history-apis.html#location-getprototypeof`,
    section: 'HTML: Location [[GetPrototypeOf]] — null across origins',
  },
  locationSetPrototypeOf: {
    url: `${HTML}/nav-history-apis.html#location-setprototypeof`,
    section: 'HTML: Location [[SetPrototypeOf]] — SetImmutablePrototype: only the current prototype (null across origins) is accepted',
  },
  locationIsExtensible: {
    url: `${HTML}/nav-history-apis.html#location-isextensible`,
    section: 'HTML: Location [[IsExtensible]] — always true',
  },
  locationPreventExtensions: {
    url: `${HTML}/nav-history-apis.html#location-preventextensions`,
    section: 'HTML: Location [[PreventExtensions]] — always false',
  },
  locationDefineOwnProperty: {
    url: `${HTML}/nav-history-apis.html#location-defineownproperty`,
    section: 'HTML: Location [[DefineOwnProperty]] — SecurityError across origins',
  },
  locationGet: {
    url: `${HTML}/nav-history-apis.html#location-get`,
    section: 'HTML: Location [[Get]] — CrossOriginGet across origins',
  },
  locationSet: {
    url: `${HTML}/nav-history-apis.html#location-set`,
    section: 'HTML: Location [[Set]] — CrossOriginSet across origins',
  },
  locationDelete: {
    url: `${HTML}/nav-history-apis.html#location-delete`,
    section: 'HTML: Location [[Delete]] — SecurityError across origins',
  },
  locationOwnPropertyKeys: {
    url: `${HTML}/nav-history-apis.html#location-ownpropertykeys`,
    section: 'HTML: Location [[OwnPropertyKeys]] — CrossOriginOwnPropertyKeys across origins',
  },
  javascriptUrlNavigation: {
    url: `${HTML}/browsing-the-web.html#the-javascript:-url-special-case`,
    section:
      'HTML: the javascript: URL special case — a javascript: URL navigation from an initiator not same origin-domain with the target does nothing (and does not throw)',
  },
  windowProxyGetOwnProperty: {
    url: `${HTML}/nav-history-apis.html#windowproxy-getownproperty`,
    section: 'HTML: WindowProxy [[GetOwnProperty]] — index access to child navigables',
  },
  locationGetOwnProperty: {
    url: `${HTML}/nav-history-apis.html#location-getownproperty`,
    section: 'HTML: Location [[GetOwnProperty]] — cross-origin Location',
  },
  locationHref: { url: `${HTML}/nav-history-apis.html#dom-location-href`, section: 'HTML: Location href setter — navigates' },
  locationReplace: { url: `${HTML}/nav-history-apis.html#dom-location-replace`, section: 'HTML: Location replace()' },
  windowLocation: { url: `${HTML}/nav-history-apis.html#dom-location`, section: 'HTML: window.location [PutForwards=href]' },
  navigate: {
    url: `${HTML}/browsing-the-web.html#navigate`,
    section: 'HTML: navigate — any navigable may be navigated to a cross-origin URL (allowed by sandboxing)',
  },
  windowOpen: { url: `${HTML}/nav-history-apis.html#window-open-steps`, section: 'HTML: window open steps — noopener returns null' },
  closed: {
    url: `${HTML}/nav-history-apis.html#dom-window-closed`,
    section: 'HTML: window.closed — true when the browsing context is discarded',
  },
  locationSetter: {
    url: `${HTML}/nav-history-apis.html#the-location-interface`,
    section: "HTML: the Location interface — navigating through a Location whose document's navigable is gone does nothing",
  },
  followHyperlink: { url: `${HTML}/links.html#following-hyperlinks-2`, section: 'HTML: following hyperlinks' },
  elementNoopener: {
    url: `${HTML}/links.html#get-an-element's-noopener`,
    section: "HTML: get an element's noopener — target=_blank without rel=opener implies noopener",
  },
  formSubmission: {
    url: `${HTML}/form-control-infrastructure.html#form-submission-algorithm`,
    section: 'HTML: form submission algorithm — mutate action URL / submit as entity body',
  },
  postMessage: {
    url: `${HTML}/web-messaging.html#window-post-message-steps`,
    section: 'HTML: window post message steps — targetOrigin "*", "/" or an origin that must match',
  },
  messageOrigin: {
    url: `${HTML}/web-messaging.html#posting-messages`,
    section: 'HTML: posting messages — the message event origin is the serialization of the source origin ("null" when opaque)',
  },

  // ---- HTML: document.domain and agent clusters ----
  documentDomain: { url: `${HTML}/browsers.html#dom-document-domain`, section: 'HTML: relaxing the same-origin restriction — document.domain setter' },
  registrableSuffix: {
    url: `${HTML}/browsers.html#is-a-registrable-domain-suffix-of-or-is-equal-to`,
    section: 'HTML: is a registrable domain suffix of or is equal to — never a public suffix',
  },
  sameOriginDomain: { url: `${HTML}/browsers.html#same-origin-domain`, section: 'HTML: same origin-domain — both must have set the domain' },
  originKeyed: {
    url: `${HTML}/browsers.html#origin-keyed-agent-clusters`,
    section:
      'HTML: origin-keyed agent clusters — `Origin-Agent-Cluster: ?1` requests origin keying; other values are ignored (site-keyed by default; whatwg/html#7617 proposes origin keying by default)',
  },
  obtainAgent: {
    url: `${HTML}/document-sequences.html#obtain-similar-origin-window-agent`,
    section: 'HTML: obtain a similar-origin window agent — key = site unless requestsOAC',
  },

  // ---- HTML: sandboxing, framing, embedding ----
  sandbox: { url: `${HTML}/iframe-embed-object.html#attr-iframe-sandbox`, section: 'HTML: the iframe sandbox attribute' },
  sandboxFlags: {
    url: `${HTML}/browsers.html#sandboxing`,
    section: 'HTML: sandboxing — sandboxed origin / scripts / popups / forms / document.domain flags',
  },
  sandboxedOrigin: {
    url: `${HTML}/document-lifecycle.html#determining-the-origin`,
    section: 'HTML: determining the origin — the sandboxed origin browsing context flag gives an opaque origin',
  },
  sandboxedOriginFlag: {
    url: `${HTML}/browsers.html#sandboxed-origin-browsing-context-flag`,
    section: 'HTML: sandboxed origin browsing context flag — an opaque origin, serialized "null"',
  },
  dataUrlOrigin: {
    url: `${HTML}/document-lifecycle.html#determining-the-origin`,
    section: 'HTML: determining the origin — a data: URL document gets a new opaque origin',
  },
  xfo: {
    url: `${HTML}/document-lifecycle.html#the-x-frame-options-header`,
    section: 'HTML: the X-Frame-Options header — DENY, SAMEORIGIN (all ancestors), invalid values ignored',
  },
  iframe: { url: `${HTML}/iframe-embed-object.html#the-iframe-element`, section: 'HTML: the iframe element — cross-origin documents may be embedded' },
  canvasTaint: {
    url: `${HTML}/canvas.html#security-with-canvas-elements`,
    section: 'HTML: security with canvas elements — origin-clean flag; getImageData throws SecurityError',
  },
  reportAnException: {
    url: `${HTML}/webappapis.html#report-an-exception`,
    section: 'HTML: report an exception — a muted script error fires ErrorEvent with "Script error.", filename "", lineno 0, colno 0, error null',
  },
  mutedErrors: { url: `${HTML}/webappapis.html#muted-errors`, section: 'HTML: muted errors — "Script error." for no-cors cross-origin classic scripts' },
  scriptFetch: {
    url: `${HTML}/scripting.html#fetch-a-classic-script`,
    section: 'HTML: fetch a classic script — no-cors unless crossorigin; the script runs',
  },
  imgFetch: {
    url: `${HTML}/images.html#update-the-image-data`,
    section: 'HTML: update the image data — cross-origin images load (no-cors); CORS mode when crossorigin',
  },
  stylesheetFetch: { url: `${HTML}/semantics.html#link-type-stylesheet`, section: 'HTML: link rel=stylesheet — cross-origin style sheets apply' },
  media: { url: `${HTML}/media.html#concept-media-load-resource`, section: 'HTML: media resource fetch — cross-origin media plays' },

  // ---- HTML: what a page sees of a frame whose navigation failed ----
  errorDocument: {
    url: `${HTML}/browsing-the-web.html#attempt-to-populate-the-history-entry's-document`,
    section: "HTML: attempt to populate the history entry's document — a navigation whose fetch failed gets a document for inline content (an error page)",
  },
  inlineContentDocument: {
    url: `${HTML}/document-lifecycle.html#read-ua-inline`,
    section: 'HTML: create a document for inline content that does not have a DOM — a new opaque origin; it finishes loading (the iframe fires load)',
  },
  iframeContentDocument: {
    url: `${HTML}/iframe-embed-object.html#dom-iframe-contentdocument`,
    section: 'HTML: iframe.contentDocument — null unless the frame document is same origin-domain with the caller',
  },

  // ---- HTML: storage and cookies ----
  documentCookie: {
    url: `${HTML}/dom.html#dom-document-cookie`,
    section: 'HTML: document.cookie — cookie-averse or opaque-origin documents; SecurityError for opaque origins',
  },
  localStorage: {
    url: `${HTML}/webstorage.html#the-localstorage-attribute`,
    section: 'HTML: localStorage — keyed by storage key (origin); SecurityError for opaque origins',
  },
  sessionStorage: {
    url: `${HTML}/webstorage.html#the-sessionstorage-attribute`,
    section: 'HTML: sessionStorage — per traversable and storage key; SecurityError for opaque origins',
  },

  // ---- HTML: cross-origin isolation ----
  coop: { url: `${HTML}/browsers.html#cross-origin-opener-policies`, section: 'HTML: cross-origin opener policies' },
  coopPopupSwitch: {
    url: `${HTML}/browsers.html#check-browsing-context-group-switch-coop-value-popup`,
    section: 'HTML: check if popup COOP values require a browsing context group switch',
  },
  coopSwitch: {
    url: `${HTML}/browsers.html#check-browsing-context-group-switch-coop-value`,
    section: 'HTML: check if COOP values require a browsing context group switch (non-popup navigation)',
  },
  matchingCoop: { url: `${HTML}/browsers.html#matching-coop`, section: 'HTML: matching COOP values' },
  obtainCoop: {
    url: `${HTML}/browsers.html#obtain-coop`,
    section: 'HTML: obtain an opener policy — a non-secure reserved environment gets the default policy; report-only values do not enforce',
  },
  coopSandbox: {
    url: `${HTML}/browsing-the-web.html#create-navigation-params-by-fetching`,
    section:
      'HTML: create navigation params by fetching — every response of a top-level navigation, redirects included, enforces its opener policy; "If finalSandboxFlags is not empty and responseCOOP\'s value is not "unsafe-none", then set response to an appropriate network error"',
  },
  navigationFinalResponse: {
    url: `${HTML}/browsing-the-web.html#create-navigation-params-by-fetching`,
    section:
      "HTML: create navigation params by fetching — responsePolicyContainer, finalSandboxFlags and responseOrigin are set anew for every response of the redirect loop; the new document takes the last response's: only the final response's CSP sandbox applies to it",
  },
  coopInherit: {
    url: `${HTML}/document-sequences.html#creating-a-new-browsing-context`,
    section:
      'HTML: creating a new browsing context — the initial about:blank inherits the creator top-level COOP when the creator is same origin with the top-level origin',
  },
  choosingNavigable: {
    url: `${HTML}/document-sequences.html#the-rules-for-choosing-a-navigable`,
    section: 'HTML: the rules for choosing a navigable — popups from documents not same origin with a COOP same-origin top level get noopener',
  },
  coep: { url: `${HTML}/browsers.html#coep`, section: 'HTML: cross-origin embedder policies' },
  coepNavigation: {
    url: `${HTML}/browsers.html#check-a-navigation-response's-adherence-to-its-embedder-policy`,
    section: "HTML: check a navigation response's adherence to its embedder policy",
  },
  navigateCorp: {
    url: `${HTML}/browsing-the-web.html#populating-a-session-history-entry`,
    section: 'HTML: populating a session history entry — CORP check with forNavigation for child navigables',
  },
  workerCoep: {
    url: `${HTML}/browsers.html#check-a-global-object's-embedder-policy`,
    section: "HTML: check a global object's embedder policy (dedicated workers)",
  },
  initialPolicyContainer: {
    url: `${HTML}/document-sequences.html#creating-a-new-browsing-context`,
    section:
      "HTML: creating a new browsing context and document — the initial about:blank document of a frame or popup with a creator takes a clone of the creator's policy container (its embedder policy included)",
  },
  navigationPolicyContainer: {
    url: `${HTML}/browsing-the-web.html#determining-navigation-params-policy-container`,
    section:
      "HTML: determining navigation params policy container — about:srcdoc clones the parent's policy container; a URL of a local scheme (about:blank, blob:, data:) clones the initiator's",
  },
  blobPolicyContainer: {
    url: `${HTML}/browsers.html#creating-a-policy-container-from-a-fetch-response`,
    section:
      "HTML: creating a policy container from a fetch response — a blob: URL's response gives a clone of its blob URL entry's environment's policy container",
  },
  workerPolicyContainer: {
    url: `${HTML}/workers.html#initialize-worker-policy-container`,
    section:
      "HTML: initialize a worker global scope's policy container — a worker whose URL is local but not blob: (data:) clones its owner's; a blob: worker takes the blob URL entry's environment's",
  },
  coi: {
    url: `${HTML}/webappapis.html#concept-settings-object-cross-origin-isolated-capability`,
    section: 'HTML: cross-origin isolated capability',
  },
  coiMode: {
    url: `${HTML}/browsers.html#obtain-browsing-context-navigation`,
    section: 'HTML: obtain a browsing context to use for a navigation response — COOP same-origin plus a compatible COEP gives cross-origin isolation',
  },
  coiPermissions: {
    url: `${HTML}/infrastructure.html#policy-controlled-features`,
    section: "HTML: policy-controlled feature cross-origin-isolated (default allowlist 'self')",
  },

  // ---- other standards ----
  urlOrigin: { url: 'https://url.spec.whatwg.org/#concept-url-origin', section: 'URL: URL origin (scheme, host, port; default port is null)' },
  storageKey: {
    url: 'https://storage.spec.whatwg.org/#obtain-a-storage-key',
    section: 'Storage §4.2: obtain a storage key',
  },
  storagePartitioning: {
    url: 'https://privacycg.github.io/storage-partitioning/',
    section: 'Privacy CG Client-Side Storage Partitioning (draft) — third-party storage keyed by top-level site',
  },
  cacheStorage: {
    url: 'https://w3c.github.io/ServiceWorker/#cachestorage-interface',
    section: "Service Workers: CacheStorage — the relevant name to cache map of the environment's storage key",
  },
  broadcastChannel: {
    url: `${HTML}/web-messaging.html#dom-broadcastchannel-postmessage`,
    section: "HTML: BroadcastChannel postMessage() — delivered only to channels whose storage key (for non-storage purposes) equals the sender's",
  },
  sharedWorker: {
    url: `${HTML}/workers.html#dom-sharedworker`,
    section: "HTML: new SharedWorker() — an existing worker is reused only when its storage key (for non-storage purposes) equals the caller's",
  },
  serviceWorkerRegistration: {
    url: 'https://w3c.github.io/ServiceWorker/#dfn-scope-to-registration-map',
    section: "Service Workers: registrations are keyed by storage key and scope (getRegistration() looks up the caller's storage key)",
  },
  webLocks: {
    url: 'https://w3c.github.io/web-locks/#lock-manager',
    section: "Web Locks: one lock manager per storage bucket (query() sees only the caller's storage key's locks)",
  },
  reportingEndpoints: {
    url: 'https://w3c.github.io/reporting/#header',
    section: "Reporting §3.2: the Reporting-Endpoints header — names the endpoints a document's reports go to",
  },
  reportingProcessHeader: {
    url: 'https://w3c.github.io/reporting/#process-header',
    section:
      "Reporting §3.3: process reporting endpoints for a response — a document's endpoints come from its Reporting-Endpoints header alone; the legacy Report-To header (Reporting API v0: JSON groups with max_age) is not part of the standard, so a report-to naming a group only Report-To declares has no endpoint and no report is sent",
  },
  reportingDeliver: {
    url: 'https://w3c.github.io/reporting/#send-reports',
    section: 'Reporting §3.5.1: send reports — queued reports are POSTed as application/reports+json to their endpoint (when is up to the user agent)',
  },
  reportingSerialize: {
    url: 'https://w3c.github.io/reporting/#serialize-reports',
    section: 'Reporting §2.4: serialize reports — each report is sent as { age, type, url, user_agent, body }',
  },
  reportingMediaType: {
    url: 'https://w3c.github.io/reporting/#media-type',
    section: 'Reporting §2.2: reports are delivered as application/reports+json',
  },
  reportingTryDelivery: {
    url: 'https://w3c.github.io/reporting/#try-delivery',
    section: "Reporting §3.5.2: attempt to deliver reports — a POST in CORS mode, without credentials, from the report's origin",
  },
  coepCorpReport: {
    url: `${FETCH}#queue-a-cross-origin-embedder-policy-corp-violation-report`,
    section:
      'Fetch §3.7: queue a cross-origin embedder policy CORP violation report — type coep, body { type: corp, blockedURL, destination, disposition: enforce or reporting }, to the policy’s (report-only) reporting endpoint',
  },
  coepInheritanceReport: {
    url: `${HTML}/browsers.html#queue-a-cross-origin-embedder-policy-inheritance-violation`,
    section:
      'HTML: queue a cross-origin embedder policy inheritance violation — a frame whose response does not meet its embedder’s COEP: a coep report { type: navigation, blockedURL, disposition } to the embedder’s endpoint',
  },
  coepWorkerReport: {
    url: `${HTML}/workers.html#check-a-global-object's-embedder-policy`,
    section:
      'HTML: check a global object’s embedder policy — a dedicated worker whose COEP does not match its owner’s: a coep report { type: worker initialization, blockedURL, disposition }',
  },
  dipReport: {
    url: 'https://wicg.github.io/document-isolation-policy/#queue-a-document-isolation-policy-corp-violation-report',
    section:
      'Document Isolation Policy §7: queue a document isolation policy CORP violation report — to the policy’s (report-only) reporting endpoint, with the blocked URL and a disposition',
  },
  dipReportingEndpoint: {
    url: 'https://wicg.github.io/document-isolation-policy/#dip-reporting-endpoint',
    section: 'Document Isolation Policy §2.2: a policy’s reporting endpoint and report-only reporting endpoint, named by report-to',
  },
  coopReport: {
    url: `${HTML}/browsers.html#coop-violation-navigation-to`,
    section:
      'HTML: COOP reporting — a browsing context group switch (or one report-only would cause) queues a coop report { type: navigation-to-response, disposition, effectivePolicy, previousResponseURL, referrer } to the response’s endpoint',
  },
  coopAccessReport: {
    url: `${HTML}/browsers.html#coop-check-access-report`,
    section:
      'HTML: COOP report-only access reporting — a cross-origin access between documents that report-only COOP would have put in different groups queues access-to-coop-page-from-opener / access-from-coop-page-to-opener reports',
  },
  coepReportOnly: {
    url: `${HTML}/browsers.html#coep`,
    section: 'HTML: Cross-Origin-Embedder-Policy-Report-Only — violations are reported, not enforced',
  },
  hasStorageAccess: {
    url: 'https://privacycg.github.io/storage-access/#dom-document-hasstorageaccess',
    section:
      'Storage Access API §3.2: hasStorageAccess() — true for a top-level document or one of the same authority as the top level (not A→B→A), else whether this document has storage access (set by a resolved request)',
  },
  requestStorageAccess: {
    url: 'https://privacycg.github.io/storage-access/#dom-document-requeststorageaccess',
    section:
      'Storage Access API §3.2: requestStorageAccess() — resolves (and sets has storage access) when the embedded site is same site with the top-level site or the permission is granted; without transient activation otherwise rejects with NotAllowedError',
  },
  storageAccessPermission: {
    url: 'https://privacycg.github.io/storage-access/#permissions-integration',
    section:
      'Storage Access API §4: the "storage-access" permission, keyed by (top-level site, requesting site); a granted permission lets requestStorageAccess() resolve without user activation, a denied one rejects it with NotAllowedError even with activation; its query reports a denied permission as "prompt" (the user\'s refusal is not revealed)',
  },
  storageAccessPolicy: {
    url: 'https://privacycg.github.io/storage-access/#permissions-policy-integration',
    section:
      'Storage Access API §5: "storage-access" is a policy-controlled feature (default allowlist *); requestStorageAccess() in a document not allowed to use it rejects with NotAllowedError before anything else is asked (§3.2 step 6, ahead of the permission and of any user-agent setting that would allow the cookies)',
  },
  storageAccessCookies: {
    url: 'https://privacycg.github.io/storage-access/#cookies',
    section:
      'Storage Access API §3.5.1: a document whose environment has storage access gets its unpartitioned cookies (document.cookie and its credentialed requests); without it, cross-site cookies stay blocked or partitioned',
  },
  storageAccessOnlyCookies: {
    url: 'https://privacycg.github.io/storage-access/#storage',
    section:
      "Storage Access API §3.5: this API only impacts HTTP cookies — a granted request leaves the document's own localStorage, IndexedDB, Cache Storage, BroadcastChannel and Web Locks keyed as before (partitioned in a third-party context)",
  },
  saaTypes: {
    url: 'https://privacycg.github.io/saa-non-cookie-storage/#dom-document-requeststorageaccess-types',
    section:
      'Extending Storage Access API to non-cookie storage §2.1: requestStorageAccess(types) — with at least one type true it runs request storage access and resolves with a StorageAccessHandle whose types are those asked for (cookies only when all or cookies); requestStorageAccess() without types resolves with no handle',
  },
  saaHandleStorage: {
    url: 'https://privacycg.github.io/saa-non-cookie-storage/#dom-storage',
    section:
      "Extending Storage Access API to non-cookie storage §2.3.1: a StorageAccessHandle's localStorage getter — InvalidStateError unless all or localStorage was requested, else the first-party (unpartitioned) localStorage",
  },
  storageAccessAutomation: {
    url: 'https://privacycg.github.io/storage-access/#automation',
    section: 'Storage Access API §8: automation — the permission is set through WebDriver (Set Permission; Set Storage Access)',
  },
  secFetchStorageAccess: {
    url: 'https://privacycg.github.io/storage-access-headers/#set-storage-access',
    section:
      'Storage Access Headers §4.1: Sec-Fetch-Storage-Access on a credentialed cross-site request — none (no permission), inactive (permission granted, not active in the requesting environment), active (unpartitioned cookies attached); omitted for same-site requests and credentials other than include',
  },
  storageAccessStatus: {
    url: 'https://privacycg.github.io/storage-access-headers/#request-storage-access-status',
    section:
      "Storage Access Headers §3: a request's storage access status — active when unpartitioned cookies are allowed, inactive when only the permission's grant would allow them, else none",
  },
  activateStorageAccessRetry: {
    url: 'https://privacycg.github.io/storage-access-headers/#perform-a-storage-access-retry-check',
    section:
      'Storage Access Headers §4.2: perform a storage access retry check — `Activate-Storage-Access: retry; allowed-origin=…` on the response to a credentialed request whose status is inactive and whose Origin equals allowed-origin (or allowed-origin=*) retries it with storage access active (its cookies attached); a token other than retry, a missing or mismatched allowed-origin, or a status other than inactive: no retry',
  },
  activateStorageAccessLoad: {
    url: 'https://privacycg.github.io/storage-access-headers/#perform-a-storage-access-load-check',
    section:
      'Storage Access Headers §4.2: perform a storage access load check — `Activate-Storage-Access: load` on a navigation response whose status is inactive or active: the new document has storage access from its first script',
  },
  activateStorageAccessField: {
    url: 'https://privacycg.github.io/storage-access-headers/#http-activate-storage-access',
    section:
      'Storage Access Headers §4.2: Activate-Storage-Access is a Structured Field Item (RFC 9651) whose value must be a token (load, retry), with the allowed-origin parameter a String or the token *',
  },
  dip: {
    url: 'https://wicg.github.io/document-isolation-policy/#dip-header',
    section:
      'Document Isolation Policy (WICG draft) §2.2.1: a document that sends the header is cross-origin isolated by itself, in an agent cluster of its own',
  },
  dipObtain: {
    url: 'https://wicg.github.io/document-isolation-policy/#obtain-dip',
    section:
      'Document Isolation Policy §2.2.1: obtain a document isolation policy — isolate-and-require-corp, isolate-and-credentialless, anything else none; the report-only header does not enforce',
  },
  dipCorp: {
    url: 'https://wicg.github.io/document-isolation-policy/#corp-check-blocked-dip',
    section:
      "Document Isolation Policy §7: the cross-origin resource policy check applies the document's isolation policy as an embedder policy (blocked-by-dip)",
  },
  permissionsPolicyAllow: {
    url: 'https://w3c.github.io/webappsec-permissions-policy/#iframe-allow-attribute',
    section: "Permissions Policy: the iframe allow attribute — 'src' by default, 'none', * (container policy over the feature's default allowlist)",
  },
  credentiallessIframe: {
    url: 'https://wicg.github.io/anonymous-iframe/#specification',
    section: 'Iframe credentialless (WICG draft): a credentialless iframe gets the page credentialless nonce in its storage, cookie and network partition keys',
  },
  blobUrlStore: {
    url: 'https://w3c.github.io/FileAPI/#blob-url-store',
    section: 'File API: the blob URL store — entries carry their environment; resolving across storage keys is being partitioned',
  },
  indexedDB: {
    url: 'https://w3c.github.io/IndexedDB/#dom-idbfactory-open',
    section: 'IndexedDB: open() — per storage key; SecurityError for opaque origins',
  },
  cspSandbox: {
    url: 'https://w3c.github.io/webappsec-csp/#directive-sandbox',
    section: 'CSP3: sandbox directive — applies to the document however it is loaded',
  },
  frameAncestors: { url: 'https://w3c.github.io/webappsec-csp/#directive-frame-ancestors', section: 'CSP3: frame-ancestors (overrides X-Frame-Options)' },
  cssRules: { url: 'https://drafts.csswg.org/cssom/#dom-cssstylesheet-cssrules', section: 'CSSOM: cssRules — SecurityError unless origin-clean' },
  cookieDomain: {
    url: `${COOKIES}#section-5.6.3`,
    section: 'RFC 6265bis §5.6.3 Domain attribute — host-only cookies vs domain cookies sent to subdomains',
  },
  cookieHttpOnly: { url: `${COOKIES}#section-5.6.6`, section: 'RFC 6265bis §5.6.6 HttpOnly — hidden from non-HTTP APIs' },
  cookieSecure: { url: `${COOKIES}#section-5.6.5`, section: 'RFC 6265bis §5.6.5 Secure — only sent/exposed over secure channels' },
  sameSite: {
    url: `${COOKIES}#section-5.8.3`,
    section:
      'RFC 6265bis §5.8.3 SameSite cookies — Strict/Lax withheld from cross-site subresources; Lax sent on top-level safe navigations; default enforcement Lax',
  },
  cookieStorageModel: {
    url: `${COOKIES}#section-5.7`,
    section:
      'RFC 6265bis §5.7 storage model, step 18 — a cookie whose SameSite is not None, set by a cross-site request that does not navigate a top-level traversable, is ignored entirely',
  },
  cookieRetrieval: {
    url: `${COOKIES}#section-5.8.3`,
    section: 'RFC 6265bis §5.8.3 retrieval algorithm — SameSite=None cookies go on cross-site requests; Lax and Strict not on cross-site subresources',
  },
  sameSiteRequest: {
    url: `${COOKIES}#section-5.2`,
    section:
      'RFC 6265bis §5.2 "same-site" and "cross-site" requests — same-site only if "the origin of every url in the request\'s url list is same-site with the request\'s current url\'s origin" and the current URL is same-site with the client\'s site for cookies',
  },
  siteForCookies: {
    url: `${COOKIES}#section-5.2.1`,
    section: 'RFC 6265bis §5.2.1 document-based requests — the site for cookies of a top-level document is its origin; a cross-site frame has none',
  },
  thirdPartyCookies: {
    url: `${COOKIES}#section-7.1`,
    section: 'RFC 6265bis §7.1 third-party cookies — user agents may block or partition them by cookie policy (not required)',
  },
  chipsPartitionKey: {
    url: 'https://github.com/privacycg/CHIPS#partitioning-model',
    section: "CHIPS (Privacy CG; draft-cutler-httpbis-partitioned-cookies): a Partitioned cookie's partition key is the top-level site it was set under",
  },
  chipsAttach: {
    url: 'https://github.com/privacycg/CHIPS#attaching-a-partitioned-cookie-to-a-request',
    section: "CHIPS: a Partitioned cookie is attached only when the request's top-level site matches its partition key",
  },
  mixedUpgradeable: {
    url: 'https://w3c.github.io/webappsec-mixed-content/#category-upgradeable',
    section: 'Mixed Content: upgradeable content — images (not srcset/picture), audio and video',
  },
  mixedUpgrade: {
    url: 'https://w3c.github.io/webappsec-mixed-content/#upgrade-algorithm',
    section: 'Mixed Content: upgrade a mixed content request to a potentially trustworthy URL — the http scheme becomes https (the port is not changed)',
  },
  mixedBlockable: {
    url: 'https://w3c.github.io/webappsec-mixed-content/#category-blockable',
    section: 'Mixed Content: blockable content — anything not upgradeable (scripts, style sheets, fetch/XHR, frames)',
  },
  mixedShouldBlock: {
    url: 'https://w3c.github.io/webappsec-mixed-content/#should-block-fetch',
    section: 'Mixed Content: should fetching request be blocked as mixed content? — blocked, unless the request navigates a top-level browsing context',
  },
  // ---- WebSockets ----
  websocketFeedback: {
    url: 'https://websockets.spec.whatwg.org/#feedback-from-the-protocol',
    section:
      'WebSockets: feedback from the protocol — when the connection is closed, one task sets the ready state to CLOSED, fires error if the connection was failed, then fires close (a CloseEvent; code 1006 and wasClean false when no Close frame was received, RFC 6455 §7.1.5)',
  },
  websocketConstructor: {
    url: 'https://websockets.spec.whatwg.org/#dom-websocket-websocket',
    section: 'WebSockets: new WebSocket(url) — establishes the connection with the entry settings object as the client',
  },
  websocketEstablish: {
    url: 'https://websockets.spec.whatwg.org/#concept-websocket-establish',
    section:
      'WebSockets: establish a WebSocket connection — a request with mode "websocket", credentials mode "include", its client; any status but 101 fails the connection',
  },
  websocketOrigin: {
    url: 'https://www.rfc-editor.org/rfc/rfc6455#section-10.2',
    section: "RFC 6455 §10.2 Origin considerations — the browser sends the script's origin; a server that is not for any page must check it",
  },
  websocketServerOrigin: {
    url: 'https://www.rfc-editor.org/rfc/rfc6455#section-4.2.2',
    section: 'RFC 6455 §4.2.2 server handshake — a server may refuse an Origin it does not accept with an HTTP error (403)',
  },
  websocketMixedContent: {
    url: 'https://w3c.github.io/webappsec-mixed-content/#should-block-fetch',
    section: 'Mixed Content: should fetching a request be blocked — a ws: (http) WebSocket request from a secure context is blockable: never sent',
  },
  // ---- Fetch Metadata (harness/model/fetch/metadata.ts cites these steps) ----
  fetchMetadataAppend: {
    url: `${FETCH_METADATA}#abstract-opdef-append-the-fetch-metadata-headers-for-a-request`,
    section:
      'Fetch Metadata §3 append the Fetch metadata headers for a request — only when the URL is potentially trustworthy (https), on every request HTTP-network-or-cache fetch sends',
  },
  fetchMetadataDest: {
    url: `${FETCH_METADATA}#abstract-opdef-set-dest`,
    section: "Fetch Metadata §2.1 set the Sec-Fetch-Dest header — the request's destination, `empty` for fetch() and XHR",
  },
  fetchMetadataMode: { url: `${FETCH_METADATA}#abstract-opdef-set-mode`, section: "Fetch Metadata §2.2 set the Sec-Fetch-Mode header — the request's mode" },
  fetchMetadataSite: {
    url: `${FETCH_METADATA}#abstract-opdef-set-site`,
    section:
      "Fetch Metadata §2.3 set the Sec-Fetch-Site header — same-origin, widened by every URL of the request's URL list that is not same origin (same-site) or not schemefully same site (cross-site) with the request's origin",
  },
  fetchMetadataUser: {
    url: `${FETCH_METADATA}#abstract-opdef-set-user`,
    section: 'Fetch Metadata §2.4 set the Sec-Fetch-User header — only on navigation requests with user activation',
  },
  followHyperlinkUser: {
    url: `${HTML}/links.html#following-hyperlinks-2`,
    section:
      'HTML: an a element\'s activation behavior follows the hyperlink with the click event\'s user navigation involvement — "activation" when the event is trusted (a user\'s click), "none" when script dispatched it; a navigation request\'s user-activation is set from it',
  },
  fetchMetadataRedirects: {
    url: `${FETCH_METADATA}#redirects`,
    section: 'Fetch Metadata §4.1 redirects — Sec-Fetch-Site is sent on each request of a redirect chain; a cross-site hop taints the rest of the chain',
  },
  fetchSingleModuleScript: {
    url: `${HTML}/webappapis.html#fetch-a-single-module-script`,
    section: 'HTML: fetch a single module script — mode cors, but same-origin for the top-level script of a worker, shared worker or service worker',
  },
  orb: {
    url: 'https://github.com/whatwg/fetch/pull/1442',
    section:
      'Fetch pull request "Add opaque-response blocking" (ORB; processing model at https://github.com/annevk/orb) — a cross-origin no-cors response that is not JavaScript, CSS or media is a network error (tentative: not merged)',
  },
  // ---- Local Network Access (WICG draft; section numbers of index.bs, 2026-04-22) ----
  lnaAddressSpace: {
    url: `${LNA}#ip-address-space-section`,
    section: 'Local Network Access §2.1 IP address space — public, local, loopback; loopback is the least public',
  },
  lnaRequest: {
    url: `${LNA}#local-network-request-section`,
    section: "Local Network Access §2.2 local network request — the target's address space is less public than the request's policy container's",
  },
  lnaCheck: {
    url: `${LNA}#fetching`,
    section:
      'Local Network Access §3.1.1 Local Network Access check — run when HTTP-network fetch has a connection, before the request is sent: a local network request without the permission is a network error',
  },
  lnaSecureContext: {
    url: `${LNA}#secure-context-restriction`,
    section: 'Local Network Access §2.4 secure context restriction — the check returns a network error for a client that is not a secure context',
  },
  lnaPermissions: {
    url: `${LNA}#permissions`,
    section:
      'Local Network Access §2.6 permissions — "local-network" (to a local address) and "loopback-network" (to a loopback address); not granted: a network error',
  },
  lnaTargetAddressSpace: {
    url: `${LNA}#fetch-api`,
    section:
      "Local Network Access §3.1.2 Fetch API, §3.1.1 Local Network Access check — RequestInit's targetAddressSpace: a connection in another address space is a network error; in that space the check returns null",
  },
  lnaNavigations: {
    url: `${LNA}#integration-with-fetch`,
    section:
      'Local Network Access §3.1 integration with Fetch — local network requests need a secure client and the permission; Note: "This includes navigations"; ISSUE: "Chromium only applies LNA restrictions to iframe navigations currently" (tentative for top-level navigations: WICG/local-network-access#48 is open)',
  },
  lnaWorkers: {
    url: `${LNA}#integration-with-workers`,
    section:
      "Local Network Access §3.6 integration with workers (non-normative) — a worker's policy container carries its address space, so its requests are checked as a document's are; §3.1.1 step 8 returns a network error when the client's global has no associated Document (tentative for a worker's permitted request)",
  },
  lnaHtml: {
    url: `${LNA}#integration-with-html`,
    section: "Local Network Access §3.5 integration with HTML — a document's policy container takes the address space of its response's IP address",
  },
  httpNetworkOrCacheFetch: {
    url: `${FETCH}#concept-http-network-or-cache-fetch`,
    section: 'Fetch §4.6 HTTP-network-or-cache fetch — appends the Fetch metadata headers to each request it sends',
  },
  requestDestination: { url: `${FETCH}#concept-request-destination`, section: "Fetch §2.2.5 request destination — what the request's response is for" },
  requestMode: { url: `${FETCH}#concept-request-mode`, section: 'Fetch §2.2.5 request mode — navigate, same-origin, no-cors, cors, websocket' },
  sab: {
    url: 'https://tc39.es/ecma262/#sec-sharedarraybuffer-constructor',
    section: 'ECMA-262 SharedArrayBuffer; HTML hides it unless cross-origin isolated (HTML: cross-origin isolated capability)',
  },
  measureMemory: { url: 'https://wicg.github.io/performance-measure-memory/', section: 'WICG measureUserAgentSpecificMemory — [CrossOriginIsolated]' },

  // ---- header parsing (the parsing catalog: harness/model/parsing cites these steps) ----
  fieldLines: {
    url: 'https://www.rfc-editor.org/rfc/rfc9112#section-5',
    section: 'RFC 9112 §5 field syntax — OWS around the value is not part of it; §5.2 obs-fold is replaced by SP',
  },
  fieldValues: {
    url: 'https://www.rfc-editor.org/rfc/rfc9110#section-5.5',
    section: 'RFC 9110 §5.5 field values — CTLs other than NUL, CR and LF may be retained; a recipient may reject or replace NUL and bare CR',
  },
  headerValue: { url: `${FETCH}#header-value`, section: 'Fetch §2.2.2 header value — no leading or trailing HTTP tab or space, no NUL, CR or LF' },
  headerListGet: { url: `${FETCH}#concept-header-list-get`, section: 'Fetch §2.2.2 get — the values of every line of a name, joined by 0x2C 0x20' },
  getDecodeSplit: {
    url: `${FETCH}#concept-header-list-get-decode-split`,
    section: 'Fetch §2.2.2 get, decode, and split — split at commas outside quoted strings, HTTP tab or space stripped',
  },
  extractHeaderValues: {
    url: `${FETCH}#extract-header-list-values`,
    section: "Fetch §2.2.2 extract header list values — parsed per the header's ABNF; failure when any value does not match",
  },
  corsHeaderSyntax: {
    url: `${FETCH}#http-new-header-syntax`,
    section: 'Fetch §3.3.4 HTTP new-header syntax — origin-or-null, %s"true", #method, #field-name, delta-seconds',
  },
  getStructuredField: {
    url: `${FETCH}#concept-header-list-get-structured-header`,
    section: 'Fetch §2.2.2 get a structured field value — the combined value parsed per RFC 9651, null on failure',
  },
  structuredFieldParsing: {
    url: 'https://www.rfc-editor.org/rfc/rfc9651#section-4.2',
    section: 'RFC 9651 §4.2 parsing structured fields — leading/trailing SP discarded, anything left over fails the parse',
  },
  taoCheck: { url: `${FETCH}#concept-tao-check`, section: 'Fetch §4.11 TAO check — Timing-Allow-Origin values from get, decode, and split' },
  resourceTimingTao: {
    url: 'https://w3c.github.io/resource-timing/#sec-timing-allow-origin',
    section: 'Resource Timing: Timing-Allow-Origin — without a passing TAO check the network timings (requestStart …) are zero',
  },
  obtainCoep: {
    url: `${HTML}/browsers.html#obtain-an-embedder-policy`,
    section: 'HTML: obtain an embedder policy — the structured field must be a token naming a policy; anything else is unsafe-none',
  },
  requestsOac: {
    url: `${HTML}/document-lifecycle.html#initialise-the-document-object`,
    section: 'HTML: create and initialize a Document object — requestsOAC when Origin-Agent-Cluster is the structured-field boolean true',
  },
} as const satisfies Record<string, Citation>;

export type CitationId = keyof typeof CITATIONS;
export const CITATION_IDS = Object.keys(CITATIONS) as CitationId[];

export function cite(id: CitationId): Citation {
  return CITATIONS[id];
}
