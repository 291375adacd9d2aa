/**
 * WebKit (WebKitGTK here): where it is recorded to differ from the standard, with reason and link (the forms
 * are described in registry.ts). Scenarios state only the standard.
 */
import { ORB_BLOCKED } from '../network/orb.ts';
import { coopCspSandbox, coopCspSandboxHop, webkitOriginSameSite } from './origin-and-samesite.ts';
import { webkitForeignBlob } from './foreign-blob.ts';
import { webkitWebSocketFailure } from './websocket-failure.ts';
import type { EngineDeviations, Why } from './registry.ts';
import { lnaNeverSent } from '../network/local-network-access.ts';
import { CROSS_SITE_COOKIE_ROWS } from '../network/websockets.ts';
import * as read from '../parsing/readings.ts';
import { WEBKIT_STORAGE_ACCESS, WEBKIT_STORAGE_ACCESS_STORAGE, WEBKIT_STORAGE_ACCESS_UNGRANTED } from './storage-access.ts';
import { cancelledMixedFrame, COI_PERMISSION_NOT_ENFORCED, cookieNotBack, STAR_AUTHORIZATION, STICKY_PREFLIGHT } from './shared.ts';
import {
  ANON_RELATIONS,
  NO_CREDENTIALLESS_IFRAME,
  credentiallessCookiesIgnored,
  NO_DIP,
  SAME_SITE_TOP_RELATIONS,
  TOP_LEVEL_ORIGIN_KEY,
  WEBKIT_COOP_REPORT_PREFLIGHT,
} from './document-side.ts';
import { EXPECTS_REPORT } from '../isolation/reporting.ts';

const OPAQUE_INITIATOR_SAME_SITE: Why = {
  reason: 'WebKit treats a request from a sandboxed (opaque-origin) frame to its URL host as same-site: the SameSite=Lax cookie is sent',
  link: 'https://datatracker.ietf.org/doc/html/draft-ietf-httpbis-rfc6265bis#section-5.2',
};
const NO_LAX_BY_DEFAULT: Why = {
  reason: 'WebKit does not enforce SameSite=Lax for cookies without a SameSite attribute: the default cookie (sd) is sent like None on cross-site requests',
  link: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie#samesitesamesite-value',
};
const SOCKET_SAME_SITE_BY_TOP_LEVEL: Why = {
  reason:
    "WebKitGTK decides SameSite for a frame's WebSocket handshake without the frame's ancestor chain: from a frame of another site, or a sandboxed one, to the top-level page's site (or the sandboxed frame's own host) it sends Strict and Lax cookies as if same-site; browsers differ on which requests are cross-site",
  link: 'https://w3c.github.io/webappsec-standardizing-security-semantics-of-cross-site-cookies/',
};
/** WebKitGTK's cross-site WebSocket handshakes that carry Strict and Lax cookies (the rest carry None and the unspecified one). */
const SOCKET_AS_SAME_SITE = [
  'frame-other-in-site.open.site',
  'frame-other-in-site.open.site-port',
  'frame-sandboxed-in-site.open.site',
  'frame-sandboxed-in-site.open.site-port',
  'frame-sandboxed-in-site.open.sub',
  'frame-site-in-other.open.other',
].map((s) => `network.websockets.${s}`);
const TEST_TLD_NOT_PUBLIC_SUFFIX: Why = {
  reason: 'WebKitGTK let document.domain be set to "test": its public-suffix check does not treat the reserved .test TLD as a public suffix',
  link: 'https://html.spec.whatwg.org/multipage/browsers.html#is-a-registrable-domain-suffix-of-or-is-equal-to',
};
const NO_ORIGIN_AGENT_CLUSTER: Why = {
  reason: 'WebKit does not implement Origin-Agent-Cluster: the header is ignored and the setter relaxes the domain',
  link: 'https://bugs.webkit.org/show_bug.cgi?id=287848',
};
const NO_ORIGIN_AGENT_CLUSTER_FRAME: Why = {
  reason: 'WebKit does not implement Origin-Agent-Cluster: the ?1 header is ignored and document.domain relaxes the check',
  link: 'https://bugs.webkit.org/show_bug.cgi?id=287848',
};
const MIXED_FRAME_CANCELLED: Why = {
  reason:
    'WebKitGTK cancels a frame navigation blocked as mixed content instead of committing an error document (opaque origin, load event): the frame keeps its initial about:blank, which the page can read as its own origin — not the http document, which never ran',
  link: 'https://github.com/whatwg/html/issues/2415',
};
const CROSS_SITE_SET_COOKIE_REFUSED: Why = {
  reason:
    "WebKitGTK's default cookie accept policy (no third party: only cookies set by the main document) refuses a cookie set by a cross-site response; WebKitGTK is not Safari, whose tracking prevention blocks third-party cookies as well",
  link: 'https://webkitgtk.org/reference/webkit2gtk/stable/enum.CookieAcceptPolicy.html',
};
const NO_CHIPS: Why = {
  reason:
    'WebKitGTK 2.50 does not implement Partitioned cookies (CHIPS): under its no-third-party cookie policy a Partitioned cookie set by a cross-site response is refused like any other',
  link: 'https://bugs.webkit.org/show_bug.cgi?id=292975',
};
/** data: dedicated and shared workers (see the drafted report). */
const LOCAL_SCHEME_COEP: Why = {
  reason:
    "HTML \"initialize a worker global scope's policy container\": a worker whose URL is local but not blob: clones its owner's policy container, embedder policy included; WebKitGTK gives data: dedicated and shared workers none (another site's response without CORP loads) and a data: dedicated worker of an isolated page crossOriginIsolated true (HTML: false for data: workers)",
  link: 'repo:docs/bugs/coep-local-scheme-inheritance.md',
};
const NO_CREDENTIALLESS: Why = {
  reason:
    'WebKitGTK 2.50 does not implement COEP credentialless: the value is ignored (treated as unsafe-none), so the page is not isolated, frames and workers are not checked, and no-cors requests keep their cookies',
  link: 'https://bugs.webkit.org/show_bug.cgi?id=230550',
};
const NO_SHARED_ARRAY_BUFFER: Why = {
  reason:
    'WebKitGTK (GLib ports) builds do not enable SharedArrayBuffer even in cross-origin isolated contexts; crossOriginIsolated is true but the constructor is absent (and measureUserAgentSpecificMemory is not implemented by WebKit)',
  link: 'https://bugs.webkit.org/show_bug.cgi?id=317847',
};

// ---- network/fetch-metadata
const NO_SEC_FETCH_USER: Why = {
  reason:
    "WebKitGTK never sends Sec-Fetch-User: a link followed by the driver's real click (the click event is trusted, and the navigation arrives with its Sec-Fetch-Site, -Mode and -Dest) carries no Sec-Fetch-User: ?1, on either hop of a redirect; WebKit sends the other three Fetch Metadata headers but does not implement this one (browser-compat-data lists it as not supported in Safari, with this bug as its implementation link)",
  link: 'https://bugs.webkit.org/show_bug.cgi?id=247697',
};
const LNA_NOT_PLACED: Why = {
  reason:
    'WebKitGTK 2.50 has no switch or setting that places a host or an endpoint in an address space (the bug asks for a testing override): every host is reached through the loopback proxy, so to WebKit every page and target is loopback and no request is a local network request; whether it would block one is not observable here',
  link: 'https://bugs.webkit.org/show_bug.cgi?id=323474',
};

/** The rows of a declared permission state (granted, denied, one of the two). */
const LNA_STATE_ROW = /^network\.lna\.(granted|denied|local-network-only|loopback-network-only)\./;
const LNA_NOT_PLACED_NOR_SET: Why = {
  reason: `${LNA_NOT_PLACED.reason}. The permission state the page declares (denied, or one of the two granted) is not set either: WebKitWebDriver 2.50 has no Set Permission command`,
  link: LNA_NOT_PLACED.link,
};

const LNA_TARGET_ADDRESS_SPACE_IGNORED: Why = {
  reason:
    "WebKitGTK 2.50 does not fail a fetch() whose targetAddressSpace names another space than the target's: the request reaches the server, even from the loopback page to another loopback host named 'local' (a mismatch in any placement of the hosts)",
  link: 'https://developer.mozilla.org/en-US/docs/Web/API/Request/targetAddressSpace#browser_compatibility',
};

export const webkit: EngineDeviations = {
  observed: [
    ...webkitOriginSameSite,
    ...WEBKIT_STORAGE_ACCESS,
    ...WEBKIT_STORAGE_ACCESS_UNGRANTED,
    ...WEBKIT_STORAGE_ACCESS_STORAGE,
    coopCspSandbox,
    coopCspSandboxHop,
    ...webkitWebSocketFailure,
    ...webkitForeignBlob,
    {
      scenarios: CROSS_SITE_COOKIE_ROWS.filter((id) => !SOCKET_AS_SAME_SITE.includes(id)),
      observed: {},
      evidence: { ws: { cookies: ['ws_default', 'ws_none'] } },
      ...NO_LAX_BY_DEFAULT,
    },
    {
      scenarios: SOCKET_AS_SAME_SITE,
      observed: {},
      evidence: { ws: { cookies: ['ws_default', 'ws_lax', 'ws_none', 'ws_strict'] } },
      ...SOCKET_SAME_SITE_BY_TOP_LEVEL,
    },
    {
      scenarios: ['sop.sandbox.allow-scripts.lax-cookie-withheld'],
      observed: {},
      evidence: { sink: { cookies: ['sb_lax', 'sb_none'] } },
      ...OPAQUE_INITIATOR_SAME_SITE,
    },
    {
      scenarios: ['sop.cookies.cross-site-fetch-samesite', 'sop.cookies.cross-site-form-post-frame', 'sop.cookies.top-level-post'],
      observed: {},
      evidence: { sink: { cookies: ['sd', 'sn'] } },
      ...NO_LAX_BY_DEFAULT,
    },
    { scenarios: ['sop.cookies.cross-site-img'], observed: {}, evidence: { img: { cookies: ['sd', 'sn'] } }, ...NO_LAX_BY_DEFAULT },
    { scenarios: ['sop.cookies.cross-site-iframe'], observed: {}, evidence: { doc: { cookies: ['sd', 'sn'] } }, ...NO_LAX_BY_DEFAULT },
    { scenarios: ['sop.dd.set-tld'], observed: { allowed: true, error: null, after: 'test' }, ...TEST_TLD_NOT_PUBLIC_SUFFIX },
    { scenarios: ['sop.dd.set-parent-oac-1'], observed: { allowed: true, after: 'site.test', originAgentCluster: false }, ...NO_ORIGIN_AGENT_CLUSTER },
    { scenarios: ['sop.dd.both-set-frame-oac-1'], observed: { steps: [{}, {}, { allowed: true }] }, ...NO_ORIGIN_AGENT_CLUSTER_FRAME },
    cancelledMixedFrame(MIXED_FRAME_CANCELLED),
    cookieNotBack(CROSS_SITE_SET_COOKIE_REFUSED, 'fetch', 'cross-site'),
    cookieNotBack(CROSS_SITE_SET_COOKIE_REFUSED, 'fetch', 'first-party'),
    cookieNotBack(NO_CHIPS, 'fetch', 'cross-site', 'partitioned'),
    cookieNotBack(CROSS_SITE_SET_COOKIE_REFUSED, 'frame', 'cross-site'),
    cookieNotBack(CROSS_SITE_SET_COOKIE_REFUSED, 'frame', 'first-party'),
    cookieNotBack(NO_CHIPS, 'frame', 'cross-site', 'partitioned'),
    { scenarios: ['isolation.coep.require-corp.iframe.other-site.coep-credentialless-corp'], observed: { targetReady: false }, ...NO_CREDENTIALLESS },
    {
      scenarios: [
        'isolation.coep.credentialless.iframe.same-origin.plain',
        'isolation.coep.credentialless.iframe.other-site.plain',
        'isolation.coep.credentialless.iframe.other-site.coep',
        'isolation.coep.credentialless.iframe.other-site.corp-same-origin',
      ],
      observed: { targetReady: true },
      ...NO_CREDENTIALLESS,
    },
    {
      scenarios: ['isolation.coep.worker.coi.require-corp'],
      observed: { event: 'message', data: { crossOriginIsolated: true, sharedArrayBuffer: false } },
      ...NO_SHARED_ARRAY_BUFFER,
    },
    {
      scenarios: ['isolation.coep.worker.coi.credentialless', 'isolation.coep.worker.fetch.credentialless.no-corp'],
      observed: { event: 'error', data: null },
      ...NO_CREDENTIALLESS,
    },
    { scenarios: ['isolation.coep.worker.coi-credentialless.no-coep'], observed: { event: 'message' }, ...NO_CREDENTIALLESS },
    {
      scenarios: ['isolation.coep.worker.coi-credentialless.require-corp'],
      observed: { event: 'message', data: { crossOriginIsolated: false } },
      ...NO_CREDENTIALLESS,
    },
    { scenarios: ['isolation.coep.cookies.credentialless.img'], observed: { loaded: true }, evidence: { res: { cookies: ['cl'] } }, ...NO_CREDENTIALLESS },
    {
      scenarios: ['isolation.coep.cookies.credentialless.fetch-no-cors'],
      observed: { resolved: true },
      evidence: { res: { cookies: ['cl'] } },
      ...NO_CREDENTIALLESS,
    },
    {
      scenarios: ['isolation.coi.coop-so.coep-require-corp', 'isolation.claims.c83.sab-isolated'],
      observed: { crossOriginIsolated: true, sharedArrayBuffer: false, sabConstructible: false, sharedWasmMemory: false },
      ...NO_SHARED_ARRAY_BUFFER,
    },
    {
      scenarios: ['isolation.coi.coop-so.coep-credentialless', 'isolation.claims.c82.credentialless'],
      observed: { crossOriginIsolated: false, sharedArrayBuffer: false, sabConstructible: false, sharedWasmMemory: false },
      ...NO_CREDENTIALLESS,
    },
    {
      scenarios: ['isolation.coi.gated.coop-so.coep-require-corp'],
      observed: { crossOriginIsolated: true, sabPostMessage: false, measureUserAgentSpecificMemory: 'undefined' },
      ...NO_SHARED_ARRAY_BUFFER,
    },
    {
      scenarios: ['isolation.coi.gated.coop-so.coep-credentialless'],
      observed: { crossOriginIsolated: false, sabPostMessage: false, measureUserAgentSpecificMemory: 'undefined' },
      ...NO_CREDENTIALLESS,
    },
    { scenarios: ['isolation.coi.frame.other-site'], observed: { crossOriginIsolated: true }, ...COI_PERMISSION_NOT_ENFORCED },
    // ---- isolation/coep-inherit
    {
      scenarios: [
        'isolation.coep-inherit.coi-credentialless.about-blank-frame',
        'isolation.coep-inherit.coi-credentialless.about-blank-frame-navigated',
        'isolation.coep-inherit.coi-credentialless.about-blank-popup',
        'isolation.coep-inherit.coi-credentialless.about-blank-popup-navigated',
        'isolation.coep-inherit.coi-credentialless.blob-popup',
        'isolation.coep-inherit.coi-credentialless.srcdoc-frame',
        'isolation.coep-inherit.coi-credentialless.blob-frame',
        'isolation.coep-inherit.coi-credentialless.blob-worker',
      ],
      observed: { crossOriginIsolated: false },
      evidence: { res: { cookies: ['cl'] } },
      ...NO_CREDENTIALLESS,
    },
    { scenarios: ['isolation.coep-inherit.coi-credentialless.blob-shared-worker'], observed: {}, evidence: { res: { cookies: ['cl'] } }, ...NO_CREDENTIALLESS },
    {
      scenarios: [
        'isolation.coep-inherit.require-corp.data-worker',
        'isolation.coep-inherit.require-corp.data-shared-worker',
        'isolation.coep-inherit.coi-require-corp.data-shared-worker',
      ],
      observed: { loaded: true },
      ...LOCAL_SCHEME_COEP,
    },
    { scenarios: ['isolation.coep-inherit.coi-require-corp.data-worker'], observed: { loaded: true, crossOriginIsolated: true }, ...LOCAL_SCHEME_COEP },
    { scenarios: ['isolation.coep-inherit.coi-require-corp.data-frame'], observed: { crossOriginIsolated: true }, ...COI_PERMISSION_NOT_ENFORCED },

    // ---- network/fetch-metadata
    {
      scenarios: /^network\.fetch-metadata\.redirect\.fetch-cors\./,
      observed: {},
      evidence: { res: { secFetchSite: null, secFetchMode: null, secFetchDest: null } },
      reason:
        'WebKitGTK sends Sec-Fetch-Site, -Mode and -Dest on the first request of a CORS-mode fetch() and on every hop of no-cors and element requests, but none on the request that follows a redirect of a CORS-mode fetch()',
      link: 'repo:docs/bugs/webkit-sec-fetch-cors-redirect.md',
    },
    {
      scenarios: /^network\.fetch-metadata\.user\.click\.(?!.*\.redirect\.)/,
      observed: {},
      evidence: { res: { secFetchUser: null } },
      ...NO_SEC_FETCH_USER,
    },
    {
      scenarios: /^network\.fetch-metadata\.user\.click\..*\.redirect\./,
      observed: {},
      evidence: { res: { secFetchUser: null }, hop: { secFetchUser: null } },
      ...NO_SEC_FETCH_USER,
    },
    // ---- network/local-network-access
    ...lnaNeverSent((id) => !id.includes('.fetch-target-') && !LNA_STATE_ROW.test(id)).map(({ ids, reached }) => ({
      scenarios: ids,
      observed: reached,
      evidence: { res: { arrived: true } },
      ...LNA_NOT_PLACED,
    })),
    ...lnaNeverSent((id) => !id.includes('.fetch-target-') && LNA_STATE_ROW.test(id)).map(({ ids, reached }) => ({
      scenarios: ids,
      observed: reached,
      evidence: { res: { arrived: true } },
      ...LNA_NOT_PLACED_NOR_SET,
    })),
    ...lnaNeverSent((id) => id.includes('.fetch-target-')).map(({ ids, reached }) => ({
      scenarios: ids,
      observed: reached,
      evidence: { res: { arrived: true } },
      ...LNA_TARGET_ADDRESS_SPACE_IGNORED,
    })),
    // ---- network/orb (tentative: ORB is a Fetch pull request)
    {
      scenarios: ORB_BLOCKED.fetch,
      observed: { resolved: true, type: 'opaque', error: null },
      reason: 'WebKitGTK has no ORB (WebKit supports the proposal but has not shipped it): every no-cors response reaches the page as an opaque response',
      link: 'https://github.com/WebKit/standards-positions/issues/64',
    },
    {
      scenarios: ORB_BLOCKED.script,
      observed: { event: 'load' },
      reason: 'WebKitGTK has no ORB: the cross-site response reaches the script element, which fires load',
      link: 'https://github.com/WebKit/standards-positions/issues/64',
    },
    // ---- the document side: storage partitioning, Document-Isolation-Policy, credentialless frames, reports
    { scenarios: SAME_SITE_TOP_RELATIONS, observed: { value: null }, ...TOP_LEVEL_ORIGIN_KEY },
    { scenarios: ANON_RELATIONS.written, observed: { value: 'written' }, ...NO_CREDENTIALLESS_IFRAME.webkit },
    { scenarios: ANON_RELATIONS.registered, observed: { value: 'registered' }, ...NO_CREDENTIALLESS_IFRAME.webkit },
    { scenarios: ANON_RELATIONS.held, observed: { value: 'held' }, ...NO_CREDENTIALLESS_IFRAME.webkit },
    ...credentiallessCookiesIgnored(NO_CREDENTIALLESS_IFRAME.webkit),
    {
      scenarios: /^isolation\.credentialless\.(same-origin|same-site|other-port|cross-site)(\.allowed)?$/,
      observed: { contexts: { f: false }, steps: [{ contextReady: false, isSecureContext: null, crossOriginIsolated: null }] },
      ...NO_CREDENTIALLESS_IFRAME.webkit,
    },
    {
      scenarios: /^isolation\.dip\.(frame|popup)\.[a-z-]+\.(require-corp|credentialless)$/,
      observed: { crossOriginIsolated: false, sharedArrayBuffer: false, sabConstructible: false },
      ...NO_DIP,
    },
    { scenarios: ['isolation.dip.fetch.require-corp.no-corp'], observed: { resolved: true, type: 'opaque', error: null }, ...NO_DIP },
    {
      scenarios: [
        'isolation.allow.same-origin.none',
        'isolation.allow.same-site.absent',
        'isolation.allow.same-site.none',
        'isolation.allow.other-port.absent',
        'isolation.allow.other-port.none',
        'isolation.allow.cross-site.absent',
        'isolation.allow.cross-site.none',
      ],
      observed: { crossOriginIsolated: true },
      ...COI_PERMISSION_NOT_ENFORCED,
    },
    {
      scenarios: [
        'isolation.allow.same-origin.listed-sub',
        'isolation.allow.same-site.self',
        'isolation.allow.other-port.self',
        'isolation.allow.other-port.listed-sub',
        'isolation.allow.cross-site.self',
        'isolation.allow.cross-site.listed-sub',
      ],
      observed: { crossOriginIsolated: true },
      ...COI_PERMISSION_NOT_ENFORCED,
    },
    // ---- reports (scenarios/isolation/reporting.ts)
    {
      scenarios: EXPECTS_REPORT.dip.filter((id) => id !== 'isolation.reporting.dip.fetch'),
      observed: { steps: [{}, { arrived: false }] },
      evidence: { ep: { arrived: false, reports: [] } },
      ...NO_DIP,
    },
    {
      scenarios: ['isolation.reporting.dip.fetch'],
      observed: { steps: [{ resolved: true }, { arrived: false }] },
      evidence: { ep: { arrived: false, reports: [] } },
      ...NO_DIP,
    },
    {
      scenarios: EXPECTS_REPORT.coepCredentialless,
      observed: { steps: [{}, { arrived: false }] },
      evidence: { ep: { arrived: false, reports: [] } },
      ...NO_CREDENTIALLESS,
    },
    { scenarios: EXPECTS_REPORT.coop, observed: {}, evidence: { ep: { reports: [] } }, ...WEBKIT_COOP_REPORT_PREFLIGHT },
  ],
  fetchModel: [
    {
      variant: { wildcardCoversAuthorization: true },
      reason: `WebKit: ${STAR_AUTHORIZATION}`,
      link: 'https://wpt.fyi/results/fetch/api/cors/cors-preflight-star.any.html',
    },
    {
      variant: { stickyPreflight: true },
      reason: `WebKit: ${STICKY_PREFLIGHT}`,
      link: 'https://wpt.fyi/results/fetch/api/cors/cors-preflight-redirect.any.html',
    },
  ],
  parsing: [
    {
      slug: 'header-bytes-utf8-replaced',
      areas: ['*'],
      reason:
        'WebKitGTK replaces every header-value byte that is not part of valid UTF-8 (Latin-1 é, NBSP, NEL as single bytes) with the three bytes of U+FFFD before WebKit reads the value, so Headers.get() returns "ï¿½" for each such byte; a header value is a byte sequence (Fetch #header-value) and get() isomorphically decodes it, "é" for the byte 0xE9 (WebKitGTK\'s network layer, libsoup, is not Safari\'s)',
      link: read.draft('webkit-header-bytes-utf8-replaced.md'),
      fields: read.utf8ReplacedFields,
    },
    {
      slug: 'max-age-trimmed-signed',
      areas: [read.MAX_AGE],
      reason:
        'WebKit trims every ASCII whitespace byte (VT and FF too) around Access-Control-Max-Age and reads a signed integer, so `-1`, and `0` wrapped in VT or FF, are a non-positive max-age and the preflight is not cached; delta-seconds is 1*DIGIT with only OWS around it, so those values fail to parse and Fetch uses the default of 5 seconds (#cors-preflight-fetch-0 step 7.9)',
      link: read.draft('webkit-max-age-trimmed-signed.md'),
      headers: read.trimmedSignedMaxAge,
    },
    {
      slug: 'xfo-trims-vt-ff',
      areas: [read.XFO],
      reason:
        'WebKit trims every ASCII whitespace byte (HT, LF, VT, FF, CR, SP) around each X-Frame-Options value, so `\\x0bDENY` denies; HTML takes the values from "get, decode, and split", which strips only HTTP tab or space, leaving a lone invalid value that is ignored (wpt x-frame-options/get-decode-split.html)',
      link: read.WPT_XFO,
      headers: read.xfoTrimmedOfAsciiWhitespace,
    },
    {
      slug: 'tao-split-ignores-quotes',
      areas: [read.TAO],
      reason:
        'WebKit splits Timing-Allow-Origin at every comma, so `"https://x.test, https://site.test` (an unclosed quote) still lists https://site.test; "get, decode, and split" makes the quoted rest of the value one entry that matches nothing',
      link: read.draft('webkit-tao-split-ignores-quotes.md'),
      decide: read.taoSplitAtEveryComma,
    },
    {
      slug: 'coep-credentialless-unsupported',
      areas: [read.COEP],
      reason:
        'WebKitGTK 2.50 does not implement COEP credentialless: the value is treated as unsafe-none, so a credentialless document is refused as a frame of a require-corp page, where HTML allows it (credentialless is compatible with cross-origin isolation)',
      link: 'https://bugs.webkit.org/show_bug.cgi?id=230550',
      headers: read.credentiallessAsUnsafeNone,
    },
    {
      slug: 'structured-fields-partial',
      areas: [read.COEP, read.COOP],
      reason:
        "WebKit's structured-field parser for these headers takes strings, tokens and booleans only, so `require-corp;a=1` (an integer parameter) is not a policy and falls back to unsafe-none; RFC 9651 §4.2 parses integers, decimals and byte sequences as bare items, and HTML reads the token whatever the parameters",
      link: read.draft('webkit-structured-fields-partial.md'),
      headers: read.policiesPartialStructuredFields,
    },
    {
      slug: 'oac-unsupported',
      areas: [read.OAC],
      reason: 'WebKit does not implement Origin-Agent-Cluster: the header is ignored, agent clusters stay site-keyed and window.originAgentCluster is false',
      link: 'https://bugs.webkit.org/show_bug.cgi?id=287848',
      decide: read.originAgentClusterIgnored,
    },
  ],
};
