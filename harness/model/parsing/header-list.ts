/**
 * Fetch's header-list algorithms, byte exact (pure; byte strings are JS strings, one char a byte):
 *
 *  normalize                     https://fetch.spec.whatwg.org/#concept-header-value-normalize
 *  get                           https://fetch.spec.whatwg.org/#concept-header-list-get
 *  get, decode, and split        https://fetch.spec.whatwg.org/#concept-header-list-get-decode-split
 *  collect an HTTP quoted string https://fetch.spec.whatwg.org/#collect-an-http-quoted-string
 *  extract header list values    https://fetch.spec.whatwg.org/#extract-header-list-values
 *  the CORS headers' ABNF        https://fetch.spec.whatwg.org/#http-new-header-syntax
 *  #rule lists (RFC 9110 §5.6.1: a recipient accepts empty elements)
 *                                https://www.rfc-editor.org/rfc/rfc9110#section-5.6.1.2
 */
import { isToken, trimOws, type HeaderList } from './http-fields.ts';

const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** byte-case-insensitive: ASCII letters only fold (0x80–0xFF never do). */
export function byteCaseInsensitiveEqual(a: string, b: string): boolean {
  return lower(a) === lower(b);
}

/** #concept-header-value-normalize: remove leading and trailing HTTP whitespace bytes (HT, LF, CR, SP). */
export function normalizeHeaderValue(potentialValue: string): string {
  return potentialValue.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

/** #header-list-contains: some header's name is a byte-case-insensitive match. */
export function contains(list: HeaderList, name: string): boolean {
  return list.some(([n]) => byteCaseInsensitiveEqual(n, name));
}

/**
 * #concept-header-list-get:
 *  1. If list does not contain name, then return null.
 *  2. Return the values of all headers in list whose name is a byte-case-insensitive match for
 *     name, separated from each other by 0x2C 0x20, in order.
 */
export function get(list: HeaderList, name: string): string | null {
  if (!contains(list, name)) return null;
  return list
    .filter(([n]) => byteCaseInsensitiveEqual(n, name))
    .map(([, v]) => v)
    .join(', ');
}

/**
 * #collect-an-http-quoted-string (extract-value false): from the U+0022 at position through the
 * closing quote (or the end), backslash escapes kept. Returns the collected text and the new position.
 */
export function collectHttpQuotedString(input: string, position: number): { text: string; position: number } {
  const start = position;
  if (input[position] !== '"') throw new Error('collect an HTTP quoted string: step 3 asserts a U+0022 at position');
  position++; // step 4
  for (;;) {
    // 5.1: collect code points that are not " or \.
    while (position < input.length && input[position] !== '"' && input[position] !== '\\') position++;
    if (position >= input.length) break; // 5.2
    const quoteOrBackslash = input[position]; // 5.3
    position++; // 5.4
    if (quoteOrBackslash === '\\') {
      if (position >= input.length) break; // 5.5.1 (the backslash is kept)
      position++; // 5.5.2–5.5.3
    } else break; // 5.6
  }
  return { text: input.slice(start, position), position }; // step 7: positionStart to position
}

/**
 * #header-value-get-decode-split (for a header value):
 *  1. input = isomorphic decode (identity on one-char-per-byte strings). 2–4. position, values, temporaryValue.
 *  5. While true: 5.1 append code points that are not " or , ; 5.2 at a ", append a collected
 *     HTTP quoted string and, unless at the end, continue; 5.3 remove HTTP tab or space from both
 *     ends; 5.4 append; 5.5 reset; 5.6 at the end, return values; 5.7–5.8 skip the comma.
 */
export function getDecodeSplitValue(value: string): string[] {
  const input = value;
  let position = 0;
  const values: string[] = [];
  let temporaryValue = '';
  for (;;) {
    const start = position;
    while (position < input.length && input[position] !== '"' && input[position] !== ',') position++;
    temporaryValue += input.slice(start, position);
    if (position < input.length && input[position] === '"') {
      const q = collectHttpQuotedString(input, position);
      temporaryValue += q.text;
      position = q.position;
      if (position < input.length) continue;
    }
    values.push(trimOws(temporaryValue));
    temporaryValue = '';
    if (position >= input.length) return values;
    position++; // the comma (step 5.7 asserts it)
  }
}

/** #concept-header-list-get-decode-split: null when absent, else get-decode-split of the combined value. */
export function getDecodeSplit(list: HeaderList, name: string): string[] | null {
  const value = get(list, name);
  return value === null ? null : getDecodeSplitValue(value);
}

/**
 * The value grammars "extract header list values" needs (Fetch #http-new-header-syntax):
 *  '#method'     Access-Control-Allow-Methods = #method       (method = token)
 *  '#field-name' Access-Control-Allow-Headers / -Expose-Headers = #field-name (field-name = token)
 *  'delta-seconds' Access-Control-Max-Age = delta-seconds (1*DIGIT), a single header
 */
export type ValueGrammar = '#method' | '#field-name' | 'delta-seconds';

/**
 * #extract-header-values for one header: failure when the value does not parse per the ABNF.
 * A #rule list: `[ element ] *( OWS "," OWS [ element ] )`, empty elements accepted and dropped;
 * each element a token (no OWS inside, no quoting: a token has no DQUOTE).
 */
export function extractHeaderValues(value: string, grammar: ValueGrammar): string[] | 'failure' {
  if (grammar === 'delta-seconds') return /^[0-9]+$/.test(value) ? [value] : 'failure';
  const out: string[] = [];
  for (const raw of value.split(',')) {
    const element = trimOws(raw);
    if (element === '') continue;
    if (!isToken(element)) return 'failure';
    out.push(element);
  }
  return out;
}

/**
 * #extract-header-list-values:
 *  1. If list does not contain name, return null.
 *  2. If the ABNF for name allows a single header and list contains more than one, return failure.
 *  3–4. For each header named name: extract header values; failure → failure; append each value.
 *  5. Return values.
 */
export function extractHeaderListValues(list: HeaderList, name: string, grammar: ValueGrammar): string[] | null | 'failure' {
  if (!contains(list, name)) return null;
  const lines = list.filter(([n]) => byteCaseInsensitiveEqual(n, name));
  if (grammar === 'delta-seconds' && lines.length > 1) return 'failure';
  const values: string[] = [];
  for (const [, v] of lines) {
    const extract = extractHeaderValues(v, grammar);
    if (extract === 'failure') return 'failure';
    values.push(...extract);
  }
  return values;
}
