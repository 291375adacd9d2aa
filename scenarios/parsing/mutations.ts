/**
 * How the parsing catalog varies a header: mutation operators over a base value, each with a
 * family (the kind of difference a root cause is grouped by: "trailing HTAB", "VT before the
 * value", "two lines", …) and a slug for the scenario id. Values are byte strings: one char a
 * byte, so UTF-8 is written as its bytes ('\xc3\xaf' is ï).
 */
import type { DeclaredLine } from '../../harness/model/parsing/http-fields.ts';

export interface Mutation {
  family: string;
  slug: string;
  lines: (name: string, value: string) => DeclaredLine[];
}

const one = (family: string, slug: string, f: (v: string) => string, nameOf: (n: string) => string = (n) => n): Mutation => ({
  family,
  slug,
  lines: (n, v) => [[nameOf(n), f(v)]],
});

const mid = (v: string) => Math.max(1, Math.floor(v.length / 2));
const insertMid = (v: string, s: string) => v.slice(0, mid(v)) + s + v.slice(mid(v));
const flipCase = (v: string) => v.replace(/[A-Za-z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
const alternate = (n: string) => [...n].map((c, i) => (i % 2 ? c.toLowerCase() : c.toUpperCase())).join('');

/**
 * Bytes that are not HTTP whitespace (SP / HTAB) but that string libraries often trim or split
 * on: every C0 control except HTAB and LF (a bare LF may end the line: RFC 9112 §2.2), DEL, NEL,
 * NBSP, and the UTF-8 BOM and zero-width space. NUL and a bare CR are included too: where the
 * RFCs leave their handling open, the builder drops the variant as ambiguous.
 */
export const NOT_OWS: Array<[string, string]> = [
  ...Array.from({ length: 32 }, (_, i) => i)
    .filter((i) => i !== 0x09 && i !== 0x0a)
    .map((i) => [`x${i.toString(16).padStart(2, '0')}`, String.fromCharCode(i)] as [string, string]),
  ['x7f', '\x7f'],
  ['nel', '\x85'],
  ['nbsp', '\xa0'],
  ['bom', '\xef\xbb\xbf'],
  ['zwsp', '\xe2\x80\x8b'],
];
/** The few that also go inside a value (between its two halves). */
const INNER: string[] = ['x00', 'x01', 'x0b', 'x0c', 'x0d', 'x1f', 'x7f', 'nbsp'];

/** Every operator, for the values whose parsing matters most. */
export const FULL: Mutation[] = [
  one('identity', 'as-is', (v) => v),
  one(
    'name-case',
    'name-lower',
    (v) => v,
    (n) => n.toLowerCase(),
  ),
  one(
    'name-case',
    'name-upper',
    (v) => v,
    (n) => n.toUpperCase(),
  ),
  one('name-case', 'name-alternate', (v) => v, alternate),
  one('ows-leading', 'lead-sp', (v) => ` ${v}`),
  one('ows-leading', 'lead-sp3', (v) => `   ${v}`),
  one('ows-leading', 'lead-htab', (v) => `\t${v}`),
  one('ows-trailing', 'trail-sp', (v) => `${v} `),
  one('ows-trailing', 'trail-htab', (v) => `${v}\t`),
  one('ows-trailing', 'trail-sp-htab', (v) => `${v} \t `),
  one('ows-both', 'both-htab', (v) => `\t${v}\t`),
  one('ows-both', 'both-mixed', (v) => ` \t ${v} \t`),
  one('obs-fold', 'fold-leading', (v) => `\r\n ${v}`),
  one('obs-fold', 'fold-leading-htab', (v) => `\r\n\t${v}`),
  one('obs-fold', 'fold-trailing', (v) => `${v}\r\n `),
  one('obs-fold', 'fold-inner', (v) => insertMid(v, '\r\n ')),
  one('inner-ows', 'inner-sp', (v) => insertMid(v, ' ')),
  one('inner-ows', 'inner-htab', (v) => insertMid(v, '\t')),
  ...NOT_OWS.flatMap(([slug, b]) => [
    one(`not-ows-leading`, `lead-${slug}`, (v) => b + v),
    one(`not-ows-trailing`, `trail-${slug}`, (v) => v + b),
    ...(INNER.includes(slug) ? [one(`not-ows-inner`, `inner-${slug}`, (v) => insertMid(v, b))] : []),
  ]),
  one('value-case', 'value-upper', (v) => v.toUpperCase()),
  one('value-case', 'value-lower', (v) => v.toLowerCase()),
  one('value-case', 'value-flipped', flipCase),
  one('quoting', 'dquote', (v) => `"${v}"`),
  one('quoting', 'squote', (v) => `'${v}'`),
  one('quoting', 'dquote-open', (v) => `"${v}`),
  one('list-in-line', 'comma-trailing', (v) => `${v},`),
  one('list-in-line', 'comma-leading', (v) => `,${v}`),
  one('list-in-line', 'comma-both-sp', (v) => ` , ${v} , `),
  one('list-in-line', 'twice-comma', (v) => `${v},${v}`),
  one('list-in-line', 'twice-comma-sp', (v) => `${v}, ${v}`),
  one('list-in-line', 'twice-double-comma', (v) => `${v},,${v}`),
  one('list-in-line', 'twice-semicolon', (v) => `${v};${v}`),
  one('list-in-line', 'twice-space', (v) => `${v} ${v}`),
  one('extra-bytes', 'suffix-x', (v) => `${v}x`),
  one('extra-bytes', 'prefix-x', (v) => `x${v}`),
  one('extra-bytes', 'suffix-semicolon', (v) => `${v};`),
  one('extra-bytes', 'suffix-param', (v) => `${v};a=b`),
  one('extra-bytes', 'suffix-latin1', (v) => `${v}\xe9`),
  // A bare CR followed by more bytes: every permitted reading (reject, drop the line, CR → SP) fails
  // a value that needs exact bytes; a parser that ends the line at the CR keeps the value before it.
  one('bare-cr', 'cr-then-x', (v) => `${v}\rx`),
  one('bare-cr', 'cr-then-header', (v) => `${v}\rX-Op-Z: z`),
  {
    family: 'lines',
    slug: 'two-lines-same',
    lines: (n, v) => [
      [n, v],
      [n, v],
    ],
  },
  {
    family: 'lines',
    slug: 'two-lines-recased',
    lines: (n, v) => [
      [n, v],
      [n.toLowerCase(), v],
    ],
  },
  {
    family: 'lines',
    slug: 'then-empty-line',
    lines: (n, v) => [
      [n, v],
      [n, ''],
    ],
  },
  {
    family: 'lines',
    slug: 'empty-line-then',
    lines: (n, v) => [
      [n, ''],
      [n, v],
    ],
  },
  {
    family: 'lines',
    slug: 'then-other-line',
    lines: (n, v) => [
      [n, v],
      [n, 'x'],
    ],
  },
  {
    family: 'lines',
    slug: 'other-line-then',
    lines: (n, v) => [
      [n, 'x'],
      [n, v],
    ],
  },
  {
    family: 'lines',
    slug: 'split-around-comma',
    lines: (n, v) => [
      [n, `${v},`],
      [n, v],
    ],
  },
];

/** A smaller set for values that only need their main forms covered. */
const REDUCED_SLUGS = new Set([
  'as-is',
  'name-lower',
  'lead-sp',
  'trail-htab',
  'both-mixed',
  'fold-leading',
  'inner-sp',
  'lead-x0b',
  'trail-x0b',
  'trail-x0c',
  'trail-x1f',
  'trail-nbsp',
  'lead-bom',
  'inner-x00',
  'value-upper',
  'value-flipped',
  'dquote',
  'comma-trailing',
  'comma-leading',
  'twice-comma-sp',
  'suffix-x',
  'cr-then-x',
  'two-lines-same',
  'then-empty-line',
  'then-other-line',
]);
export const REDUCED: Mutation[] = FULL.filter((m) => REDUCED_SLUGS.has(m.slug));

/** A base value with every operator, with the smaller set, or with the named operators only. */
export const full = (slug: string, value: string) => ({ slug, value, mutations: FULL });
export const reduced = (slug: string, value: string) => ({ slug, value, mutations: REDUCED });
export const some = (slugs: string[]): Mutation[] => FULL.filter((m) => slugs.includes(m.slug));

/** Lines that are the same on the wire get one variant (first one wins). */
export function wireKey(lines: DeclaredLine[]): string {
  return JSON.stringify(lines);
}

/** A readable rendering of lines for titles and reports: control and non-ASCII bytes escaped. */
export function renderLines(lines: DeclaredLine[]): string {
  const esc = (s: string) => s.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return lines.length ? lines.map(([n, v]) => `${esc(n)}: ${esc(v)}`).join(' ⏎ ') : '(no line)';
}
