/**
 * Fetch standard, header vocabulary (pure functions, no I/O):
 *  - CORS-safelisted method              https://fetch.spec.whatwg.org/#cors-safelisted-method
 *  - CORS-safelisted request-header      https://fetch.spec.whatwg.org/#cors-safelisted-request-header
 *  - CORS-unsafe request-header names    https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names
 *  - CORS non-wildcard request-header    https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name
 *  - no-CORS-safelisted request-header   https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header
 *  - CORS-safelisted response-header     https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name
 *  - forbidden response-header name      https://fetch.spec.whatwg.org/#forbidden-response-header-name
 *  - extracting header list values       https://fetch.spec.whatwg.org/#extract-header-list-values
 *  - method normalization                https://fetch.spec.whatwg.org/#concept-method-normalize
 */

export type HeaderList = Array<[string, string]>;

const lower = (s: string) => s.toLowerCase();

/** #cors-safelisted-method: `GET`, `HEAD` or `POST` (byte-exact, after normalization). */
export function isCorsSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

/** #concept-method-normalize: DELETE, GET, HEAD, OPTIONS, POST, PUT are upper-cased case-insensitively; others (PATCH!) kept. */
export function normalizeMethod(method: string): string {
  const up = method.toUpperCase();
  return ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(up) ? up : method;
}

/** #forbidden-method */
export function isForbiddenMethod(method: string): boolean {
  return ['CONNECT', 'TRACE', 'TRACK'].includes(method.toUpperCase());
}

/** #cors-unsafe-request-header-byte: < 0x20 except HT, or one of "():<>?@[\]{} and 0x7F. */
export function hasCorsUnsafeRequestHeaderByte(value: string): boolean {
  for (const ch of value) {
    const c = ch.charCodeAt(0);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || '"():<>?@[\\]{}'.includes(ch)) return true;
  }
  return false;
}

/** A tiny MIME type parser: enough for the essence (#parse-a-mime-type, step by step reduced). */
export function mimeEssence(value: string): string | undefined {
  const trimmed = value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  const semi = trimmed.indexOf(';');
  const essence = (semi < 0 ? trimmed : trimmed.slice(0, semi)).replace(/[\t\n\r ]+$/, '');
  const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\/([!#$%&'*+.^_`|~0-9A-Za-z-]+)$/.exec(essence);
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : undefined;
}

/** #simple-range-header-value (single range, bytes=N- or bytes=N-M or bytes=-N is not simple). */
function isSimpleRange(value: string): boolean {
  const m = /^bytes=(\d+)-(\d*)$/.exec(value);
  if (!m) return false;
  return m[2] === '' || Number(m[1]) <= Number(m[2]);
}

/**
 * #cors-safelisted-request-header (name, value):
 *  1. If value's length is greater than 128, return false.
 *  2. accept: value contains no CORS-unsafe request-header byte;
 *     accept-language / content-language: only 0-9 A-Z a-z space * , - . ; =;
 *     content-type: no unsafe byte, parses as a MIME type whose essence is
 *       application/x-www-form-urlencoded, multipart/form-data or text/plain;
 *     range: a simple range header value; otherwise false.
 */
export function isCorsSafelistedRequestHeader(name: string, value: string): boolean {
  if (value.length > 128) return false;
  switch (lower(name)) {
    case 'accept':
      return !hasCorsUnsafeRequestHeaderByte(value);
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
    case 'content-type': {
      if (hasCorsUnsafeRequestHeaderByte(value)) return false;
      const essence = mimeEssence(value);
      return essence === 'application/x-www-form-urlencoded' || essence === 'multipart/form-data' || essence === 'text/plain';
    }
    case 'range':
      return isSimpleRange(value);
    default:
      return false;
  }
}

/** #no-cors-safelisted-request-header-name: Accept, Accept-Language, Content-Language, Content-Type. */
export function isNoCorsSafelistedRequestHeader(name: string, value: string): boolean {
  return ['accept', 'accept-language', 'content-language', 'content-type'].includes(lower(name)) && isCorsSafelistedRequestHeader(name, value);
}

/** #cors-non-wildcard-request-header-name: `Authorization`. */
export function isCorsNonWildcardRequestHeaderName(name: string): boolean {
  return lower(name) === 'authorization';
}

/**
 * #cors-unsafe-request-header-names (headers):
 *  1. unsafeNames = «», potentiallyUnsafeNames = «», safelistValueSize = 0.
 *  2. For each header: if not a CORS-safelisted request-header → unsafeNames; else
 *     potentiallyUnsafeNames += name, safelistValueSize += value length.
 *  3. If safelistValueSize > 1024, unsafeNames += potentiallyUnsafeNames.
 *  4. Return convert header names to a sorted-lowercase set (unsafeNames).
 */
export function corsUnsafeRequestHeaderNames(headers: HeaderList): string[] {
  const unsafe: string[] = [];
  const potentially: string[] = [];
  let size = 0;
  for (const [n, v] of headers) {
    if (!isCorsSafelistedRequestHeader(n, v)) unsafe.push(n);
    else {
      potentially.push(n);
      size += v.length;
    }
  }
  if (size > 1024) unsafe.push(...potentially);
  return [...new Set(unsafe.map(lower))].sort();
}

/** #forbidden-response-header-name: `Set-Cookie`, `Set-Cookie2`. */
export function isForbiddenResponseHeaderName(name: string): boolean {
  return lower(name) === 'set-cookie' || lower(name) === 'set-cookie2';
}

const SAFELISTED_RESPONSE = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];

/**
 * #cors-safelisted-response-header-name, given list: Cache-Control, Content-Language, Content-Length,
 * Content-Type, Expires, Last-Modified, Pragma, or any item in list that is a byte-case-insensitive
 * match for name and is not a forbidden response-header name.
 */
export function isCorsSafelistedResponseHeaderName(name: string, exposed: string[]): boolean {
  const n = lower(name);
  return SAFELISTED_RESPONSE.includes(n) || exposed.some((e) => lower(e) === n && !isForbiddenResponseHeaderName(e));
}

/** #concept-header-list-get: all values of name joined with ", ", or null. */
export function getHeader(list: HeaderList, name: string): string | null {
  const values = list.filter(([n]) => lower(n) === lower(name)).map(([, v]) => v);
  return values.length ? values.join(', ') : null;
}

/**
 * #extract-header-list-values: null when absent; failure when a value does not parse as the
 * header's ABNF (here: a `#token` list, the grammar of Access-Control-Allow-Methods/-Headers/
 * -Expose-Headers); the list of values otherwise (empty elements dropped, OWS trimmed).
 */
export function extractHeaderListValues(list: HeaderList, name: string): string[] | null | 'failure' {
  const lines = list.filter(([n]) => lower(n) === lower(name)).map(([, v]) => v);
  if (!lines.length) return null;
  const out: string[] = [];
  for (const line of lines) {
    for (const raw of line.split(',')) {
      const item = raw.trim();
      if (item === '') continue;
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(item)) return 'failure';
      out.push(item);
    }
  }
  return out;
}

/** #http-access-control-max-age: a single delta-seconds value; anything else is failure. */
export function extractMaxAge(list: HeaderList): number | null | 'failure' {
  const v = getHeader(list, 'access-control-max-age');
  if (v === null) return null;
  return /^\d+$/.test(v.trim()) ? Number(v.trim()) : 'failure';
}
