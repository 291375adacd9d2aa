/**
 * Known engine behaviours that differ from the Fetch standard, as MODEL VARIANTS: for every CORS
 * scenario the model is run once per engine with that engine's variants; where the result differs
 * from the standard's, the scenario records a deviation whose observed value is the variant's
 * result (so the record is exact, and a fixed engine shows up as fixed-deviation).
 */
import type { EngineName } from '../../engines/engine.ts';
import type { ModelVariant } from '../../harness/fetch-model/index.ts';

export interface EngineVariant {
  variant: ModelVariant;
  reason: string;
  link: string;
}

const STAR_AUTHORIZATION = 'Access-Control-Allow-Headers: * still covers Authorization in this engine; the Fetch standard makes Authorization a CORS non-wildcard request-header name that must be listed explicitly (#cors-preflight-fetch step 7.6)';
const STICKY_PREFLIGHT = 'after a preflighted request is redirected (303 → GET), this engine preflights the next hop again although the new request needs no preflight (#main-fetch step 12 re-evaluates the method and CORS-unsafe request-header names per hop)';

export const ENGINE_VARIANTS: Partial<Record<EngineName, EngineVariant[]>> = {
  chromium: [
    {
      variant: { bypassPreflightCache: true },
      reason:
        'Chromium does not consult the CORS-preflight cache when the request bypasses the HTTP cache (the fetch probe uses cache: "no-store" → LOAD_DISABLE_CACHE; PreflightController skips the cache when RetrieveCacheFlags() is set), so every repeated request is preflighted again; the Fetch standard keeps the preflight cache independent of the request cache mode',
      link: 'https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_controller.cc',
    },
    { variant: { wildcardCoversAuthorization: true }, reason: `Chromium: ${STAR_AUTHORIZATION}; the change is announced but not shipped`, link: 'https://chromestatus.com/feature/5742041264816128' },
  ],
  firefox: [
    {
      variant: { bypassPreflightCache: true },
      reason:
        'Firefox preflighted every repeated request of the probe (fetch with cache: "no-store"), even with Access-Control-Max-Age: 600, and caches nothing when Max-Age is absent (nsCORSListenerProxy returns early for age 0) where the Fetch standard defaults max-age to 5 seconds',
      link: 'https://searchfox.org/mozilla-central/source/netwerk/protocol/http/nsCORSListenerProxy.cpp',
    },
    { variant: { wildcardCoversAuthorization: true }, reason: `Firefox: ${STAR_AUTHORIZATION}; the standard behaviour is behind a preference (network.cors_preflight.authorization_covered_by_wildcard)`, link: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1687364' },
    { variant: { stickyPreflight: true }, reason: `Firefox: ${STICKY_PREFLIGHT}`, link: 'https://wpt.fyi/results/fetch/api/cors/cors-preflight-redirect.any.html' },
    {
      variant: { preflightOriginUntainted: true },
      reason: 'Firefox sends the preflight for the hop after a cross-origin → cross-origin redirect with the page origin instead of the tainted origin "null" (#http-redirect-fetch tainted origin flag), so the preflight passes and the actual request reaches the server before its CORS check fails',
      link: 'https://wpt.fyi/results/fetch/api/cors/cors-redirect-preflight.any.html',
    },
  ],
  webkit: [
    { variant: { wildcardCoversAuthorization: true }, reason: `WebKit: ${STAR_AUTHORIZATION}`, link: 'https://wpt.fyi/results/fetch/api/cors/cors-preflight-star.any.html' },
    { variant: { stickyPreflight: true }, reason: `WebKit: ${STICKY_PREFLIGHT}`, link: 'https://wpt.fyi/results/fetch/api/cors/cors-preflight-redirect.any.html' },
  ],
};
