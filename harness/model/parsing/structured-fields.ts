/**
 * Structured Field Values for HTTP, RFC 9651 §4.2 (parsing), step by step. Pure; the input is a
 * byte string (one char a byte), as Fetch's "get a structured field value" passes the combined
 * header value (https://fetch.spec.whatwg.org/#concept-header-list-get-structured-header).
 * https://www.rfc-editor.org/rfc/rfc9651#section-4.2
 */

export type BareItem =
  | { type: 'integer'; value: number }
  | { type: 'decimal'; value: number }
  | { type: 'string'; value: string }
  | { type: 'token'; value: string }
  | { type: 'byte-sequence'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'date'; value: number }
  | { type: 'display-string'; value: string };

export type Parameters = Array<[string, BareItem]>;
export type Item = [BareItem, Parameters];
export type InnerList = [Item[], Parameters];
export type ListMember = Item | InnerList;
export type FieldType = 'list' | 'dictionary' | 'item';
export type Parsed = Item | ListMember[] | Array<[string, ListMember]>;

class Failure extends Error {
  constructor(readonly step: string) {
    super(`RFC 9651 ${step}`);
  }
}

const DIGIT = /[0-9]/;
const ALPHA = /[A-Za-z]/;
const LCALPHA = /[a-z]/;
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/** Parser state: the remaining input_string, consumed from the front as the RFC describes. */
class Input {
  constructor(public s: string) {}
  get empty() {
    return this.s.length === 0;
  }
  get first() {
    return this.s[0];
  }
  consume(): string {
    const c = this.s[0];
    this.s = this.s.slice(1);
    return c;
  }
  discardSp() {
    while (this.s[0] === ' ') this.s = this.s.slice(1);
  }
  discardOws() {
    while (this.s[0] === ' ' || this.s[0] === '\t') this.s = this.s.slice(1);
  }
}

/**
 * §4.2 Parsing Structured Fields:
 *  1. Convert input_bytes into an ASCII string input_string; if conversion fails, fail parsing.
 *  2. Discard any leading SP characters from input_string.
 *  3. Parse per field_type (list §4.2.1, dictionary §4.2.2, item §4.2.3).
 *  4. Discard any leading SP characters from input_string.
 *  5. If input_string is not empty, fail parsing.  6. Otherwise, return output.
 * Returns null on failure (Fetch: "if parsing failed, then return null").
 */
export function parseStructuredField(inputBytes: string, fieldType: FieldType): Parsed | null {
  try {
    return parseOrThrow(inputBytes, fieldType);
  } catch (e) {
    if (e instanceof Failure) return null;
    throw e;
  }
}

/** The same, naming the step that failed (for reports and unit tests). */
export function explainStructuredField(inputBytes: string, fieldType: FieldType): { ok: true; value: Parsed } | { ok: false; step: string } {
  try {
    return { ok: true, value: parseOrThrow(inputBytes, fieldType) };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, step: e.step };
    throw e;
  }
}

function parseOrThrow(inputBytes: string, fieldType: FieldType): Parsed {
  if ([...inputBytes].some((c) => c.charCodeAt(0) > 0x7f)) throw new Failure('§4.2 step 1: input is not ASCII');
  const input = new Input(inputBytes);
  input.discardSp();
  const output = fieldType === 'list' ? parseList(input) : fieldType === 'dictionary' ? parseDictionary(input) : parseItem(input);
  input.discardSp();
  if (!input.empty) throw new Failure(`§4.2 step 5: characters left after the ${fieldType}: ${JSON.stringify(input.s)}`);
  return output;
}

/** §4.2.1 Parsing a List. */
function parseList(input: Input): ListMember[] {
  const members: ListMember[] = [];
  while (!input.empty) {
    members.push(parseItemOrInnerList(input));
    input.discardOws();
    if (input.empty) return members;
    if (input.consume() !== ',') throw new Failure('§4.2.1 step 2.5: a list member is not followed by ","');
    input.discardOws();
    if (input.empty) throw new Failure('§4.2.1 step 2.7: trailing ","');
  }
  return members;
}

/** §4.2.1.1 Parsing an Item or Inner List. */
function parseItemOrInnerList(input: Input): ListMember {
  return input.first === '(' ? parseInnerList(input) : parseItem(input);
}

/** §4.2.1.2 Parsing an Inner List. */
function parseInnerList(input: Input): InnerList {
  input.consume();
  const inner: Item[] = [];
  while (!input.empty) {
    input.discardSp();
    if (input.first === ')') {
      input.consume();
      return [inner, parseParameters(input)];
    }
    inner.push(parseItem(input));
    if (input.first !== ' ' && input.first !== ')') throw new Failure('§4.2.1.2 step 4.5: inner list item not followed by SP or ")"');
  }
  throw new Failure('§4.2.1.2 step 5: inner list not closed');
}

/** §4.2.2 Parsing a Dictionary. */
function parseDictionary(input: Input): Array<[string, ListMember]> {
  const dict: Array<[string, ListMember]> = [];
  while (!input.empty) {
    const key = parseKey(input);
    let member: ListMember;
    if (input.first === '=') {
      input.consume();
      member = parseItemOrInnerList(input);
    } else member = [{ type: 'boolean', value: true }, parseParameters(input)];
    const at = dict.findIndex(([k]) => k === key);
    if (at >= 0) dict[at] = [key, member];
    else dict.push([key, member]);
    input.discardOws();
    if (input.empty) return dict;
    if (input.consume() !== ',') throw new Failure('§4.2.2 step 2.6: a dictionary member is not followed by ","');
    input.discardOws();
    if (input.empty) throw new Failure('§4.2.2 step 2.8: trailing ","');
  }
  return dict;
}

/** §4.2.3 Parsing an Item: a bare item, then its parameters. */
function parseItem(input: Input): Item {
  const bare = parseBareItem(input);
  return [bare, parseParameters(input)];
}

/** §4.2.3.1 Parsing a Bare Item: the first character decides the type. */
function parseBareItem(input: Input): BareItem {
  const c = input.first;
  if (c === undefined) throw new Failure('§4.2.3.1 step 8: empty where an item is required');
  if (c === '-' || DIGIT.test(c)) return parseNumber(input);
  if (c === '"') return { type: 'string', value: parseString(input) };
  if (ALPHA.test(c) || c === '*') return { type: 'token', value: parseToken(input) };
  if (c === ':') return { type: 'byte-sequence', value: parseByteSequence(input) };
  if (c === '?') return { type: 'boolean', value: parseBoolean(input) };
  if (c === '@') return parseDate(input);
  if (c === '%') return { type: 'display-string', value: parseDisplayString(input) };
  throw new Failure(`§4.2.3.1 step 8: no item starts with ${JSON.stringify(c)}`);
}

/** §4.2.3.2 Parsing Parameters. */
function parseParameters(input: Input): Parameters {
  const params: Parameters = [];
  while (!input.empty) {
    if (input.first !== ';') break;
    input.consume();
    input.discardSp();
    const key = parseKey(input);
    let value: BareItem = { type: 'boolean', value: true };
    if (input.s[0] === '=') {
      input.consume();
      value = parseBareItem(input);
    }
    const at = params.findIndex(([k]) => k === key);
    if (at >= 0) params[at] = [key, value];
    else params.push([key, value]);
  }
  return params;
}

/** §4.2.3.3 Parsing a Key: lcalpha or "*", then lcalpha / DIGIT / "_" / "-" / "." / "*". */
function parseKey(input: Input): string {
  if (input.empty || !(LCALPHA.test(input.first) || input.first === '*')) throw new Failure('§4.2.3.3 step 1: a key starts with lcalpha or "*"');
  let out = '';
  while (!input.empty && /[a-z0-9_\-.*]/.test(input.first)) out += input.consume();
  return out;
}

/** §4.2.4 Parsing an Integer or Decimal. */
function parseNumber(input: Input): BareItem {
  let type: 'integer' | 'decimal' = 'integer';
  let sign = 1;
  let num = '';
  if (input.first === '-') {
    input.consume();
    sign = -1;
  }
  if (input.empty) throw new Failure('§4.2.4 step 5: empty after "-"');
  if (!DIGIT.test(input.first)) throw new Failure('§4.2.4 step 6: a number starts with a DIGIT');
  while (!input.empty) {
    const c = input.first;
    if (DIGIT.test(c)) num += input.consume();
    else if (type === 'integer' && c === '.') {
      if (num.length > 12) throw new Failure('§4.2.4 step 7.3.1: more than 12 integer digits in a decimal');
      num += input.consume();
      type = 'decimal';
    } else break;
    if (type === 'integer' && num.length > 15) throw new Failure('§4.2.4 step 7.5: more than 15 digits in an integer');
    if (type === 'decimal' && num.length > 16) throw new Failure('§4.2.4 step 7.6: more than 16 characters in a decimal');
  }
  if (type === 'integer') return { type, value: sign * Number(num) };
  if (num.endsWith('.')) throw new Failure('§4.2.4 step 9.1: a decimal ends with "."');
  if (num.length - num.indexOf('.') - 1 > 3) throw new Failure('§4.2.4 step 9.2: more than 3 fractional digits');
  return { type, value: sign * Number(num) };
}

/** §4.2.5 Parsing a String: printable ASCII, with \" and \\ as the only escapes. */
function parseString(input: Input): string {
  input.consume();
  let out = '';
  for (;;) {
    if (input.empty) throw new Failure('§4.2.5 step 4.1: string not closed');
    const c = input.consume();
    if (c === '\\') {
      if (input.empty) throw new Failure('§4.2.5 step 4.3.1: "\\" at the end');
      const next = input.consume();
      if (next !== '"' && next !== '\\') throw new Failure('§4.2.5 step 4.3.3: only \\" and \\\\ are escapes');
      out += next;
    } else if (c === '"') return out;
    else if (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) > 0x7e) throw new Failure('§4.2.5 step 4.5: a string holds printable ASCII only');
    else out += c;
  }
}

/** §4.2.6 Parsing a Token: ALPHA or "*", then tchar / ":" / "/". */
function parseToken(input: Input): string {
  let out = '';
  while (!input.empty && (TCHAR.test(input.first) || input.first === ':' || input.first === '/')) out += input.consume();
  return out;
}

/** §4.2.7 Parsing a Byte Sequence. */
function parseByteSequence(input: Input): string {
  input.consume();
  const end = input.s.indexOf(':');
  if (end < 0) throw new Failure('§4.2.7 step 3: no closing ":"');
  const b64 = input.s.slice(0, end);
  input.s = input.s.slice(end + 1);
  if (/[^A-Za-z0-9+/=]/.test(b64)) throw new Failure('§4.2.7 step 6: not base64');
  return b64;
}

/** §4.2.8 Parsing a Boolean: "?1" or "?0". */
function parseBoolean(input: Input): boolean {
  input.consume();
  if (input.first === '1') return (input.consume(), true);
  if (input.first === '0') return (input.consume(), false);
  throw new Failure('§4.2.8 step 5: a boolean is ?0 or ?1');
}

/** §4.2.9 Parsing a Date: "@" and an integer. */
function parseDate(input: Input): BareItem {
  input.consume();
  const n = parseNumber(input);
  if (n.type !== 'integer') throw new Failure('§4.2.9 step 4: a date is an integer');
  return { type: 'date', value: n.value };
}

/** §4.2.10 Parsing a Display String: %"…" with lower-case %xx escapes of UTF-8. */
function parseDisplayString(input: Input): string {
  if (input.s[1] !== '"') throw new Failure('§4.2.10 step 1: a display string starts with %"');
  input.consume();
  input.consume();
  const bytes: number[] = [];
  for (;;) {
    if (input.empty) throw new Failure('§4.2.10 step 5.1: display string not closed');
    const c = input.consume();
    const code = c.charCodeAt(0);
    if (code < 0x20 || code > 0x7e) throw new Failure('§4.2.10 step 5.3: printable ASCII only');
    if (c === '%') {
      const hex = input.s.slice(0, 2);
      input.s = input.s.slice(2);
      if (!/^[0-9a-f]{2}$/.test(hex)) throw new Failure('§4.2.10 step 5.4.2: %xx in lower-case hex');
      bytes.push(parseInt(hex, 16));
    } else if (c === '"') {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
      } catch {
        throw new Failure('§4.2.10 step 5.5.1: not UTF-8');
      }
    } else bytes.push(code);
  }
}
