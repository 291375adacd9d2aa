/**
 * Unit tests of the parsing model (harness/model/parsing). Each test names the algorithm step it checks;
 * examples marked "spec example" are the standards' own example tables. No browser.
 */
import { test, expect } from '@playwright/test';
import { FIELD_READINGS, receiveFields, trimOws, unfold, type HeaderList } from '../../harness/model/parsing/http-fields.ts';
import {
  collectHttpQuotedString,
  extractHeaderListValues,
  get,
  getDecodeSplit,
  getDecodeSplitValue,
  normalizeHeaderValue,
} from '../../harness/model/parsing/header-list.ts';
import { explainStructuredField, parseStructuredField } from '../../harness/model/parsing/structured-fields.ts';
import { corsCheck, exposedByCors, preflight, readableHeader } from '../../harness/model/parsing/cors.ts';
import {
  coepAllowsFrame,
  corpCheck,
  embedderPolicy,
  openerPolicy,
  popupKeepsOpener,
  requestsOriginAgentCluster,
  taoCheck,
  xfoAllowsFrame,
  type OriginParts,
} from '../../harness/model/parsing/policies.ts';

const ok = (h: HeaderList) => h;
const site: OriginParts = { scheme: 'https', host: 'site.test', port: 443, site: 'site.test' };
const sub: OriginParts = { scheme: 'https', host: 'sub.site.test', port: 443, site: 'site.test' };
const other: OriginParts = { scheme: 'https', host: 'other.test', port: 443, site: 'other.test' };
const httpSub: OriginParts = { scheme: 'http', host: 'sub.site.test', port: 80, site: 'site.test' };

test.describe('HTTP field lines (RFC 9112 §5, §5.2; RFC 9110 §5.5)', () => {
  test('§5: OWS (SP, HTAB) around a value is not part of it; VT, FF, NBSP and CTLs are', () => {
    expect(trimOws(' \t a b \t ')).toBe('a b');
    for (const b of ['\x0b', '\x0c', '\xa0', '\x01', '\x7f']) expect(trimOws(`${b}x${b}`)).toBe(`${b}x${b}`);
    const r = receiveFields([['A', '\t\x0b*\t']]);
    expect(r).toEqual({ ok: true, headers: [['A', '\x0b*']] });
  });

  test('§5.2: each obs-fold becomes one or more SP before the value is interpreted; the count is a reading', () => {
    expect(unfold('a\r\n b')).toBe('a b');
    expect(unfold('a \t\r\n\t\tb')).toBe('a b');
    expect(unfold('a \t\r\n\t\tb', 'rws')).toBe('a  b');
    expect(unfold('a \t\r\n\t\tb', 'whole')).toBe('a     b');
    expect(receiveFields([['A', '\r\n *']])).toEqual({ ok: true, headers: [['A', '*']] });
    // Around a value the count cannot matter (OWS is trimmed); inside one it can, so such a variant is ambiguous.
    const around = new Set(FIELD_READINGS.map((r) => JSON.stringify(receiveFields([['A', '\r\n  * \r\n ']], r))));
    expect(around.size).toBe(1);
    const inside = new Set(FIELD_READINGS.map((r) => JSON.stringify(receiveFields([['A', 'x\r\n  y']], r))));
    expect(inside).toEqual(
      new Set([
        JSON.stringify({ ok: true, headers: [['A', 'x y']] }),
        JSON.stringify({ ok: true, headers: [['A', 'x  y']] }),
        JSON.stringify({ ok: true, headers: [['A', 'x   y']] }),
      ]),
    );
  });

  test('RFC 9110 §5.5: NUL → reject or SP; every reading is enumerated and they differ', () => {
    expect(FIELD_READINGS).toHaveLength(36);
    const outcomes = new Set(FIELD_READINGS.map((r) => JSON.stringify(receiveFields([['A', 'x\x00']], r))));
    expect(outcomes.size).toBeGreaterThan(1);
    expect(receiveFields([['A', 'a\x00b']], { nul: 'reject', bareCr: 'reject', fold: 'one-sp' }).ok).toBe(false);
    expect(receiveFields([['A', 'a\x00b']], { nul: 'replace-then-trim', bareCr: 'reject', fold: 'one-sp' })).toEqual({ ok: true, headers: [['A', 'a b']] });
  });

  test('RFC 9112 §2.2: a bare CR may drop the line', () => {
    expect(
      receiveFields(
        [
          ['A', 'a\rb'],
          ['B', 'c'],
        ],
        { nul: 'reject', bareCr: 'drop-line', fold: 'one-sp' },
      ),
    ).toEqual({ ok: true, headers: [['B', 'c']] });
  });

  test('lines keep their order, repeats and name casing', () => {
    expect(
      receiveFields([
        ['a', '1'],
        ['B', '2'],
        ['A', '3'],
      ]),
    ).toEqual({
      ok: true,
      headers: [
        ['a', '1'],
        ['B', '2'],
        ['A', '3'],
      ],
    });
  });
});

test.describe('Fetch header-list algorithms', () => {
  test('#concept-header-value-normalize: strips HTTP whitespace bytes (HT LF CR SP) only', () => {
    expect(normalizeHeaderValue('\r\n\t a \x0b\t\n')).toBe('a \x0b');
  });

  test('#concept-header-list-get step 2: values of every matching name, joined by 0x2C 0x20, in order', () => {
    expect(
      get(
        ok([
          ['A', '1'],
          ['b', 'x'],
          ['a', '2'],
        ]),
        'a',
      ),
    ).toBe('1, 2');
    expect(get(ok([['b', 'x']]), 'a')).toBeNull();
    expect(get(ok([['A', '']]), 'a')).toBe('');
  });

  test('#collect-an-http-quoted-string: spec example table', () => {
    expect(collectHttpQuotedString('"\\', 0)).toEqual({ text: '"\\', position: 2 });
    expect(collectHttpQuotedString('"Hello" World', 0)).toEqual({ text: '"Hello"', position: 7 });
    expect(collectHttpQuotedString('"Hello \\\\ World\\""', 0)).toEqual({ text: '"Hello \\\\ World\\""', position: 18 });
  });

  test('#concept-header-list-get-decode-split: spec example table', () => {
    expect(getDecodeSplit(ok([['A', 'nosniff,']]), 'A')).toEqual(['nosniff', '']);
    expect(
      getDecodeSplit(
        ok([
          ['A', 'nosniff'],
          ['B', 'sniff'],
          ['A', ''],
        ]),
        'A',
      ),
    ).toEqual(['nosniff', '']);
    expect(
      getDecodeSplit(
        ok([
          ['A', ''],
          ['B', 'sniff'],
        ]),
        'A',
      ),
    ).toEqual(['']);
    expect(getDecodeSplit(ok([['B', 'sniff']]), 'A')).toBeNull();
    expect(getDecodeSplit(ok([['A', 'text/html;", x/x']]), 'A')).toEqual(['text/html;", x/x']);
    expect(
      getDecodeSplit(
        ok([
          ['A', 'text/html;"'],
          ['A', 'x/x'],
        ]),
        'A',
      ),
    ).toEqual(['text/html;", x/x']);
    expect(getDecodeSplit(ok([['A', 'x/x;test="hi",y/y']]), 'A')).toEqual(['x/x;test="hi"', 'y/y']);
    expect(getDecodeSplit(ok([['A', 'x / x,,,1']]), 'A')).toEqual(['x / x', '', '', '1']);
    expect(
      getDecodeSplit(
        ok([
          ['A', 'x / x'],
          ['A', ','],
          ['A', '1'],
        ]),
        'A',
      ),
    ).toEqual(['x / x', '', '', '1']);
    expect(getDecodeSplit(ok([['A', '"1,2", 3']]), 'A')).toEqual(['"1,2"', '3']);
  });

  test('get, decode, and split step 5.3 removes only HTTP tab or space', () => {
    expect(getDecodeSplitValue('\x0bDENY ,\tx')).toEqual(['\x0bDENY', 'x']);
  });

  test('#extract-header-list-values: #rule lists accept empty elements; a non-token element fails the whole header', () => {
    expect(extractHeaderListValues(ok([['M', ' , PUT,,GET , ']]), 'm', '#method')).toEqual(['PUT', 'GET']);
    expect(
      extractHeaderListValues(
        ok([
          ['M', 'PUT'],
          ['M', 'DELETE'],
        ]),
        'M',
        '#method',
      ),
    ).toEqual(['PUT', 'DELETE']);
    expect(extractHeaderListValues(ok([['M', 'PUT, DE LETE']]), 'M', '#method')).toBe('failure');
    expect(extractHeaderListValues(ok([['M', 'PUT\x0b']]), 'M', '#method')).toBe('failure');
    expect(extractHeaderListValues(ok([['M', '"PUT"']]), 'M', '#method')).toBe('failure');
    expect(extractHeaderListValues(ok([['M', '']]), 'M', '#method')).toEqual([]);
    expect(extractHeaderListValues(ok([]), 'M', '#method')).toBeNull();
  });

  test('#extract-header-list-values step 2: a single-header ABNF (delta-seconds) with two lines is failure', () => {
    expect(extractHeaderListValues(ok([['Access-Control-Max-Age', '600']]), 'access-control-max-age', 'delta-seconds')).toEqual(['600']);
    expect(
      extractHeaderListValues(
        ok([
          ['Access-Control-Max-Age', '600'],
          ['Access-Control-Max-Age', '600'],
        ]),
        'Access-Control-Max-Age',
        'delta-seconds',
      ),
    ).toBe('failure');
    for (const bad of ['-1', '+600', '6e2', '600.5', '0x258', '600, 600', ''])
      expect(extractHeaderListValues(ok([['X', bad]]), 'X', 'delta-seconds'), bad).toBe('failure');
  });
});

test.describe('Structured fields (RFC 9651 §4.2)', () => {
  const item = (s: string) => parseStructuredField(s, 'item');

  test('§4.2.6 tokens; §4.2.3.2 parameters; §4.2 steps 2 and 4 discard SP (not HTAB) at the ends', () => {
    expect(item('require-corp')).toEqual([{ type: 'token', value: 'require-corp' }, []]);
    expect(item('  require-corp ')).not.toBeNull();
    expect(item('\trequire-corp')).toBeNull();
    expect(item('require-corp;report-to="e"')).toEqual([{ type: 'token', value: 'require-corp' }, [['report-to', { type: 'string', value: 'e' }]]]);
    expect(item('require-corp; a')).toEqual([{ type: 'token', value: 'require-corp' }, [['a', { type: 'boolean', value: true }]]]);
    expect(item('require-corp ;a')).toBeNull();
    expect(item('require-corp;A=1')).toBeNull();
    expect(item('a:b/c')).toEqual([{ type: 'token', value: 'a:b/c' }, []]);
  });

  test('§4.2 step 5: anything left over fails an item (a comma-joined repeat, a second token)', () => {
    expect(explainStructuredField('require-corp, require-corp', 'item')).toMatchObject({ ok: false, step: expect.stringContaining('step 5') });
    expect(item('same-origin x')).toBeNull();
    expect(item('')).toBeNull();
  });

  test('§4.2 step 1: non-ASCII input fails', () => {
    expect(item('?1\xa0')).toBeNull();
  });

  test('§4.2.8 booleans, §4.2.4 numbers, §4.2.5 strings, §4.2.9 dates, §4.2.10 display strings', () => {
    expect(item('?1')![0]).toEqual({ type: 'boolean', value: true });
    expect(item('?0')![0]).toEqual({ type: 'boolean', value: false });
    expect(item('?2')).toBeNull();
    expect(item('-42')![0]).toEqual({ type: 'integer', value: -42 });
    expect(item('1234567890123456')).toBeNull();
    expect(item('1.234')![0]).toEqual({ type: 'decimal', value: 1.234 });
    expect(item('1.2345')).toBeNull();
    expect(item('1.')).toBeNull();
    expect(item('"a\\"b"')![0]).toEqual({ type: 'string', value: 'a"b' });
    expect(item('"a\\b"')).toBeNull();
    expect(item('@1659578233')![0]).toEqual({ type: 'date', value: 1659578233 });
    expect(item('%"f%c3%bc"')![0]).toEqual({ type: 'display-string', value: 'fü' });
    expect(item('%"f%C3%BC"')).toBeNull();
  });

  test('§4.2.1 lists and §4.2.2 dictionaries: OWS around commas, no trailing comma', () => {
    expect(parseStructuredField('a, (b c);x, ?1', 'list')).toHaveLength(3);
    expect(parseStructuredField('a,', 'list')).toBeNull();
    expect(parseStructuredField('a=1, b, c=(x y)', 'dictionary')).toHaveLength(3);
    expect(parseStructuredField('a=1,\tb=2', 'dictionary')).toHaveLength(2);
  });
});

test.describe('CORS (Fetch #cors-check, #cors-preflight-fetch-0, #main-fetch)', () => {
  const req = { origin: 'https://site.test', credentials: 'omit' as const };

  test('#cors-check steps 2–8', () => {
    expect(corsCheck([], req).ok).toBe(false);
    expect(corsCheck([['Access-Control-Allow-Origin', '*']], req).ok).toBe(true);
    expect(corsCheck([['Access-Control-Allow-Origin', '*']], { ...req, credentials: 'include' }).ok).toBe(false);
    expect(corsCheck([['Access-Control-Allow-Origin', 'https://site.test/']], req).ok).toBe(false);
    expect(
      corsCheck(
        [
          ['Access-Control-Allow-Origin', 'https://site.test'],
          ['Access-Control-Allow-Origin', 'https://site.test'],
        ],
        req,
      ).ok,
    ).toBe(false);
    const cred = { ...req, credentials: 'include' as const };
    expect(
      corsCheck(
        [
          ['Access-Control-Allow-Origin', 'https://site.test'],
          ['Access-Control-Allow-Credentials', 'true'],
        ],
        cred,
      ).ok,
    ).toBe(true);
    expect(
      corsCheck(
        [
          ['Access-Control-Allow-Origin', 'https://site.test'],
          ['Access-Control-Allow-Credentials', 'True'],
        ],
        cred,
      ).ok,
    ).toBe(false);
  });

  test('#cors-preflight-fetch-0 step 7: method and header lists, `*`, failure, max-age', () => {
    const put = { ...req, method: 'PUT', unsafeHeaderNames: [] };
    const acao: HeaderList = [['Access-Control-Allow-Origin', 'https://site.test']];
    expect(preflight([...acao, ['Access-Control-Allow-Methods', 'GET, PUT']], 204, put)).toMatchObject({ ok: true, maxAge: 5 });
    expect(preflight([...acao, ['Access-Control-Allow-Methods', 'put']], 204, put).ok).toBe(false);
    expect(preflight([...acao, ['Access-Control-Allow-Methods', '*']], 204, put).ok).toBe(true);
    expect(preflight([...acao, ['Access-Control-Allow-Methods', 'PUT, BAD METHOD']], 204, put).step).toContain('7.3');
    expect(preflight([...acao, ['Access-Control-Allow-Methods', 'PUT']], 500, put).ok).toBe(false);
    expect(preflight([...acao, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '0']], 204, put).maxAge).toBe(0);
    expect(preflight([...acao, ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Max-Age', '-1']], 204, put).maxAge).toBe(5);
    const custom = { ...req, method: 'GET', unsafeHeaderNames: ['x-op-token'] };
    expect(preflight([...acao, ['Access-Control-Allow-Headers', 'x-OP-token']], 204, custom).ok).toBe(true);
    const credentialed: HeaderList = [...acao, ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Headers', '*']];
    expect(preflight(credentialed, 204, { ...custom, credentials: 'include' }).step).toContain('7.7');
    expect(preflight([...acao, ['Access-Control-Allow-Headers', '*']], 204, { ...custom, authorization: true }).step).toContain('7.6');
  });

  test('#main-fetch: CORS-exposed header-name list; `*` only without credentials; safelisted names always', () => {
    const h: HeaderList = [
      ['Access-Control-Expose-Headers', 'x-op-a, *'],
      ['X-Op-A', 'a'],
      ['X-Op-B', 'b'],
      ['Content-Type', 'text/plain'],
    ];
    expect(readableHeader(h, 'omit', 'X-Op-B')).toBe('b');
    expect(readableHeader(h, 'include', 'X-Op-B')).toBeNull();
    expect(readableHeader(h, 'include', 'X-Op-A')).toBe('a');
    expect(exposedByCors([['Access-Control-Expose-Headers', 'X-Op-A, Bad Name']], 'omit')('x-op-a')).toBe(false);
    expect(exposedByCors([], 'omit')('content-type')).toBe(true);
    expect(exposedByCors([['Access-Control-Expose-Headers', '*']], 'omit')('set-cookie')).toBe(false);
  });
});

test.describe('CORP, TAO, COEP, COOP, Origin-Agent-Cluster, X-Frame-Options', () => {
  test('#cross-origin-resource-policy-internal-check: byte-exact, combined values match nothing (spec note)', () => {
    expect(corpCheck([['Cross-Origin-Resource-Policy', 'same-origin']], site, other).allowed).toBe(false);
    expect(corpCheck([['Cross-Origin-Resource-Policy', 'same-site']], site, sub).allowed).toBe(true);
    expect(corpCheck([['Cross-Origin-Resource-Policy', 'same-site']], site, other).allowed).toBe(false);
    expect(corpCheck([['Cross-Origin-Resource-Policy', 'same-site, same-origin']], site, other).allowed).toBe(true);
    expect(corpCheck([['Cross-Origin-Resource-Policy', 'Same-Origin']], site, other).allowed).toBe(true);
    expect(corpCheck([['Cross-Origin-Resource-Policy', 'same-site']], { ...httpSub }, sub).allowed).toBe(false);
  });

  test('#concept-tao-check steps 3–8: get, decode, and split; "*" or the serialized origin', () => {
    expect(taoCheck([['Timing-Allow-Origin', 'https://x.test, *']], 'https://site.test', 'cors').allowed).toBe(true);
    expect(taoCheck([['Timing-Allow-Origin', 'https://site.test']], 'https://site.test', 'cors').allowed).toBe(true);
    expect(taoCheck([['Timing-Allow-Origin', '"*"']], 'https://site.test', 'cors').allowed).toBe(false);
    expect(taoCheck([], 'https://site.test', 'basic').allowed).toBe(true);
  });

  test('obtain an embedder policy: the HTML standard\'s "fails open" table', () => {
    const coep = (v?: string) => embedderPolicy(v === undefined ? [] : [['Cross-Origin-Embedder-Policy', v]]);
    expect(coep()).toBe('unsafe-none');
    expect(coep('require-corp')).toBe('require-corp');
    expect(coep('unknown-value')).toBe('unsafe-none');
    expect(coep('require-corp, unknown-value')).toBe('unsafe-none');
    expect(coep('unknown-value, unknown-value')).toBe('unsafe-none');
    expect(coep('unknown-value, require-corp')).toBe('unsafe-none');
    expect(coep('require-corp, require-corp')).toBe('unsafe-none');
    expect(
      embedderPolicy([
        ['Cross-Origin-Embedder-Policy', 'require-corp'],
        ['Cross-Origin-Embedder-Policy', 'require-corp'],
      ]),
    ).toBe('unsafe-none');
    expect(coep('"require-corp"')).toBe('unsafe-none');
    expect(coep('credentialless;report-to="e"')).toBe('credentialless');
    expect(coepAllowsFrame('require-corp', [['Cross-Origin-Embedder-Policy', 'unsafe-none']]).allowed).toBe(false);
    expect(coepAllowsFrame('unsafe-none', []).allowed).toBe(true);
  });

  test('obtain a cross-origin opener policy + check if COOP values require a browsing context group switch', () => {
    expect(openerPolicy([['Cross-Origin-Opener-Policy', 'same-origin-allow-popups']])).toBe('same-origin-allow-popups');
    expect(openerPolicy([['Cross-Origin-Opener-Policy', 'SAME-ORIGIN']])).toBe('unsafe-none');
    expect(popupKeepsOpener([['Cross-Origin-Opener-Policy', 'same-origin; report-to="e"']]).allowed).toBe(false);
    expect(popupKeepsOpener([['Cross-Origin-Opener-Policy', 'same-origin, same-origin']]).allowed).toBe(true);
  });

  test('requestsOAC: the boolean true item, nothing else', () => {
    const oac = (v: string) => requestsOriginAgentCluster([['Origin-Agent-Cluster', v]]);
    expect(oac('?1')).toBe(true);
    expect(oac('?1;a')).toBe(true);
    expect(oac('?0')).toBe(false);
    expect(oac('true')).toBe(false);
    expect(oac('1')).toBe(false);
    expect(oac('?1, ?1')).toBe(false);
  });

  test("check a navigation response's adherence to X-Frame-Options: steps 3–10 (wpt's get-decode-split cases)", () => {
    const xfo = (v: string, same = true) => xfoAllowsFrame([['X-Frame-Options', v]], same).allowed;
    expect(xfo(',SAMEORIGIN,,DENY,')).toBe(false);
    expect(xfo(' SAMEORIGIN, DENY')).toBe(false);
    expect(xfo('\x0bDENY')).toBe(true);
    expect(xfo('\x0cDENY')).toBe(true);
    expect(xfo('deny')).toBe(false);
    expect(xfo('SAMEORIGIN')).toBe(true);
    expect(xfo('SAMEORIGIN', false)).toBe(false);
    expect(xfo('sameorigin, SAMEORIGIN', false)).toBe(false);
    expect(xfo('ALLOWALL')).toBe(true);
    expect(xfo('ALLOWALL, foo')).toBe(false);
    expect(xfo('foo, bar')).toBe(true);
    expect(xfo('')).toBe(true);
    expect(
      xfoAllowsFrame(
        [
          ['X-Frame-Options', 'DENY'],
          ['X-Frame-Options', 'DENY'],
        ],
        true,
      ).allowed,
    ).toBe(false);
  });
});

test.describe('the parsing catalog (scenarios/parsing)', () => {
  test('at least 10,000 variants per engine, all valid, in parsing/<header> areas, ids apart from the default catalog', async () => {
    const { loadParsingCatalog } = await import('../../scenarios/parsing/index.ts');
    const { loadCatalog } = await import('../../scenarios/index.ts');
    const parsing = loadParsingCatalog();
    expect(parsing.length).toBeGreaterThanOrEqual(10_000);
    expect(parsing.every((s) => s.area.startsWith('parsing/'))).toBe(true);
    const main = new Set(loadCatalog().map((s) => s.id));
    expect(parsing.filter((s) => main.has(s.id))).toEqual([]);
    expect(
      loadCatalog().some((s) => s.area.startsWith('parsing/')),
      'the default catalog leaves parsing out',
    ).toBe(false);
    // Every blocked expectation has a control (the schema enforces it; counted here for the report).
    expect(parsing.filter((s) => s.expect.blocked && !s.control)).toEqual([]);
  });

  test('a variant whose outcome depends on how a NUL is handled is left out; one that does not is kept', async () => {
    const { buildParsingScenarios } = await import('../../scenarios/parsing/index.ts');
    const { scenarios, stats } = buildParsingScenarios([]);
    const ids = new Set(scenarios.map((s) => s.id));
    // "*" + NUL: rejected → fails; NUL → SP then trimmed → "*" passes. The RFCs allow both.
    expect(stats.ambiguous.map((a) => a.id)).toContain('parsing.acao.omit.star.trail-x00');
    expect(ids.has('parsing.acao.omit.star.trail-x00')).toBe(false);
    // NUL inside the origin fails the CORS check under every reading.
    expect(ids.has('parsing.acao.omit.exact.inner-x00')).toBe(true);
  });

  test('visits: one area each, bounded size, Origin-Agent-Cluster frames on five distinct origins per visit', async () => {
    const { loadParsingCatalog, planParsingVisits } = await import('../../scenarios/parsing/index.ts');
    const visits = planParsingVisits(loadParsingCatalog());
    expect(new Set(visits.map((v) => v.key)).size).toBe(visits.length);
    for (const v of visits) {
      expect(new Set(v.scenarios.map((s) => s.area)).size).toBe(1);
      expect(v.scenarios.length).toBeLessThanOrEqual(200);
      if (v.scenarios[0].area === 'parsing/origin-agent-cluster') {
        const origins = v.scenarios.map((s) => s.probe.context?.[0]?.at);
        expect(new Set(origins).size).toBe(origins.length);
      }
    }
  });

  test('the parsing area is included only when the run asks: --grep naming parsing, or ORIGINPROOF_PARSING', async () => {
    const { parsingRequested } = await import('../../scenarios/parsing/index.ts');
    const env = (v?: string): NodeJS.ProcessEnv => (v === undefined ? {} : { ORIGINPROOF_PARSING: v });
    const e1 = env();
    expect(parsingRequested(['node', 'playwright', 'test', '--grep', 'parsing/access-control-allow-origin'], e1)).toBe(true);
    expect(e1.ORIGINPROOF_PARSING, 'written back for the workers').toBe('1');
    expect(parsingRequested(['node', 'playwright', 'test', '--grep=parsing/'], env())).toBe(true);
    expect(parsingRequested(['node', 'playwright', 'test', '-g', 'cors/'], env())).toBe(false);
    expect(parsingRequested(['node', 'playwright', 'test'], env())).toBe(false);
    expect(parsingRequested(['node', 'playwright', 'test'], env('1'))).toBe(true);
    expect(parsingRequested(['node', 'playwright', 'test', '--grep', 'parsing/'], env('0'))).toBe(false);
  });
});
