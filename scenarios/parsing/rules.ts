/**
 * Known engine deviations from the parsing model, one rule per root cause (not per variant): how
 * the engine reads the bytes instead, with a reason and a link to an existing bug or to a draft
 * report kept in docs/bugs/. Each variant's recorded deviation is computed from the rules (the
 * case's own model, run over the header list as the engine reads it), so a rule that stops
 * matching an engine shows up as fixed-deviation, and one that over-reaches as fail.
 */
import { receiveFields, trimOws, type DeclaredLine, type HeaderList } from '../../harness/model/parsing/http-fields.ts';
import { get } from '../../harness/model/parsing/header-list.ts';
import { getStructuredItem } from '../../harness/model/parsing/policies.ts';
import { originUrl } from '../../protocol/origins.ts';
import { areaOf, type EngineRule } from './build.ts';

/**
 * A draft bug report kept in this repository, where no public tracker entry was found: `repo:` +
 * the file's path (the schema wants a URL; the project has no public address to point at).
 */
const draft = (file: string) => `repo:docs/bugs/${file}`;

const XFO = areaOf('X-Frame-Options');
const MAX_AGE = areaOf('Access-Control-Max-Age');
const OAC = areaOf('Origin-Agent-Cluster');
const TAO = areaOf('Timing-Allow-Origin');
const COEP = areaOf('Cross-Origin-Embedder-Policy');
const COOP = areaOf('Cross-Origin-Opener-Policy');
const WPT_XFO = 'https://wpt.fyi/results/x-frame-options/get-decode-split.html';

/** Replaces the value of every line named `name` (byte-case-insensitively). */
const mapValues = (headers: HeaderList, name: string, f: (v: string) => string): HeaderList =>
  headers.map(([n, v]) => [n, n.toLowerCase() === name.toLowerCase() ? f(v) : v]);

/** A parser that ends a field line at a bare CR: the value stops there; the rest is a line of its own (ignored unless it is one). */
function crEndsLine(lines: DeclaredLine[]) {
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
const xfoTrimmedOfAsciiWhitespace = (h: HeaderList) =>
  mapValues(h, 'X-Frame-Options', (v) =>
    v
      .split(',')
      .map((e) => e.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, ''))
      .join(','),
  );

/** The TAO check over values split at every comma (quotes not honoured). */
const taoSplitAtEveryComma: EngineRule['decide'] = (_v, received) => {
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
function emptyLinesDropped(lines: DeclaredLine[]) {
  const r = receiveFields(lines);
  if (!r.ok) return undefined;
  const filled = new Set(r.headers.filter(([, v]) => v !== '').map(([n]) => n.toLowerCase()));
  return { ok: true as const, headers: r.headers.filter(([n, v]) => v !== '' || !filled.has(n.toLowerCase())) };
}

/** The max-age a parser that takes only digits sees: absent/empty → the default, digits → them, anything else → 0 (not cached). */
function digitsOnlyMaxAge(h: HeaderList): HeaderList {
  const value = get(h, 'Access-Control-Max-Age');
  const others = h.filter(([n]) => n.toLowerCase() !== 'access-control-max-age');
  if (value === null || value === '') return others;
  return [...others, ['Access-Control-Max-Age', /^[0-9]+$/.test(value) ? value : '0']];
}

export const RULES: EngineRule[] = [
  {
    engine: 'chromium',
    slug: 'xfo-trims-vt-ff',
    areas: [XFO],
    reason:
      'Chromium trims every ASCII whitespace byte (HT, LF, VT, FF, CR, SP) around each X-Frame-Options value (network::ParseXFrameOptions uses base::TrimWhitespaceASCII), so `\\x0bDENY` denies; HTML takes the values from "get, decode, and split", which strips only HTTP tab or space, leaving a lone invalid value that is ignored (wpt x-frame-options/get-decode-split.html)',
    link: WPT_XFO,
    headers: xfoTrimmedOfAsciiWhitespace,
  },
  {
    engine: 'chromium',
    slug: 'max-age-negative',
    areas: [MAX_AGE],
    reason:
      'Chromium parses Access-Control-Max-Age as a signed integer, so `-1` is read as a (non-positive) max-age and the preflight is not cached; delta-seconds is 1*DIGIT, so `-1` is a parse failure and Fetch uses the default of 5 seconds (#cors-preflight-fetch-0 step 7.9)',
    link: draft('chromium-max-age-negative.md'),
    headers: (h) => mapValues(h, 'Access-Control-Max-Age', (v) => (/^-[0-9]+$/.test(v) ? '0' : v)),
  },
  {
    engine: 'chromium',
    slug: 'oac-origin-keyed-default',
    areas: [OAC],
    reason:
      'Chromium keys agent clusters by origin unless a document sends `Origin-Agent-Cluster: ?0` (whatwg/html#7617, origin-keyed by default, shipped in Chrome); the published HTML standard keys by site unless the header is the boolean true',
    link: 'https://github.com/whatwg/html/pull/7617',
    decide: (_v, received) => {
      if (!received.ok) return undefined;
      const item = getStructuredItem(received.headers, 'Origin-Agent-Cluster');
      const optOut = !!item && item[0].type === 'boolean' && item[0].value === false;
      return { blocked: false, observation: { originAgentCluster: !optOut }, why: `origin-keyed unless ?0${optOut ? ' (?0 sent)' : ''}` };
    },
  },
  {
    engine: 'chromium',
    slug: 'bare-cr-ends-line',
    areas: ['*'],
    reason:
      'Chromium ends a header line at a bare CR: the bytes before it are the whole value (and the bytes after it a line of their own); RFC 9112 §2.2 lets a recipient treat a bare CR as invalid or replace it with SP, never as a line terminator',
    link: draft('chromium-bare-cr-ends-line.md'),
    fields: crEndsLine,
  },
  {
    engine: 'firefox',
    slug: 'empty-lines-dropped',
    // Observed on these; Access-Control-Allow-Origin and X-Frame-Options are read line by line
    // (their empty lines count, as the standard's combined value makes them).
    areas: [
      'parsing/field-value',
      areaOf('Access-Control-Allow-Credentials'),
      MAX_AGE,
      areaOf('Cross-Origin-Resource-Policy'),
      areaOf('Cross-Origin-Embedder-Policy'),
      areaOf('Cross-Origin-Opener-Policy'),
    ],
    reason:
      'Firefox leaves out header lines with an empty value when it combines the lines of one name, so `X: a` then `X:` reads as "a" (and `X:` then `X: a` too) in Headers.get() and in its Access-Control-Allow-Credentials, Cross-Origin-Resource-Policy, -Embedder-Policy and -Opener-Policy checks; Fetch\'s "get" joins every value with ", ", empty ones included ("a, "), and each header\'s parser sees that combined value (wpt fetch/api/basic/header-value-combining.any.js, "headers-some-are-empty")',
    link: 'https://bugzilla.mozilla.org/show_bug.cgi?id=1499356',
    fields: emptyLinesDropped,
  },
  {
    engine: 'firefox',
    slug: 'max-age-invalid-not-cached',
    areas: [MAX_AGE],
    reason:
      'Firefox caches a preflight only when Access-Control-Max-Age is absent or empty (5 s) or all digits; any other value (`-1`, `+600`, `6e2`, an inner space or control byte, `600, 600` from two lines) leaves the preflight uncached; Fetch extracts the header as delta-seconds and on failure uses the default max-age of 5 s, so the repeat is served from the preflight cache (#cors-preflight-fetch-0 step 7.9)',
    link: draft('firefox-max-age-invalid-not-cached.md'),
    headers: digitsOnlyMaxAge,
  },
  {
    engine: 'firefox',
    slug: 'tao-split-ignores-quotes',
    areas: [TAO],
    reason:
      'Firefox splits Timing-Allow-Origin at every comma, so `"https://x.test, https://site.test` (an unclosed quote) still lists https://site.test; the TAO check takes the values from "get, decode, and split", where a quote starts a quoted string that runs to the closing quote or the end, so the whole value is one entry that matches nothing',
    link: draft('firefox-tao-split-ignores-quotes.md'),
    decide: taoSplitAtEveryComma,
  },
  {
    engine: 'webkit',
    slug: 'header-bytes-utf8-replaced',
    areas: ['*'],
    reason:
      'WebKitGTK replaces every header-value byte that is not part of valid UTF-8 (Latin-1 é, NBSP, NEL as single bytes) with the three bytes of U+FFFD before WebKit reads the value, so Headers.get() returns "ï¿½" for each such byte; a header value is a byte sequence (Fetch #header-value) and get() isomorphically decodes it, "é" for the byte 0xE9 (WebKitGTK\'s network layer, libsoup, is not Safari\'s)',
    link: draft('webkit-header-bytes-utf8-replaced.md'),
    fields: (lines) => receiveFields(lines.map(([n, v]) => [n, utf8Replaced(v)])),
  },
  {
    engine: 'webkit',
    slug: 'max-age-trimmed-signed',
    areas: [MAX_AGE],
    reason:
      'WebKit trims every ASCII whitespace byte (VT and FF too) around Access-Control-Max-Age and reads a signed integer, so `-1`, and `0` wrapped in VT or FF, are a non-positive max-age and the preflight is not cached; delta-seconds is 1*DIGIT with only OWS around it, so those values fail to parse and Fetch uses the default of 5 seconds (#cors-preflight-fetch-0 step 7.9)',
    link: draft('webkit-max-age-trimmed-signed.md'),
    headers: (h) =>
      mapValues(h, 'Access-Control-Max-Age', (v) => {
        const t = v.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, '');
        return /^[+-]?[0-9]+$/.test(t) && Number(t) <= 0 ? '0' : v;
      }),
  },
  {
    engine: 'webkit',
    slug: 'xfo-trims-vt-ff',
    areas: [XFO],
    reason:
      'WebKit trims every ASCII whitespace byte (HT, LF, VT, FF, CR, SP) around each X-Frame-Options value, so `\\x0bDENY` denies; HTML takes the values from "get, decode, and split", which strips only HTTP tab or space, leaving a lone invalid value that is ignored (wpt x-frame-options/get-decode-split.html)',
    link: WPT_XFO,
    headers: xfoTrimmedOfAsciiWhitespace,
  },
  {
    engine: 'webkit',
    slug: 'tao-split-ignores-quotes',
    areas: [TAO],
    reason:
      'WebKit splits Timing-Allow-Origin at every comma, so `"https://x.test, https://site.test` (an unclosed quote) still lists https://site.test; "get, decode, and split" makes the quoted rest of the value one entry that matches nothing',
    link: draft('webkit-tao-split-ignores-quotes.md'),
    decide: taoSplitAtEveryComma,
  },
  {
    engine: 'webkit',
    slug: 'coep-credentialless-unsupported',
    areas: [COEP],
    reason:
      'WebKitGTK 2.50 does not implement COEP credentialless: the value is treated as unsafe-none, so a credentialless document is refused as a frame of a require-corp page, where HTML allows it (credentialless is compatible with cross-origin isolation)',
    link: 'https://bugs.webkit.org/show_bug.cgi?id=230550',
    headers: (h) => {
      const item = getStructuredItem(h, 'Cross-Origin-Embedder-Policy');
      if (!item || item[0].type !== 'token' || item[0].value !== 'credentialless') return h;
      return [...h.filter(([n]) => n.toLowerCase() !== 'cross-origin-embedder-policy'), ['Cross-Origin-Embedder-Policy', 'unsafe-none']];
    },
  },
  {
    engine: 'webkit',
    slug: 'structured-fields-partial',
    areas: [COEP, COOP],
    reason:
      "WebKit's structured-field parser for these headers takes strings, tokens and booleans only, so `require-corp;a=1` (an integer parameter) is not a policy and falls back to unsafe-none; RFC 9651 §4.2 parses integers, decimals and byte sequences as bare items, and HTML reads the token whatever the parameters",
    link: draft('webkit-structured-fields-partial.md'),
    headers: (h) => onlyStringTokenBoolean(onlyStringTokenBoolean(h, 'Cross-Origin-Embedder-Policy'), 'Cross-Origin-Opener-Policy'),
  },
  {
    engine: 'webkit',
    slug: 'oac-unsupported',
    areas: [OAC],
    reason: 'WebKit does not implement Origin-Agent-Cluster: the header is ignored, agent clusters stay site-keyed and window.originAgentCluster is false',
    link: 'https://bugs.webkit.org/show_bug.cgi?id=287848',
    decide: (_v, received) =>
      received.ok ? { blocked: false, observation: { originAgentCluster: false }, why: 'the header is ignored (site-keyed)' } : undefined,
  },
];
