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

export const ENGINE_VARIANTS: Partial<Record<EngineName, EngineVariant[]>> = {
  chromium: [
    {
      variant: { bypassPreflightCache: true },
      reason:
        'Chromium does not consult the CORS-preflight cache when the request bypasses the HTTP cache (the fetch probe uses cache: "no-store" → LOAD_DISABLE_CACHE; PreflightController skips the cache when RetrieveCacheFlags() is set), so every repeated request is preflighted again; the Fetch standard keeps the preflight cache independent of the request cache mode',
      link: 'https://source.chromium.org/chromium/chromium/src/+/main:services/network/cors/preflight_controller.cc',
    },
    {
      variant: { wildcardCoversAuthorization: true },
      reason: 'Chromium still lets Access-Control-Allow-Headers: * cover Authorization (the Fetch standard makes Authorization a CORS non-wildcard request-header name); the change is announced but not shipped',
      link: 'https://chromestatus.com/feature/5742041264816128',
    },
  ],
};
