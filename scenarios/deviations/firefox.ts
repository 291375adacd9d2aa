/**
 * Firefox: where it is recorded to differ from the standard, with reason and link (the forms
 * are described in registry.ts). Scenarios state only the standard.
 */
import { ORB_BLOCKED } from '../network/orb.ts';
import { coopCspSandbox, coopCspSandboxHop, firefoxOriginSameSite } from './origin-and-samesite.ts';
import { firefoxForeignBlob } from './foreign-blob.ts';
import { firefoxWebSocketFailure } from './websocket-failure.ts';
import type { EngineDeviations, Why } from './registry.ts';
import { lnaNeverSent } from '../network/local-network-access.ts';
import { CROSS_SITE_COOKIE_ROWS } from '../network/websockets.ts';
import * as read from '../parsing/readings.ts';
import { FIREFOX_STORAGE_ACCESS_STORAGE, FIREFOX_STORAGE_ACCESS_UNGRANTED } from './storage-access.ts';
import { cancelledMixedFrame, COI_PERMISSION_NOT_ENFORCED, cookieNotBack, STAR_AUTHORIZATION, STICKY_PREFLIGHT } from './shared.ts';
import {
  ABA_RELATIONS,
  ANCESTOR_CHAIN_BIT,
  ANON_RELATIONS,
  credentiallessCookiesIgnored,
  FIREFOX_NO_REPORTING_API,
  NO_CREDENTIALLESS_IFRAME,
  NO_DIP,
} from './document-side.ts';
import { EXPECTS_REPORT } from '../isolation/reporting.ts';

const OPAQUE_FRAME_NO_COOKIES: Why = {
  reason: 'Firefox (Total Cookie Protection) sends no cookies from a sandboxed, opaque-origin frame: its partition has none',
  link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/State_Partitioning',
};
/**
 * Firefox mutes only errors the engine creates (ReferenceError, SyntaxError, ...); an Error object the
 * cross-origin script itself constructs and throws reaches window error listeners unmuted, with or
 * without Access-Control-Allow-Origin on the response (whatwg/html#958: "Firefox: Mutes none of these").
 */
const THROWN_ERROR_NOT_MUTED: Why = {
  reason:
    'Firefox does not mute an Error object constructed and thrown by a no-cors cross-site classic script (it mutes only engine-created errors); independent of Access-Control-Allow-Origin on the response',
  link: 'https://github.com/whatwg/html/issues/10514',
};
/** Firefox's muted error event keeps the script's URL and leaves `error` undefined (HTML: "", 0, 0, null). */
const MUTED_SHAPE: Why = {
  reason:
    'Firefox mutes the message, line and column of an engine-created error in a no-cors cross-site classic script but reports the script URL as filename (HTML report an exception: "") and ErrorEvent.error undefined (HTML: null)',
  link: 'repo:docs/bugs/firefox-muted-error-shape.md',
};
/** A response that crossed origins on its way back is not muted at all. */
const REDIRECTED_NOT_MUTED: Why = {
  reason:
    'Firefox does not mute errors of a no-cors classic script whose redirect chain crossed origins and ended on the page origin (same → cross → same, cross → same): the response is opaque per Fetch, but message, filename, line, column and error object all reach the page',
  link: 'repo:docs/bugs/firefox-muted-error-shape.md',
};
const TOTAL_COOKIE_PROTECTION: Why = {
  reason:
    'Firefox Total Cookie Protection (default) keys third-party cookies by top-level site: cookies set first-party on other.test are not sent from site.test',
  link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/State_Partitioning',
};
const THIRD_PARTY_SOCKET_PARTITIONED: Why = {
  reason:
    'Firefox Total Cookie Protection (default): a WebSocket handshake from a third-party context (a page or worker of another site, a frame of another site or a sandboxed one) uses the partitioned cookie jar of that context, which holds none of the cookies set first-party',
  link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/State_Partitioning',
};
const NO_LAX_BY_DEFAULT: Why = {
  reason:
    'Firefox does not enforce SameSite=Lax by default (network.cookie.sameSite.laxByDefault=false): a cookie without SameSite is sent like None on a cross-site POST',
  link: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1617609',
};
const UPGRADED_IMAGE_TAINTS_CANVAS: Why = {
  reason:
    'Firefox upgrades the image (the request reaches https://site.test) but still taints the canvas as if the image came from http://site.test; no dedicated bug found, filed against the Mixed Content Level 2 meta bug',
  link: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1779757',
};
const MIXED_FRAME_CANCELLED: Why = {
  reason:
    'Firefox cancels a frame navigation blocked as mixed content instead of committing an error document (opaque origin, load event): the frame keeps its initial about:blank, which the page can read as its own origin — not the http document, which never ran',
  link: 'https://github.com/whatwg/html/issues/2415',
};
const CROSS_SITE_COOKIE_PARTITIONED: Why = {
  reason:
    'Firefox Total Cookie Protection (default) keys every third-party cookie by the top-level site: the cookie set under site.test is sent back there, never to top-level other.test',
  link: 'https://developer.mozilla.org/en-US/docs/Web/Privacy/Guides/State_Partitioning',
};
const NO_NOOPENER_ALLOW_POPUPS: Why = {
  reason:
    "Firefox does not implement the COOP value noopener-allow-popups (HTML added it in whatwg/html#10394; MDN compat data: firefox version_added false): the header value is ignored, so a same-origin popup sending it stays in its opener's browsing context group",
  link: 'https://github.com/mozilla/standards-positions/issues/1037',
};
const NO_MEASURE_MEMORY: Why = {
  reason:
    'Firefox does not implement performance.measureUserAgentSpecificMemory (a WICG draft exposed only to cross-origin isolated contexts); everything else gated on isolation is exposed',
  link: 'https://developer.mozilla.org/en-US/docs/Web/API/Performance/measureUserAgentSpecificMemory#browser_compatibility',
};

const FIREFOX_CORS = 'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsCORSListenerProxy.cpp';

const LNA_NOT_PLACED: Why = {
  reason:
    'Firefox ESR 153 ships Local Network Access on (network.lna.enabled and network.lna.blocking true, read back from the running browser), but the fixture network cannot place a host in an address space for it: with each address-space host sent through a proxy listener named in network.lna.address_space.public.override / private.override, requests from the public page to the local and loopback hosts still reached the server (the check did not fire for proxied requests), and Firefox has no per-host resolver mapping to reach the direct listeners. To Firefox every host here is loopback, so no request is a local network request',
  link: 'repo:docs/bugs/firefox-lna-proxied-requests.md',
};

const LNA_TARGET_ADDRESS_SPACE_IGNORED: Why = {
  reason:
    "Firefox ESR 153 does not fail a fetch() whose targetAddressSpace names another space than the target's: the request reaches the server, even from the loopback page to another loopback host named 'local' (a mismatch in any placement of the hosts)",
  link: 'https://developer.mozilla.org/en-US/docs/Web/API/Request/targetAddressSpace#browser_compatibility',
};

/** A navigated-to about:blank popup, blob: and data: shared workers and data: dedicated workers (see the drafted report). */
const LOCAL_SCHEME_COEP: Why = {
  reason:
    "HTML gives a navigated-to about:blank its initiator's policy container and a blob: or data: shared worker its creator's (blob URL entry's environment, owner): Firefox gives a popup the page navigates to about:blank, and blob: and data: shared workers, no embedder policy (another site's response without CORP loads; under credentialless cookies go), and a data: dedicated worker of an isolated page crossOriginIsolated true (HTML: false for data: workers)",
  link: 'repo:docs/bugs/coep-local-scheme-inheritance.md',
};
/** A popup whose redirect hop needed no switch (unsafe-none under a same-origin-allow-popups opener) is not compared hop to hop. */
const COOP_REDIRECT_HOP_SKIPPED: Why = {
  reason:
    'HTML "enforce a response\'s opener policy" compares each response of a navigation with the one before it (whatwg/html#5739): a popup of a COOP same-origin-allow-popups page redirected by a response without COOP to a same-origin-allow-popups document needs a switch at the last response (unsafe-none then same-origin-allow-popups do not match); Firefox keeps the popup in its opener\'s group, as if the last response were compared with the opener',
  link: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1664128',
};

export const firefox: EngineDeviations = {
  observed: [
    ...firefoxOriginSameSite,
    ...FIREFOX_STORAGE_ACCESS_UNGRANTED,
    ...FIREFOX_STORAGE_ACCESS_STORAGE,
    coopCspSandbox,
    coopCspSandboxHop,
    ...firefoxWebSocketFailure,
    ...firefoxForeignBlob,
    { scenarios: CROSS_SITE_COOKIE_ROWS, observed: {}, evidence: { ws: { cookies: [] } }, ...THIRD_PARTY_SOCKET_PARTITIONED },
    { scenarios: ['sop.sandbox.allow-scripts.lax-cookie-withheld'], observed: {}, evidence: { sink: { cookies: [] } }, ...OPAQUE_FRAME_NO_COOKIES },
    // Muted script errors: the whole event differs; the column is where each script's error arises.
    {
      scenarios: ['sop.embed.script.error-muted'],
      observed: { scriptError: { message: 'Error: originproof-secret-detail', muted: false, filename: 'src', lineno: 1, colno: 41, error: 'object' } },
      ...THROWN_ERROR_NOT_MUTED,
    },
    {
      scenarios: ['sop.embed.script.error-muted-no-acao'],
      observed: { scriptError: { message: 'Error: originproof-secret-detail', muted: false, filename: 'src', lineno: 1, colno: 48, error: 'object' } },
      ...THROWN_ERROR_NOT_MUTED,
    },
    { scenarios: ['sop.embed.script.native-error-muted'], observed: { scriptError: { filename: 'src', error: 'undefined' } }, ...MUTED_SHAPE },
    {
      scenarios: ['sop.embed.script.thrown-error-muted-redirect-same-cross-same'],
      observed: { scriptError: { message: 'Error: originproof-secret-detail', muted: false, filename: 'src', lineno: 1, colno: 64, error: 'object' } },
      ...REDIRECTED_NOT_MUTED,
    },
    {
      scenarios: ['sop.embed.script.native-error-muted-redirect-same-cross-same'],
      observed: {
        scriptError: {
          message: 'ReferenceError: originproofUndefinedFunction is not defined',
          muted: false,
          filename: 'src',
          lineno: 1,
          colno: 58,
          error: 'object',
        },
      },
      ...REDIRECTED_NOT_MUTED,
    },
    {
      scenarios: ['sop.embed.script.thrown-error-muted-redirect-cross-same'],
      observed: { scriptError: { message: 'Error: originproof-secret-detail', muted: false, filename: 'src', lineno: 1, colno: 59, error: 'object' } },
      ...REDIRECTED_NOT_MUTED,
    },
    {
      scenarios: ['sop.embed.script.native-error-muted-redirect-cross-same'],
      observed: {
        scriptError: {
          message: 'ReferenceError: originproofUndefinedFunction is not defined',
          muted: false,
          filename: 'src',
          lineno: 1,
          colno: 53,
          error: 'object',
        },
      },
      ...REDIRECTED_NOT_MUTED,
    },
    {
      scenarios: ['sop.cookies.cross-site-fetch-samesite', 'sop.cookies.cross-site-form-post-frame'],
      observed: {},
      evidence: { sink: { cookies: [] } },
      ...TOTAL_COOKIE_PROTECTION,
    },
    { scenarios: ['sop.cookies.cross-site-img'], observed: {}, evidence: { img: { cookies: [] } }, ...TOTAL_COOKIE_PROTECTION },
    { scenarios: ['sop.cookies.cross-site-iframe'], observed: {}, evidence: { doc: { cookies: [] } }, ...TOTAL_COOKIE_PROTECTION },
    { scenarios: ['sop.cookies.top-level-post'], observed: {}, evidence: { sink: { cookies: ['sd', 'sn'] } }, ...NO_LAX_BY_DEFAULT },
    { scenarios: ['sop.cookies.third-party-frame-none-visible'], observed: { allowed: true, value: null }, ...TOTAL_COOKIE_PROTECTION },
    {
      scenarios: ['sop.mixed.img.same-host-upgraded-canvas-clean'],
      observed: { loaded: true, read: { allowed: false, error: 'SecurityError' } },
      evidence: { res: { arrived: true, reached: 'site' } },
      ...UPGRADED_IMAGE_TAINTS_CANVAS,
    },
    cancelledMixedFrame(MIXED_FRAME_CANCELLED),
    cookieNotBack(CROSS_SITE_COOKIE_PARTITIONED, 'fetch', 'first-party'),
    cookieNotBack(CROSS_SITE_COOKIE_PARTITIONED, 'frame', 'first-party'),
    // ---- isolation/coep-inherit
    {
      scenarios: [
        'isolation.coep-inherit.require-corp.about-blank-popup-navigated',
        'isolation.coep-inherit.coi-require-corp.about-blank-popup-navigated',
        'isolation.coep-inherit.require-corp.blob-shared-worker',
        'isolation.coep-inherit.require-corp.data-shared-worker',
        'isolation.coep-inherit.coi-require-corp.blob-shared-worker',
        'isolation.coep-inherit.coi-require-corp.data-shared-worker',
      ],
      observed: { loaded: true },
      ...LOCAL_SCHEME_COEP,
    },
    {
      scenarios: ['isolation.coep-inherit.coi-credentialless.blob-shared-worker', 'isolation.coep-inherit.coi-credentialless.about-blank-popup-navigated'],
      observed: {},
      evidence: { res: { cookies: ['cl'] } },
      ...LOCAL_SCHEME_COEP,
    },
    { scenarios: ['isolation.coep-inherit.coi-require-corp.data-worker'], observed: { crossOriginIsolated: true }, ...LOCAL_SCHEME_COEP },
    { scenarios: ['isolation.coep-inherit.coi-require-corp.data-frame'], observed: { crossOriginIsolated: true }, ...COI_PERMISSION_NOT_ENFORCED },
    {
      scenarios: ['isolation.coop-edges.redirect.soap.absent-site.soap-site'],
      observed: { closed: false, showsTarget: true },
      ...COOP_REDIRECT_HOP_SKIPPED,
    },
    {
      scenarios: /^isolation\.coop\.open\.(absent|un|soap|noap)\.[a-z-]+\.noap$/,
      observed: { popupOpener: 'present', hello: true, closed: false, pong: true },
      ...NO_NOOPENER_ALLOW_POPUPS,
    },
    {
      scenarios: ['isolation.coi.gated.coop-so.coep-require-corp', 'isolation.coi.gated.coop-so.coep-credentialless'],
      observed: { crossOriginIsolated: true, sabPostMessage: true, measureUserAgentSpecificMemory: 'undefined' },
      ...NO_MEASURE_MEMORY,
    },
    { scenarios: ['isolation.coi.frame.other-site'], observed: { crossOriginIsolated: true }, ...COI_PERMISSION_NOT_ENFORCED },
    // ---- network/local-network-access
    ...lnaNeverSent((id) => !id.includes('.fetch-target-')).map(({ ids, reached }) => ({
      scenarios: ids,
      observed: reached,
      evidence: { res: { arrived: true } },
      ...LNA_NOT_PLACED,
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
      reason: "Firefox's ORB clears a blocked no-cors response's body but lets fetch() resolve to an opaque response (a network error broke sites)",
      link: 'https://github.com/annevk/orb/issues/43',
    },
    // ---- the document side: storage partitioning, Storage Access, Document-Isolation-Policy, credentialless frames
    { scenarios: ABA_RELATIONS, observed: { value: null }, ...ANCESTOR_CHAIN_BIT },
    { scenarios: ANON_RELATIONS.written, observed: { value: 'written' }, ...NO_CREDENTIALLESS_IFRAME.firefox },
    { scenarios: ANON_RELATIONS.registered, observed: { value: 'registered' }, ...NO_CREDENTIALLESS_IFRAME.firefox },
    { scenarios: ANON_RELATIONS.held, observed: { value: 'held' }, ...NO_CREDENTIALLESS_IFRAME.firefox },
    ...credentiallessCookiesIgnored(NO_CREDENTIALLESS_IFRAME.firefox),
    {
      scenarios: /^isolation\.credentialless\.(same-origin|same-site|other-port|cross-site)(\.allowed)?$/,
      observed: { contexts: { f: false }, steps: [{ contextReady: false, isSecureContext: null, crossOriginIsolated: null }] },
      ...NO_CREDENTIALLESS_IFRAME.firefox,
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
      scenarios: [...EXPECTS_REPORT.coep, ...EXPECTS_REPORT.coop, ...EXPECTS_REPORT.dip.filter((id) => id !== 'isolation.reporting.dip.fetch')],
      observed: { steps: [{}, { arrived: false }] },
      evidence: { ep: { arrived: false, reports: [] } },
      ...FIREFOX_NO_REPORTING_API,
    },
    {
      scenarios: ['isolation.reporting.dip.fetch'],
      observed: { steps: [{ resolved: true }, { arrived: false }] },
      evidence: { ep: { arrived: false, reports: [] } },
      ...NO_DIP,
    },
  ],
  fetchModel: [
    {
      variant: { preflightCacheLookupSkippedFor: ['no-store', 'reload'] },
      reason:
        'Firefox skips the CORS-preflight cache lookup when the channel has LOAD_BYPASS_CACHE (nsCORSListenerProxy::StartCORSPreflight "disableCache"), which cache modes no-store and reload set (HttpBaseChannel::SetFetchCacheMode), so such requests are preflighted every time; the Fetch standard consults the preflight cache regardless of the cache mode (#http-fetch step 4.1)',
      link: FIREFOX_CORS,
    },
    {
      variant: { cachedWildcardIsLiteral: true },
      reason:
        'Firefox stores `*` from Access-Control-Allow-Methods / -Allow-Headers in the preflight cache as a literal token and nsPreflightCache::CacheEntry::CheckRequest compares names literally, so a request allowed only through `*` is preflighted again every time; the Fetch standard lets a `*` cache entry match any method / non-Authorization header name without credentials (#concept-cache-match-method, #concept-cache-match-header)',
      link: FIREFOX_CORS,
    },
    {
      variant: { cachedHeadNeedsMethodEntry: true },
      reason:
        'Firefox only exempts GET and POST from the method check of a preflight-cache hit (nsPreflightCache::CacheEntry::CheckRequest), so a HEAD with CORS-unsafe headers is preflighted again unless Access-Control-Allow-Methods listed HEAD literally; the Fetch standard exempts every CORS-safelisted method, HEAD included (#http-fetch step 4.1, #cors-safelisted-method)',
      link: FIREFOX_CORS,
    },
    {
      variant: { wildcardCoversAuthorization: true },
      reason: `Firefox: ${STAR_AUTHORIZATION}; the standard behaviour is behind a preference (network.cors_preflight.authorization_covered_by_wildcard)`,
      link: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1687364',
    },
    {
      variant: { stickyPreflight: true },
      reason: `Firefox: ${STICKY_PREFLIGHT}`,
      link: 'https://wpt.fyi/results/fetch/api/cors/cors-preflight-redirect.any.html',
    },
    {
      variant: { preflightOriginUntainted: true },
      reason:
        'Firefox sends the preflight for the hop after a cross-origin → cross-origin redirect with the page origin instead of the tainted origin "null" (#http-redirect-fetch tainted origin flag), so the preflight passes and the actual request reaches the server before its CORS check fails',
      link: 'https://wpt.fyi/results/fetch/api/cors/cors-redirect-preflight.any.html',
    },
  ],
  parsing: [
    {
      slug: 'empty-lines-dropped',
      // Observed on these; Access-Control-Allow-Origin and X-Frame-Options are read line by line
      // (their empty lines count, as the standard's combined value makes them).
      areas: [
        'parsing/field-value',
        read.areaOf('Access-Control-Allow-Credentials'),
        read.MAX_AGE,
        read.areaOf('Cross-Origin-Resource-Policy'),
        read.areaOf('Cross-Origin-Embedder-Policy'),
        read.areaOf('Cross-Origin-Opener-Policy'),
      ],
      reason:
        'Firefox leaves out header lines with an empty value when it combines the lines of one name, so `X: a` then `X:` reads as "a" (and `X:` then `X: a` too) in Headers.get() and in its Access-Control-Allow-Credentials, Cross-Origin-Resource-Policy, -Embedder-Policy and -Opener-Policy checks; Fetch\'s "get" joins every value with ", ", empty ones included ("a, "), and each header\'s parser sees that combined value (wpt fetch/api/basic/header-value-combining.any.js, "headers-some-are-empty")',
      link: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1499356',
      fields: read.emptyLinesDropped,
    },
    {
      slug: 'max-age-invalid-not-cached',
      areas: [read.MAX_AGE],
      reason:
        'Firefox caches a preflight only when Access-Control-Max-Age is absent or empty (5 s) or all digits; any other value (`-1`, `+600`, `6e2`, an inner space or control byte, `600, 600` from two lines) leaves the preflight uncached; Fetch extracts the header as delta-seconds and on failure uses the default max-age of 5 s, so the repeat is served from the preflight cache (#cors-preflight-fetch-0 step 7.9)',
      link: read.draft('firefox-max-age-invalid-not-cached.md'),
      headers: read.digitsOnlyMaxAge,
    },
    {
      slug: 'tao-split-ignores-quotes',
      areas: [read.TAO],
      reason:
        'Firefox splits Timing-Allow-Origin at every comma, so `"https://x.test, https://site.test` (an unclosed quote) still lists https://site.test; the TAO check takes the values from "get, decode, and split", where a quote starts a quoted string that runs to the closing quote or the end, so the whole value is one entry that matches nothing',
      link: read.draft('firefox-tao-split-ignores-quotes.md'),
      decide: read.taoSplitAtEveryComma,
    },
  ],
};
