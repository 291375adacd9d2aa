/**
 * Known engine behaviours that differ from the Fetch standard, as MODEL VARIANTS: for every CORS
 * scenario the model is run once per engine with that engine's variants; where the result differs
 * from the standard's, the scenario records a deviation whose observed value is the variant's
 * result (so the record is exact, and a fixed engine shows up as fixed-deviation).
 */
import type { EngineName } from '../../engines/engine.ts';
import type { ModelVariant } from '../../harness/model/fetch/index.ts';

export interface EngineVariant {
  variant: ModelVariant;
  reason: string;
  link: string;
}

const STAR_AUTHORIZATION =
  'Access-Control-Allow-Headers: * still covers Authorization in this engine; the Fetch standard makes Authorization a CORS non-wildcard request-header name that must be listed explicitly (#cors-preflight-fetch step 7.6)';
const STICKY_PREFLIGHT =
  'after a preflighted request is redirected (303 → GET), this engine preflights the next hop again although the new request needs no preflight (#main-fetch step 12 re-evaluates the method and CORS-unsafe request-header names per hop)';

const CHROMIUM_PREFLIGHT = 'https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_controller.cc';
const FIREFOX_CORS = 'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsCORSListenerProxy.cpp';

export const ENGINE_VARIANTS: Partial<Record<EngineName, EngineVariant[]>> = {
  chromium: [
    {
      variant: { preflightCacheLookupSkippedFor: ['no-store', 'reload', 'no-cache'], preflightCacheStoreSkippedFor: ['no-store'] },
      reason:
        'Chromium ties the CORS-preflight cache to the HTTP cache mode: PreflightController::PerformPreflightCheck skips the cache lookup when the request carries LOAD_VALIDATE_CACHE, LOAD_BYPASS_CACHE or LOAD_DISABLE_CACHE (cache modes no-cache, reload, no-store), and a passed preflight is not stored under LOAD_DISABLE_CACHE (no-store), so such requests are preflighted every time; the Fetch standard consults the preflight cache regardless of the cache mode (#http-fetch step 4.1)',
      link: CHROMIUM_PREFLIGHT,
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
  firefox: [
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
  webkit: [
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
};
