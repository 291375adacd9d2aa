/**
 * Known engine deviations from the parsing model, one rule per root cause (not per variant): how
 * the engine reads the bytes instead, with a reason and a link to an existing bug or to a draft
 * report kept in docs/bugs/. Each variant's recorded deviation is computed from the rules (the
 * case's own model, run over the header list as the engine reads it), so a rule that stops
 * matching an engine shows up as fixed-deviation, and one that over-reaches as fail.
 */
import { receiveFields, type DeclaredLine, type HeaderList } from '../../harness/parsing/http-fields.ts';
import { getStructuredItem } from '../../harness/parsing/policies.ts';
import { areaOf, type EngineRule } from './build.ts';

/**
 * A draft bug report kept in this repository, where no public tracker entry was found: `repo:` +
 * the file's path (the schema wants a URL; the project has no public address to point at).
 */
const draft = (file: string) => `repo:docs/bugs/${file}`;

const XFO = areaOf('X-Frame-Options');
const MAX_AGE = areaOf('Access-Control-Max-Age');
const OAC = areaOf('Origin-Agent-Cluster');

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

export const RULES: EngineRule[] = [
  {
    engine: 'chromium',
    slug: 'xfo-trims-vt-ff',
    areas: [XFO],
    reason:
      'Chromium trims every ASCII whitespace byte (HT, LF, VT, FF, CR, SP) around each X-Frame-Options value (network::ParseXFrameOptions uses base::TrimWhitespaceASCII), so `\\x0bDENY` denies; HTML takes the values from "get, decode, and split", which strips only HTTP tab or space, leaving a lone invalid value that is ignored (wpt x-frame-options/get-decode-split.html)',
    link: 'https://wpt.fyi/results/x-frame-options/get-decode-split.html',
    headers: (h) =>
      mapValues(h, 'X-Frame-Options', (v) =>
        v
          .split(',')
          .map((e) => e.replace(/^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g, ''))
          .join(','),
      ),
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
];
