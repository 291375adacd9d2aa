/**
 * What a user agent's HTTP/1.1 parser hands to Fetch: the response's header list, from the
 * field lines as they were on the wire. Pure; byte strings are JS strings with one character
 * per byte (0x00–0xFF), the convention of servers/raw-response.ts.
 *
 *  RFC 9112 §5    field-line = field-name ":" OWS field-value OWS — the OWS (SP / HTAB) around
 *                 the value is not part of it          https://www.rfc-editor.org/rfc/rfc9112#section-5
 *  RFC 9112 §5.2  a user agent MUST replace each obs-fold (OWS CRLF RWS) with one or more SP
 *                 before interpreting the value          https://www.rfc-editor.org/rfc/rfc9112#section-5.2
 *  RFC 9110 §5.5  CR, LF or NUL in a value: the recipient MUST either reject the message or
 *                 replace each with SP; other CTLs are invalid but MAY be retained
 *                                                        https://www.rfc-editor.org/rfc/rfc9110#section-5.5
 *  RFC 9112 §2.2  a bare CR: consider the element invalid, or replace it with SP
 *                                                        https://www.rfc-editor.org/rfc/rfc9112#section-2.2
 *  Fetch          a header value has no leading or trailing HTTP tab or space bytes and no NUL or
 *                 HTTP newline bytes; other bytes (0x01–0x08, 0x0B, 0x0C, 0x0E–0x1F, 0x7F, 0x80–0xFF)
 *                 are part of the value                  https://fetch.spec.whatwg.org/#header-value
 *
 * Where the RFCs leave a choice (NUL, bare CR, how many SP an obs-fold becomes), every permitted reading is enumerated
 * (`FIELD_READINGS`): the catalog keeps only variants whose outcome is the same under all of
 * them, so no expectation depends on a choice the standards leave to the engine.
 */

/** One line as declared: the name, and the value exactly as written after `: `. */
export type DeclaredLine = [string, string];
export type HeaderList = Array<[string, string]>;

/** How a parser may treat a NUL, a bare CR (RFC 9110 §5.5, RFC 9112 §2.2) or an obs-fold (RFC 9112 §5.2). */
export interface FieldReading {
  /** NUL: reject the whole message, or replace with SP (before or after OWS is removed). */
  nul: 'reject' | 'replace-then-trim' | 'trim-then-replace';
  /** Bare CR: reject the message, ignore the field line ("consider that element invalid"), or replace with SP. */
  bareCr: 'reject' | 'drop-line' | 'replace-then-trim' | 'trim-then-replace';
  /**
   * obs-fold (OWS CRLF RWS) → "one or more SP": one SP; as many SP as the RWS has bytes; or as many
   * as the whole fold has (CR LF counted as one). Three counts are enough to see that an outcome
   * hangs on the count.
   */
  fold: 'one-sp' | 'rws' | 'whole';
}

export const FIELD_READINGS: FieldReading[] = (['reject', 'replace-then-trim', 'trim-then-replace'] as const).flatMap((nul) =>
  (['reject', 'drop-line', 'replace-then-trim', 'trim-then-replace'] as const).flatMap((bareCr) =>
    (['one-sp', 'rws', 'whole'] as const).map((fold) => ({ nul, bareCr, fold })),
  ),
);

/** True when a declared value leaves a choice to the parser (NUL, bare CR, obs-fold): only then do readings differ. */
export const hasChoice = (value: string) => /\0|\r/.test(value);

/** The reading used to describe a variant; equal to every other reading for catalog variants. */
export const FIRST_READING: FieldReading = FIELD_READINGS[0];

/** HTTP tab or space byte (Fetch #http-tab-or-space-byte); RFC 9110 OWS is *( SP / HTAB ). */
export const isTabOrSpace = (c: string) => c === '\t' || c === ' ';

/** Removes leading and trailing OWS (SP / HTAB) and nothing else: not VT, FF, NBSP or CR. */
export function trimOws(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isTabOrSpace(value[start])) start++;
  while (end > start && isTabOrSpace(value[end - 1])) end--;
  return value.slice(start, end);
}

/** RFC 9112 §5.2: each obs-fold (OWS CRLF 1*(SP / HTAB)) becomes one or more SP (one, by default). */
export function unfold(value: string, fold: FieldReading['fold'] = 'one-sp'): string {
  return value.replace(/([ \t]*)\r\n([ \t]+)/g, (_m, ows: string, rws: string) =>
    ' '.repeat(fold === 'one-sp' ? 1 : fold === 'rws' ? rws.length : ows.length + 1 + rws.length),
  );
}

/** True when a header-field name is an RFC 9110 token (§5.1 field-name = token). */
export function isToken(s: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(s);
}

export type Received = { ok: true; headers: HeaderList } | { ok: false; why: string };

/**
 * The header list a conforming parser builds from the declared lines, under one reading of the
 * choices the RFCs leave open. A CR LF not followed by SP / HTAB inside a value would end the
 * line on the wire: such declarations are not modelled (an error says so).
 */
export function receiveFields(lines: DeclaredLine[], reading: FieldReading = FIRST_READING): Received {
  const out: HeaderList = [];
  for (const [name, written] of lines) {
    if (!isToken(name)) throw new Error(`model: field name ${JSON.stringify(name)} is not a token; the catalog declares token names only`);
    if (/\r\n(?![ \t])/.test(written)) throw new Error(`model: value of ${name} has a CR LF that would end the line: ${JSON.stringify(written)}`);
    let value = unfold(written, reading.fold);
    if (value.includes('\n')) throw new Error(`model: value of ${name} has a bare LF (RFC 9112 §2.2 lets a parser end the line there): not modelled`);
    const hasNul = value.includes('\0');
    const hasCr = value.includes('\r');
    if (hasNul && reading.nul === 'reject') return { ok: false, why: `RFC 9110 §5.5: NUL in ${name}, message rejected` };
    if (hasCr && reading.bareCr === 'reject') return { ok: false, why: `RFC 9112 §2.2: bare CR in ${name}, message rejected` };
    if (hasCr && reading.bareCr === 'drop-line') continue;
    const replaceFirst = (hasNul && reading.nul === 'replace-then-trim') || (hasCr && reading.bareCr === 'replace-then-trim');
    const replace = (v: string) => v.replace(/[\0\r]/g, ' ');
    // Trim, then replace, can leave an SP at an edge: that reading is kept as it is, so a
    // variant whose outcome hangs on the order is seen to be ambiguous and left out.
    value = replaceFirst ? trimOws(replace(value)) : replace(trimOws(value));
    out.push([name, value]);
  }
  return { ok: true, headers: out };
}

/** Every distinct outcome over all permitted readings (one element: the standards agree). */
export function receiveUnderEveryReading<T>(lines: DeclaredLine[], then: (r: Received) => T, key: (t: T) => string = (t) => JSON.stringify(t)): T[] {
  const seen = new Map<string, T>();
  for (const reading of FIELD_READINGS) {
    const t = then(receiveFields(lines, reading));
    seen.set(key(t), t);
  }
  return [...seen.values()];
}
