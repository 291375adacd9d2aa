/**
 * How engines read header bytes where they differ from the parsing model: the readings the
 * engine registries (scenarios/deviations/<engine>.ts) name, one per root cause. Each variant's
 * recorded deviation is computed from them (the case's own model, run over the header list as
 * the engine reads it), so a reading that stops matching an engine shows up as fixed-deviation,
 * and one that over-reaches as fail.
 */
import { receiveFields, trimOws, type DeclaredLine, type HeaderList } from '../../harness/model/parsing/http-fields.ts';
import { get } from '../../harness/model/parsing/header-list.ts';
import { getStructuredItem } from '../../harness/model/parsing/policies.ts';
import { originUrl } from '../../protocol/origins.ts';
import { areaOf, type EngineRule, type Expected, type Variant } from './build.ts';
import type { Received } from '../../harness/model/parsing/http-fields.ts';

/**
 * A draft bug report kept in this repository, where no public tracker entry was found: `repo:` +
 * the file's path (the schema wants a URL; the project has no public address to point at).
 */
export const draft = (file: string) => `repo:docs/bugs/${file}`;

export const XFO = areaOf('X-Frame-Options');
export const MAX_AGE = areaOf('Access-Control-Max-Age');
export const OAC = areaOf('Origin-Agent-Cluster');
export const TAO = areaOf('Timing-Allow-Origin');
export const COEP = areaOf('Cross-Origin-Embedder-Policy');
export const COOP = areaOf('Cross-Origin-Opener-Policy');
export const WPT_XFO = 'https://wpt.fyi/results/x-frame-options/get-decode-split.html';

/** Replaces the value of every line named `name` (byte-case-insensitively). */
const mapValues = (headers: HeaderList, name: string, f: (v: string) => string): HeaderList =>
  headers.map(([n, v]) => [n, n.toLowerCase() === name.toLowerCase() ? f(v) : v]);

/** A parser that ends a field line at a bare CR: the value stops there; the rest is a line of its own (ignored unless it is one). */
export function crEndsLine(lines: DeclaredLine[]) {
  if (!lines.some(([, v]) => /\r(?!\n)/.test(v))) return undefined;
  const split: DeclaredLine[] = [];
  for (const [n, v] of lines) {
    const [first, ...rest] = v.split(/\r(?!\n)/);
    split.push([n, first]);
    for (const r of rest) {
      const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):(.*)$/.exec(r);
      if (m) split.push([m[1], m[2]]);
    }
  }
  return receiveFields(split);
}

/** X-Frame-Options values trimmed of every ASCII whitespace byte (HT, LF, VT, FF, CR, SP), not only HTTP tab or space. */
export const xfoTrimmedOfAsciiWhitespace = (h: HeaderList) =>
  mapValues(h, 'X-Frame-Options', (v) =>
    v
      .split(',')
      .map((e) => e.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, ''))
      .join(','),
  );

/** The TAO check over values split at every comma (quotes not honoured). */
export const taoSplitAtEveryComma: EngineRule['decide'] = (_v, received) => {
  if (!received.ok) return undefined;
  const values = (get(received.headers, 'Timing-Allow-Origin') ?? '').split(',').map(trimOws);
  const allowed = values.includes('*') || values.includes(originUrl('site'));
  return { blocked: !allowed, observation: { resolved: true, entry: true, timingAllowed: allowed }, why: `split at every comma: ${JSON.stringify(values)}` };
};

/**
 * The length of the valid UTF-8 sequence at i, or 0 (g_utf8_validate's rules: no overlong forms,
 * no surrogates, nothing above U+10FFFF).
 */
function utf8SequenceAt(s: string, i: number): number {
  const b = s.charCodeAt(i);
  if (b < 0x80) return 1;
  const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (!n || i + n > s.length) return 0;
  let cp = b & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const c = s.charCodeAt(i + k);
    if ((c & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  if ((n === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n === 4 && (cp < 0x10000 || cp > 0x10ffff))) return 0;
  return n;
}

/** Each byte that does not start a valid UTF-8 sequence becomes EF BF BD (U+FFFD in UTF-8). */
function utf8Replaced(value: string): string {
  let out = '';
  for (let i = 0; i < value.length;) {
    const n = utf8SequenceAt(value, i);
    out += n ? value.slice(i, i + n) : '\xef\xbf\xbd';
    i += n || 1;
  }
  return out;
}

/** The structured-field item of `name` read by a parser that knows only strings, tokens and booleans: anything else makes it invalid. */
function onlyStringTokenBoolean(h: HeaderList, name: string): HeaderList {
  const item = getStructuredItem(h, name);
  const partial = (t: string) => t === 'string' || t === 'token' || t === 'boolean';
  if (!item || (partial(item[0].type) && item[1].every(([, v]) => partial(v.type)))) return h;
  return [...h.filter(([n]) => n.toLowerCase() !== name.toLowerCase()), [name, '"unparsed"']];
}

/** A parser that leaves out empty values when it combines the lines of one name (unless every line is empty). */
export function emptyLinesDropped(lines: DeclaredLine[]) {
  const r = receiveFields(lines);
  if (!r.ok) return undefined;
  const filled = new Set(r.headers.filter(([, v]) => v !== '').map(([n]) => n.toLowerCase()));
  return { ok: true as const, headers: r.headers.filter(([n, v]) => v !== '' || !filled.has(n.toLowerCase())) };
}

/** The max-age a parser that takes only digits sees: absent/empty → the default, digits → them, anything else → 0 (not cached). */
export function digitsOnlyMaxAge(h: HeaderList): HeaderList {
  const value = get(h, 'Access-Control-Max-Age');
  const others = h.filter(([n]) => n.toLowerCase() !== 'access-control-max-age');
  if (value === null || value === '') return others;
  return [...others, ['Access-Control-Max-Age', /^[0-9]+$/.test(value) ? value : '0']];
}

/** A signed-integer max-age parser: `-1` is a non-positive max-age (not cached). */
export const negativeMaxAgeNotCached = (h: HeaderList) => mapValues(h, 'Access-Control-Max-Age', (v) => (/^-[0-9]+$/.test(v) ? '0' : v));

/** Origin-keyed agent clusters unless the document sends `Origin-Agent-Cluster: ?0`. */
export const originKeyedUnlessOptOut: EngineRule['decide'] = (_v, received) => {
  if (!received.ok) return undefined;
  const item = getStructuredItem(received.headers, 'Origin-Agent-Cluster');
  const optOut = !!item && item[0].type === 'boolean' && item[0].value === false;
  return { blocked: false, observation: { originAgentCluster: !optOut }, why: `origin-keyed unless ?0${optOut ? ' (?0 sent)' : ''}` };
};

/** Every header-value byte outside valid UTF-8 replaced by the three bytes of U+FFFD. */
export const utf8ReplacedFields = (lines: DeclaredLine[]) => receiveFields(lines.map(([n, v]) => [n, utf8Replaced(v)]));

/** Max-age trimmed of every ASCII whitespace byte and read as a signed integer: non-positive values are not cached. */
export const trimmedSignedMaxAge = (h: HeaderList) =>
  mapValues(h, 'Access-Control-Max-Age', (v) => {
    const t = v.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');
    return /^[+-]?[0-9]+$/.test(t) && Number(t) <= 0 ? '0' : v;
  });

/** COEP credentialless read as unsafe-none. */
export const credentiallessAsUnsafeNone = (h: HeaderList) => {
  const item = getStructuredItem(h, 'Cross-Origin-Embedder-Policy');
  if (!item || item[0].type !== 'token' || item[0].value !== 'credentialless') return h;
  return [...h.filter(([n]) => n.toLowerCase() !== 'cross-origin-embedder-policy'), ['Cross-Origin-Embedder-Policy', 'unsafe-none']] as HeaderList;
};

/** COEP and COOP read by a structured-field parser that knows only strings, tokens and booleans. */
export const policiesPartialStructuredFields = (h: HeaderList) =>
  onlyStringTokenBoolean(onlyStringTokenBoolean(h, 'Cross-Origin-Embedder-Policy'), 'Cross-Origin-Opener-Policy');

/** Origin-Agent-Cluster ignored: agent clusters stay site-keyed. */
export const originAgentClusterIgnored = (_v: Variant, received: Received): Expected | undefined =>
  received.ok ? { blocked: false, observation: { originAgentCluster: false }, why: 'the header is ignored (site-keyed)' } : undefined;
export { areaOf };
