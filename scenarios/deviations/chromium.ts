/**
 * Chromium: where it is recorded to differ from the standard, with reason and link (the forms
 * are described in registry.ts). Scenarios state only the standard.
 */
import { ORB_BLOCKED } from '../network/orb.ts';
import { coopCspSandbox, coopCspSandboxHop, chromiumOriginSameSite } from './origin-and-samesite.ts';
import { chromiumForeignBlob } from './foreign-blob.ts';
import { chromiumWebSocketFailure } from './websocket-failure.ts';
import { CROSS_SITE_COOKIE_ROWS } from '../network/websockets.ts';
import type { EngineDeviations, Why } from './registry.ts';
import * as read from '../parsing/readings.ts';
import { cancelledMixedFrame, cookieNotBack, STAR_AUTHORIZATION } from './shared.ts';
import { ABA_RELATIONS, ANCESTOR_CHAIN_BIT, DIP_REPORTS, NO_DIP_REPORTS } from './document-side.ts';
import { lnaNeverSent } from '../network/local-network-access.ts';

const OPAQUE_INITIATOR_NO_COOKIES: Why = {
  reason:
    'Chromium withholds even the SameSite=None cookie from a request whose initiator is an opaque (sandboxed) origin: it is treated as a third-party context',
  link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Third-party_cookies',
};
const THIRD_PARTY_COOKIES_BLOCKED: Why = {
  reason: 'This Chromium build blocks third-party cookies by default (observed: no SameSite=None cookie on any cross-site subresource or frame request)',
  link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Third-party_cookies',
};
const LAX_PLUS_POST: Why = {
  reason: 'Chromium sends a just-set cookie without SameSite on a top-level cross-site POST (the two-minute "Lax + POST" mitigation)',
  link: 'https://www.chromium.org/updates/same-site/faq/',
};
const ORIGIN_KEYED_BY_DEFAULT: Why = {
  reason:
    'Chromium keys agent clusters by origin by default (whatwg/html#7617, shipped in Chrome 115): without `Origin-Agent-Cluster: ?0` the document.domain setter is a no-op',
  link: 'https://developer.chrome.com/blog/document-domain-setter-deprecation',
};
/**
 * What all three engines show instead of an error document: the navigation is cancelled, so the
 * frame keeps its initial about:blank (same origin as the page, URL about:blank) and no load event
 * fires. The http document still never runs and never reaches the page.
 */
const MIXED_FRAME_CANCELLED: Why = {
  reason:
    'Chromium cancels a frame navigation blocked as mixed content instead of committing an error document (opaque origin, load event): the frame keeps its initial about:blank, which the page can read as its own origin — not the http document, which never ran',
  link: 'https://github.com/whatwg/html/issues/2415',
};
const CROSS_SITE_SET_COOKIE_REFUSED: Why = {
  reason:
    'This Chromium build blocks third-party cookies by default (observed in a fresh profile, see shared/design.md): a cookie set by a cross-site response is not stored unless Partitioned (CHIPS)',
  link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/Third-party_cookies',
};

/** The cross-origin WindowProxy and Location internal methods (sop/exotic-objects.ts); one drafted report for the four. */
const EXOTIC_REPORT = 'repo:docs/bugs/chromium-cross-origin-exotic-objects.md';
const EXOTIC_THROWS = { allowed: false, error: 'SecurityError', value: null };

// ---- network/local-network-access
const LNA_NO_CHECK_LOCAL_TO_LOOPBACK: Why = {
  reason:
    'Chromium compares a local page and a loopback target as one space (CollapseLocalAndLoopback in IsLessPublicAddressSpace): a request from a local page to a loopback host is not a local network request to it, and reaches the server without the loopback-network permission',
  link: 'https://source.chromium.org/chromium/chromium/src/+/main:services/network/public/cpp/ip_address_space_util.cc',
};
const LNA_TOP_LEVEL_NAVIGATIONS_NOT_GATED: Why = {
  reason:
    "Chromium applies Local Network Access to subresources and iframe navigations only: a top-level navigation (a popup opened at a local URL, or a popup the page navigates there) is not checked, so it reaches the server without the permission, from an http page too (the draft's Fetch integration includes navigations; its open issue on main-frame navigations records Chromium's scope, as did the intent to ship: main frame navigations are not in scope)",
  link: 'https://github.com/WICG/local-network-access/issues/48',
};
const LNA_TARGET_ADDRESS_SPACE_STILL_ASKS: Why = {
  reason:
    "Chromium still asks for the permission when fetch()'s targetAddressSpace names the target's real space (none is granted here, so a network error, and nothing reaches the server); the draft's check returns null in that branch before the permission steps",
  link: 'repo:docs/bugs/chromium-lna-target-address-space-permission.md',
};

export const chromium: EngineDeviations = {
  observed: [
    ...chromiumOriginSameSite,
    coopCspSandbox,
    coopCspSandboxHop,
    ...chromiumWebSocketFailure,
    ...chromiumForeignBlob,
    {
      scenarios: /^sop\.wp\.x\..*\.(w|l)\.(proto-setter-(object|null)|set-prototype-of-(object|null)|reflect-set-prototype-of-(object|null))$/,
      observed: EXOTIC_THROWS,
      reason:
        'Chromium throws SecurityError from [[SetPrototypeOf]] of a cross-origin WindowProxy or Location, so Reflect.setPrototypeOf gives no boolean and setting the prototype to null (the prototype it already reports) throws; HTML makes both SetImmutablePrototype: false (TypeError from Object.setPrototypeOf) for any other prototype, true for null (wpt cross-origin-objects.html "[[SetPrototypeOf]] should return false"; the Chrome behaviour was reported in whatwg/html#1727)',
      link: EXOTIC_REPORT,
    },
    {
      scenarios: /^sop\.wp\.x\..*\.(w|l)\.(reflect-)?prevent-extensions$/,
      observed: EXOTIC_THROWS,
      reason:
        'Chromium throws SecurityError from [[PreventExtensions]] of a cross-origin WindowProxy or Location; HTML has it return false, so Object.preventExtensions throws TypeError and Reflect.preventExtensions returns false (wpt cross-origin-objects.html "[[PreventExtensions]] should throw for cross-origin objects")',
      link: EXOTIC_REPORT,
    },
    {
      scenarios: /^sop\.wp\.x\..*\.l\.(set-href-javascript|replace-javascript|href-setter-javascript|replace-this-javascript)$/,
      observed: EXOTIC_THROWS,
      reason:
        'Chromium throws SecurityError when a cross-origin Location\'s href setter or replace() is given a javascript: URL; both are allow-listed, and HTML\'s javascript: URL special case makes such a navigation from an initiator that is not same origin-domain do nothing, without an exception (wpt cross-origin-objects.html "Only certain properties are usable as cross-origin this objects")',
      link: EXOTIC_REPORT,
    },
    {
      scenarios: /^sop\.wp\.x\..*\.w\.for-in$/,
      observed: { value: '(none)' },
      reason:
        'Chromium enumerates nothing in for-in over a cross-origin WindowProxy, although Object.keys gives its child navigable indices ("0,1"): HTML reports those indices as enumerable own properties ([[GetOwnProperty]] step for an array index), and EnumerateObjectProperties visits them (wpt cross-origin-objects.html "Can only enumerate safelisted enumerable properties")',
      link: EXOTIC_REPORT,
    },
    // A cross-site WebSocket handshake is a third-party request like any subresource: no cookie at all.
    { scenarios: CROSS_SITE_COOKIE_ROWS, observed: {}, evidence: { ws: { cookies: [] } }, ...THIRD_PARTY_COOKIES_BLOCKED },
    { scenarios: ['sop.sandbox.allow-scripts.lax-cookie-withheld'], observed: {}, evidence: { sink: { cookies: [] } }, ...OPAQUE_INITIATOR_NO_COOKIES },
    {
      scenarios: ['sop.cookies.cross-site-fetch-samesite', 'sop.cookies.cross-site-form-post-frame'],
      observed: {},
      evidence: { sink: { cookies: [] } },
      ...THIRD_PARTY_COOKIES_BLOCKED,
    },
    { scenarios: ['sop.cookies.cross-site-img'], observed: {}, evidence: { img: { cookies: [] } }, ...THIRD_PARTY_COOKIES_BLOCKED },
    { scenarios: ['sop.cookies.cross-site-iframe'], observed: {}, evidence: { doc: { cookies: [] } }, ...THIRD_PARTY_COOKIES_BLOCKED },
    { scenarios: ['sop.cookies.top-level-post'], observed: {}, evidence: { sink: { cookies: ['sd', 'sn'] } }, ...LAX_PLUS_POST },
    { scenarios: ['sop.cookies.third-party-frame-none-visible'], observed: { allowed: true, value: null }, ...THIRD_PARTY_COOKIES_BLOCKED },
    { scenarios: ['sop.dd.set-parent-default'], observed: { allowed: true, after: 'sub.site.test', originAgentCluster: true }, ...ORIGIN_KEYED_BY_DEFAULT },
    { scenarios: ['sop.dd.both-set-default'], observed: { steps: [{}, {}, { allowed: false, error: 'SecurityError' }] }, ...ORIGIN_KEYED_BY_DEFAULT },
    cancelledMixedFrame(MIXED_FRAME_CANCELLED),
    cookieNotBack(CROSS_SITE_SET_COOKIE_REFUSED, 'fetch', 'cross-site'),
    cookieNotBack(CROSS_SITE_SET_COOKIE_REFUSED, 'fetch', 'first-party'),
    cookieNotBack(CROSS_SITE_SET_COOKIE_REFUSED, 'frame', 'cross-site'),
    cookieNotBack(CROSS_SITE_SET_COOKIE_REFUSED, 'frame', 'first-party'),
    // ---- network/local-network-access
    // Local → loopback requests other than top-level navigations (those are the next deviation's).
    ...lnaNeverSent((id) => /^network\.lna\.([a-z-]+\.)?local\.[a-z-]+\.loopback$/.test(id) && !/\.(window-open|popup-location)\./.test(id)).map(
      ({ ids, reached }) => ({
        scenarios: ids,
        observed: reached,
        evidence: { res: { arrived: true } },
        ...LNA_NO_CHECK_LOCAL_TO_LOOPBACK,
      }),
    ),
    ...lnaNeverSent((id) => /\.(window-open|popup-location)\./.test(id)).map(({ ids, reached }) => ({
      scenarios: ids,
      observed: reached,
      evidence: { res: { arrived: true } },
      ...LNA_TOP_LEVEL_NAVIGATIONS_NOT_GATED,
    })),
    {
      scenarios: ['network.lna.public.fetch-target-local.lna-local', 'network.lna.public.fetch-target-loopback.lna-loopback'],
      observed: { resolved: false, error: 'TypeError', bodyReadable: null },
      evidence: { res: { arrived: false } },
      ...LNA_TARGET_ADDRESS_SPACE_STILL_ASKS,
    },
    // ---- network/orb (tentative: ORB is a Fetch pull request)
    {
      scenarios: ORB_BLOCKED.fetch,
      observed: { resolved: true, type: 'opaque', error: null },
      reason: "Chromium's ORB replaces a blocked no-cors response with an empty one instead of a network error, so fetch() resolves to an opaque response",
      link: 'https://github.com/annevk/orb/issues/39',
    },
    {
      scenarios: ['network.orb.script.xml'],
      observed: { event: 'load' },
      reason:
        "Chromium's ORB blocks an XML-labelled response only when its body also sniffs as XML (`<?xml`), and has no JavaScript-parse step: this one reaches the script element, which fires load",
      link: 'https://chromestatus.com/feature/5166834424217600',
    },
    {
      scenarios: ['network.orb.script.json-as-javascript'],
      observed: { event: 'error' },
      reason: "Chromium's ORB sniffs a JavaScript-labelled response and blocks one whose body is JSON, which ORB allows on the MIME type alone (step 3.1)",
      link: 'https://chromestatus.com/feature/5166834424217600',
    },
    // ---- storage partitioning (scenarios/storage/partitioning.ts)
    { scenarios: ABA_RELATIONS, observed: { value: null }, ...ANCESTOR_CHAIN_BIT },
    // ---- reports (scenarios/isolation/reporting.ts)
    { scenarios: DIP_REPORTS, observed: { steps: [{}, { arrived: false }] }, evidence: { ep: { arrived: false, reports: [] } }, ...NO_DIP_REPORTS },
    {
      scenarios: [
        'isolation.reporting.coep-ro-legacy.img',
        'isolation.reporting.coop-legacy-same-origin.popup',
        'isolation.reporting.coop-ro-legacy-same-origin.popup',
      ],
      observed: { steps: [{}, { arrived: true }] },
      evidence: { ep: { arrived: true } },
      reason:
        "Chromium still reads the legacy Report-To header (Reporting API v0) for document reports: a COOP (enforced or report-only) or COEP-Report-Only report-to naming a group that only Report-To declares reaches that group's endpoint, where the Reporting standard takes a document's endpoints from Reporting-Endpoints alone (Chrome documents keeping Report-To during the migration to v1). An enforced COEP naming such a group sent its report in some runs and not in others of the same build (fetch, img and frame alike), so no row asserts that case",
      link: 'https://developer.chrome.com/blog/reporting-api-migration',
    },
  ],
  fetchModel: [
    {
      variant: { preflightCacheLookupSkippedFor: ['no-store', 'reload', 'no-cache'], preflightCacheStoreSkippedFor: ['no-store'] },
      reason:
        'Chromium ties the CORS-preflight cache to the HTTP cache mode: PreflightController::PerformPreflightCheck skips the cache lookup when the request carries LOAD_VALIDATE_CACHE, LOAD_BYPASS_CACHE or LOAD_DISABLE_CACHE (cache modes no-cache, reload, no-store), and a passed preflight is not stored under LOAD_DISABLE_CACHE (no-store), so such requests are preflighted every time; the Fetch standard consults the preflight cache regardless of the cache mode (#http-fetch step 4.1)',
      link: 'https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_controller.cc',
    },
    {
      variant: { noPreflightCacheForOpaqueOrigin: true },
      reason:
        'Chromium never reused a passed preflight for repeated requests from a sandboxed (opaque-origin, Origin: null) document, even with Access-Control-Max-Age: 600, while the same requests from a tuple origin were served from the cache; the preflight cache is keyed by (origin, URL, network isolation key) and the opaque-origin entry is never matched (observed; the Fetch standard keys by the serialized origin "null" and reuses it, #concept-cache-match)',
      link: 'https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_cache.cc',
    },
    {
      variant: { wildcardCoversAuthorization: true, cacheHitNeedsListedAuthorization: true },
      reason: `Chromium: ${STAR_AUTHORIZATION}; the change is announced but not shipped. The preflight cache lookup already uses the standard rule (PreflightCache::CheckIfRequestCanSkipPreflight passes NonWildcardRequestHeadersSupport(true)), so such a request misses the cache and is preflighted every time`,
      link: 'https://chromestatus.com/feature/5742041264816128',
    },
  ],
  parsing: [
    {
      slug: 'xfo-trims-vt-ff',
      areas: [read.XFO],
      reason:
        'Chromium trims every ASCII whitespace byte (HT, LF, VT, FF, CR, SP) around each X-Frame-Options value (network::ParseXFrameOptions uses base::TrimWhitespaceASCII), so `\\x0bDENY` denies; HTML takes the values from "get, decode, and split", which strips only HTTP tab or space, leaving a lone invalid value that is ignored (wpt x-frame-options/get-decode-split.html)',
      link: read.WPT_XFO,
      headers: read.xfoTrimmedOfAsciiWhitespace,
    },
    {
      slug: 'max-age-negative',
      areas: [read.MAX_AGE],
      reason:
        'Chromium parses Access-Control-Max-Age as a signed integer, so `-1` is read as a (non-positive) max-age and the preflight is not cached; delta-seconds is 1*DIGIT, so `-1` is a parse failure and Fetch uses the default of 5 seconds (#cors-preflight-fetch-0 step 7.9)',
      link: read.draft('chromium-max-age-negative.md'),
      headers: read.negativeMaxAgeNotCached,
    },
    {
      slug: 'oac-origin-keyed-default',
      areas: [read.OAC],
      reason:
        'Chromium keys agent clusters by origin unless a document sends `Origin-Agent-Cluster: ?0` (whatwg/html#7617, origin-keyed by default, shipped in Chrome); the published HTML standard keys by site unless the header is the boolean true',
      link: 'https://github.com/whatwg/html/pull/7617',
      decide: read.originKeyedUnlessOptOut,
    },
    {
      slug: 'bare-cr-ends-line',
      areas: ['*'],
      reason:
        'Chromium ends a header line at a bare CR: the bytes before it are the whole value (and the bytes after it a line of their own); RFC 9112 §2.2 lets a recipient treat a bare CR as invalid or replace it with SP, never as a line terminator',
      link: read.draft('chromium-bare-cr-ends-line.md'),
      fields: read.crEndsLine,
    },
  ],
};
