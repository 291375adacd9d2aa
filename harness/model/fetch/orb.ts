/**
 * Opaque Response Blocking (pure), as the ORB proposal's processing model writes it
 * (https://github.com/annevk/orb#processing-model, being merged into Fetch by whatwg/fetch#1442,
 * still a pull request): whether a cross-origin no-cors ("opaque") response may reach the page.
 * Blocked, it is a network error: fetch() rejects, an element fires error.
 * Only the parts this catalog's responses reach are modelled: the media-sniffing safelist set is
 * not (no row makes a second media range request), and "parses as JavaScript" is decided by the
 * caller, who knows the body.
 */

export interface OrbResponse {
  status: number;
  /** The Content-Type header value, or null when absent. */
  contentType: string | null;
  nosniff: boolean;
  /** The first bytes are an image, audio or video per MIME Sniffing's pattern matching. */
  sniffsAsMedia: boolean;
  /** The body parses as a JavaScript script and not as JSON. */
  parsesAsJavaScriptNotJson: boolean;
}

const JAVASCRIPT_ESSENCES = ['text/javascript', 'application/javascript', 'application/ecmascript', 'application/x-javascript', 'text/ecmascript'];

/** MIME Sniffing: HTML, JSON (`+json`, application/json, text/json) or XML (`+xml`, application/xml, text/xml) MIME types. */
export function opaqueBlocklisted(essence: string): boolean {
  return (
    essence === 'text/html' ||
    essence === 'application/json' ||
    essence === 'text/json' ||
    essence.endsWith('+json') ||
    essence === 'application/xml' ||
    essence === 'text/xml' ||
    (essence.endsWith('+xml') && essence !== 'image/svg+xml')
  );
}

/** Fetch: extract a MIME type, reduced to the essence (failure → null). */
export function mimeEssence(contentType: string | null): string | null {
  if (contentType === null) return null;
  const essence = contentType.split(';')[0].trim().toLowerCase();
  return /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(essence) ? essence : null;
}

/** The ORB processing model's steps, with the step that decided. */
export function orbAllows(r: OrbResponse): { allowed: boolean; step: string } {
  const essence = mimeEssence(r.contentType);
  if (essence !== null) {
    if (JAVASCRIPT_ESSENCES.includes(essence)) return { allowed: true, step: '3.1: a JavaScript MIME type' };
    if (essence === 'text/css') return { allowed: true, step: '3.2: text/css' };
    if (essence === 'image/svg+xml') return { allowed: true, step: '3.3: image/svg+xml' };
    if (r.status === 206 && opaqueBlocklisted(essence)) return { allowed: false, step: '3.4: a 206 of an opaque-blocklist MIME type' };
    if (r.nosniff && (opaqueBlocklisted(essence) || essence === 'text/plain'))
      return { allowed: false, step: '3.5: nosniff with an opaque-blocklist MIME type or text/plain' };
  }
  if (r.sniffsAsMedia) return { allowed: true, step: '6–7: the first bytes sniff as an image, audio or video' };
  if (r.nosniff) return { allowed: false, step: '8: nosniff, and not media' };
  if (r.status < 200 || r.status > 299) return { allowed: false, step: '9: not an ok status' };
  if (essence === null) return { allowed: true, step: '10: no MIME type' };
  if (/^(audio|image|video)\//.test(essence)) return { allowed: false, step: '11: a media MIME type whose bytes are not media' };
  if (essence === 'text/csv') return { allowed: false, step: '12: text/csv' };
  if (r.parsesAsJavaScriptNotJson) return { allowed: true, step: '14: the body parses as JavaScript and not as JSON' };
  return { allowed: false, step: '15: nothing allowed it' };
}
