/** Reasons more than one engine's registry gives, in the same words. */

export const STAR_AUTHORIZATION =
  'Access-Control-Allow-Headers: * still covers Authorization in this engine; the Fetch standard makes Authorization a CORS non-wildcard request-header name that must be listed explicitly (#cors-preflight-fetch step 7.6)';
export const STICKY_PREFLIGHT =
  'after a preflighted request is redirected (303 → GET), this engine preflights the next hop again although the new request needs no preflight (#main-fetch step 12 re-evaluates the method and CORS-unsafe request-header names per hop)';
/** The shared COI permissions-policy reason (Firefox and WebKit alike). */
export const COI_PERMISSION_NOT_ENFORCED = {
  reason:
    "The 'cross-origin-isolated' permissions-policy feature (default allowlist 'self') is not enforced: a cross-origin frame of an isolated page reports crossOriginIsolated true without allow=\"cross-origin-isolated\"",
  link: 'https://github.com/web-platform-tests/interop/issues/1226',
};
