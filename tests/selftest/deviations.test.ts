/**
 * The engine deviation registries (scenarios/deviations/<engine>.ts): every entry names or changes
 * a scenario, and a renamed scenario, a pattern that matches nothing, or a model variant or header
 * reading that changes nothing is reported as stale.
 *
 * Recorded deviations that a broken harness could fake (honest results), judged from
 * observations such a harness produces, on the real catalog scenarios:
 *  - a window-access probe broken to report "blocked" for everything (sop.dd.both-set-default,
 *    whose Chromium deviation records a block);
 *  - a blind request log, and a fixture server that never sets cookies
 *    (sop.cookies.cross-site-*, third-party-frame-none-visible, whose deviations record withheld cookies).
 * None of them may come out known-deviation; the honest observations still do.
 */
import { test, expect } from '@playwright/test';
import { judge, type JudgeInput } from '../../harness/judge/verdict.ts';
import { NOTHING_ARRIVED, type ResponseEvidence } from '../../harness/judge/evidence.ts';
import { validateScenarios, type Scenario, type ScenarioOf } from '../../harness/scenario/scenario.ts';
import { loadCatalog, SCENARIO_FILES } from '../../scenarios/index.ts';
import { loadParsingCatalog } from '../../scenarios/parsing/index.ts';
import { DEVIATIONS, recordedDeviations, staleDeviationEntries, withRecordedDeviations } from '../../scenarios/deviations/index.ts';
import { TEXT } from '../../scenarios/lib.ts';

const byId = (id: string): Scenario => {
  const s = loadCatalog().find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id} in the catalog`);
  return s;
};
const PAGE = { planned: 'https://site.test', actual: 'https://site.test' };
const arrived = (cookies: string[], method = 'GET'): ResponseEvidence => ({
  ...NOTHING_ARRIVED,
  arrived: true,
  count: 1,
  actual: true,
  actualCount: 1,
  methods: [method],
  cookies,
});

const built = () => [...loadCatalog(), ...loadParsingCatalog()];

test('every entry of the engine registries names a scenario or changes one', () => {
  expect(staleDeviationEntries(built())).toEqual([]);
});

test('a renamed scenario, a pattern matching nothing, a variant or reading changing nothing: each is reported stale', () => {
  const all = built();
  const renamed = all.map((s) => (s.id === 'isolation.coi.frame.other-site' ? { ...s, id: 'isolation.coi.frame.renamed' } : s));
  expect(staleDeviationEntries(renamed)).toEqual([
    'firefox: deviation for unknown scenario "isolation.coi.frame.other-site"',
    'webkit: deviation for unknown scenario "isolation.coi.frame.other-site"',
  ]);
  expect(staleDeviationEntries(all.filter((s) => !s.id.endsWith('.noap'))).join('\n')).toContain('firefox: /^isolation\\.coop\\.open');
  // Built without their computed deviations, the CORS and parsing catalogs leave every variant and reading unused.
  const bare = all.map((s) => (s.id.startsWith('cors.') || s.id.startsWith('parsing.') ? { ...s, deviations: undefined } : s));
  const stale = staleDeviationEntries(bare);
  const forms = Object.values(DEVIATIONS).reduce((n, d) => n + d.fetchModel.length + d.parsing.length, 0);
  expect(stale).toHaveLength(forms);
  expect(stale).toContain('firefox: header reading empty-lines-dropped changes no scenario');
  expect(stale.join('\n')).toContain('chromium: Fetch model variant {"noPreflightCacheForOpaqueOrigin":true} changes no scenario');
});

test('two entries of one engine for one scenario, or one by id beside a computed one, stop the load', () => {
  const adding = (engine: 'firefox' | 'webkit', id: string) => ({
    ...DEVIATIONS,
    [engine]: {
      ...DEVIATIONS[engine],
      observed: [...DEVIATIONS[engine].observed, { scenarios: [id], observed: {}, reason: 'recorded on purpose', link: 'https://example.org/' }],
    },
  });
  const twice = adding('webkit', 'isolation.coi.frame.other-site');
  expect(() => recordedDeviations('isolation.coi.frame.other-site', twice)).toThrow(
    /webkit records 2 deviations for scenario "isolation.coi.frame.other-site"/,
  );
  const cors = loadCatalog().find((s) => s.id.startsWith('cors.') && s.deviations?.firefox)!;
  expect(() => withRecordedDeviations([cors], adding('firefox', cors.id))).toThrow(/has a firefox deviation from its model and one recorded by id/);
});

test('a registry entry observing a key the probe never reports stops the load, naming the scenario and the key', () => {
  const file = SCENARIO_FILES.find((f) => f.file === 'scenarios/sop/sandbox.ts')!;
  const s = (file.scenarios as Array<{ id: string }>).find((x) => x.id === 'sop.sandbox.allow-scripts.lax-cookie-withheld')!;
  const misspelled = {
    ...DEVIATIONS,
    chromium: {
      ...DEVIATIONS.chromium,
      observed: [{ scenarios: [s.id], observed: { bodyReadabel: true }, reason: 'a misspelled key, on purpose', link: 'https://example.org/' }],
    },
  };
  expect(() => validateScenarios(file.file, withRecordedDeviations([s], misspelled))).toThrow(
    /scenario "sop\.sandbox\.allow-scripts\.lax-cookie-withheld", field deviations\.chromium\.observed\.bodyReadabel: "bodyReadabel" is never reported \(probe fetch\)/,
  );
});

function verdict(scenario: Scenario, engine: JudgeInput['engine'], run: Omit<JudgeInput, 'scenario' | 'engine' | 'pageOrigin'>): string {
  return judge({ scenario, engine, pageOrigin: PAGE, ...run }).verdict;
}

test('item 9: a window-access probe that reports "blocked" for everything does not confirm a recorded block', () => {
  const s = byId('sop.dd.both-set-default');
  const blockedSteps = { contexts: { f: true }, steps: [{ before: 'site.test' }, { before: 'sub.site.test' }, { allowed: false, error: 'SecurityError' }] };
  // The broken probe: the control (a same-origin frame) is "blocked" too.
  expect(verdict(s, 'chromium', { observed: blockedSteps, evidence: {}, controlObserved: blockedSteps, controlEvidence: {} })).toBe('inconclusive');
  // A working probe: the same record, with the control reaching the same-origin frame.
  const reached = { contexts: { f: true }, steps: [{}, {}, { allowed: true, valueType: 'string' }] };
  expect(verdict(s, 'chromium', { observed: blockedSteps, evidence: {}, controlObserved: reached, controlEvidence: {} })).toBe('known-deviation');
});

const COOKIE_CASES: Array<{ id: string; response: string; observed: Record<string, unknown>; method?: string }> = [
  { id: 'sop.cookies.cross-site-fetch-samesite', response: 'sink', observed: { resolved: true, type: 'opaque', status: 0, bodyReadable: false, body: '' } },
  { id: 'sop.cookies.cross-site-img', response: 'img', observed: { loaded: true } },
  { id: 'sop.cookies.cross-site-iframe', response: 'doc', observed: { loaded: true } },
  { id: 'sop.cookies.cross-site-form-post-frame', response: 'sink', observed: { submitted: true }, method: 'POST' },
];
const ALL_FOUR = ['sd', 'sl', 'sn', 'ss'];

for (const c of COOKIE_CASES) {
  test(`item 10: ${c.id} — a blind request log or a jar with no cookies is never the third-party-cookie deviation`, () => {
    const s = byId(c.id);
    const honestControl = { controlObserved: c.observed, controlEvidence: { [c.response]: arrived(ALL_FOUR, c.method) } };
    // A blind request log: nothing arrived, for the probe or its control.
    expect(verdict(s, 'chromium', { observed: c.observed, evidence: {}, controlObserved: c.observed, controlEvidence: {} })).not.toBe('known-deviation');
    // Blind for the probe only: "no cookies" must not accept "never arrived" (the deviation is merged with the expectation).
    expect(verdict(s, 'chromium', { observed: c.observed, evidence: {}, ...honestControl })).toBe('fail');
    // A server that never sets cookies: the first-party control carries none either.
    const noJar = { controlObserved: c.observed, controlEvidence: { [c.response]: arrived([], c.method) } };
    expect(verdict(s, 'chromium', { observed: c.observed, evidence: { [c.response]: arrived([], c.method) }, ...noJar })).toBe('inconclusive');
    // The honest record: the cookie exists (first party) and the cross-site request went without it.
    expect(verdict(s, 'chromium', { observed: c.observed, evidence: { [c.response]: arrived([], c.method) }, ...honestControl })).toBe('known-deviation');
  });
}

test('item 10: a frame that "sees no cookie" because none was ever set is not the deviation', () => {
  const s = byId('sop.cookies.third-party-frame-none-visible');
  const none = { allowed: true, value: null };
  expect(verdict(s, 'chromium', { observed: none, evidence: {}, controlObserved: none, controlEvidence: {} })).toBe('inconclusive');
  expect(verdict(s, 'chromium', { observed: none, evidence: {}, controlObserved: { allowed: true, value: '1' }, controlEvidence: {} })).toBe('known-deviation');
});

// The rules themselves, on scenarios written for the test (the schema refuses them, so the verdict is judged on the unvalidated shape).
const base: ScenarioOf<'fetch'> = {
  id: 'selftest.cookie',
  area: 'selftest/deviations',
  title: 'a fetch whose cookies are recorded',
  spec: ['fetchCookies'],
  responses: { sink: TEXT },
  probe: { kind: 'fetch', params: { target: { at: 'other', response: 'sink' }, credentials: 'include' } },
  expect: { blocked: false, observation: { resolved: true }, evidence: { sink: { arrived: true, cookies: ['a'] } } },
};

test('a deviation recording withheld cookies, or an expectation of none, is refused without a control that proves the cookie', () => {
  const withheld = {
    ...base,
    deviations: { chromium: { observed: {}, evidence: { sink: { cookies: [] } }, reason: 'withheld on purpose', link: 'https://example.org/' } },
  };
  expect(() => validateScenarios('t.ts', [withheld])).toThrow(/needs a control.*chromium deviation records cookies withheld on sink/);
  const none = { ...base, expect: { ...base.expect, evidence: { sink: { arrived: true, cookies: [] } } } };
  expect(() => validateScenarios('t.ts', [none])).toThrow(/needs a control.*the expectation records cookies withheld on sink/);
  const unproven = { ...none, control: { patch: { probe: { params: { credentials: 'include' as const } } }, expect: { observation: { resolved: true } } } };
  expect(() => validateScenarios('t.ts', [unproven])).toThrow(/nothing proves the cookie exists/);
  const proven = { ...unproven, control: { ...unproven.control, expect: { observation: { resolved: true }, evidence: { sink: { cookies: ['a'] } } } } };
  expect(validateScenarios('t.ts', [proven])).toHaveLength(1);
});

test('a deviation recording a block is refused without a control, and judged inconclusive if one slips through', () => {
  const blocked = {
    ...base,
    deviations: { webkit: { observed: { resolved: false, error: 'TypeError' }, reason: 'blocked on purpose', link: 'https://example.org/' } },
  };
  expect(() => validateScenarios('t.ts', [blocked])).toThrow(/needs a control.*webkit deviation records a block/);
  const loose = { ...blocked, spec: [{ url: 'https://fetch.spec.whatwg.org/#cors-check', section: 'x' }] } as unknown as Scenario;
  expect(verdict(loose, 'webkit', { observed: { resolved: false, error: 'TypeError' }, evidence: { sink: arrived(['a']) } })).toBe('inconclusive');
  // A deviation that allows more than the standard needs no control.
  const more = {
    ...base,
    deviations: { webkit: { observed: {}, evidence: { sink: { cookies: ['a', 'b'] } }, reason: 'sends more on purpose', link: 'https://example.org/' } },
  };
  expect(validateScenarios('t.ts', [more])).toHaveLength(1);
});

test('a deviation marks a key of the expectation absent with null; otherwise that key still has to hold', () => {
  const cors: ScenarioOf<'fetch'> = {
    ...base,
    expect: { blocked: true, observation: { resolved: false, error: 'TypeError' } },
    control: { patch: { responses: { sink: { headers: [['Access-Control-Allow-Origin', '*']] } } }, expect: { observation: { resolved: true } } },
  };
  const readable = { resolved: true, bodyReadable: true };
  const ok = { controlObserved: readable, controlEvidence: {}, evidence: {} };
  const dev = (observed: ScenarioOf<'fetch'>['expect']['observation']) =>
    validateScenarios('t.ts', [{ ...cors, deviations: { firefox: { observed, reason: 'reads it on purpose', link: 'https://example.org/' } } }])[0];
  expect(verdict(dev({ resolved: true }), 'firefox', { observed: readable, ...ok })).toBe('fail');
  expect(verdict(dev({ resolved: true, error: null }), 'firefox', { observed: readable, ...ok })).toBe('known-deviation');
});

test('a row whose setup does not hold is inconclusive with the setup named, never a fail; its control is checked for it too (parsing/activate-storage-access)', () => {
  const rows = loadParsingCatalog().filter((s) => s.area === 'parsing/activate-storage-access');
  const count = (s: Scenario) => (s.expect.evidence?.r as { count?: number } | undefined)?.count;
  // Retried variants need no control (nothing is expected blocked); variants not retried share one.
  const retried = rows.find((s) => s.setup && !s.control && count(s) === 2 && !s.deviations?.firefox);
  const once = rows.find((s) => s.setup && s.control && count(s) === 1 && !s.deviations?.firefox);
  if (!once || !retried) throw new Error('parsing/activate-storage-access has lost its setup or its control rows');
  const sent = (values: Array<string | null>): ResponseEvidence => ({
    ...arrived([]),
    count: values.length,
    actualCount: values.length,
    secFetchStorageAccess: values[0] ?? null,
    storageAccessSent: values,
  });
  const resolved = { resolved: true };
  // Firefox here: status none, never retried. Without the setup the retried row would fail on storageAccessSent.
  const firefox = verdictAndReason(retried, { observed: resolved, evidence: { r: sent(['none']) } });
  expect(firefox.verdict).toBe('inconclusive');
  expect(firefox.reason).toContain('the setup does not hold');
  expect(firefox.reason).toContain('Sec-Fetch-Storage-Access: inactive');
  // WebKitGTK: no header at all, in the row and its control.
  const webkit = verdictAndReason(once, { observed: resolved, evidence: { r: sent([null]) }, controlObserved: resolved, controlEvidence: { r: sent([null]) } });
  expect(webkit.verdict).toBe('inconclusive');
  expect(webkit.reason).toContain('the setup does not hold (');
  // The row's setup holds but its control's does not: named as the control's.
  const control = verdictAndReason(once, {
    observed: resolved,
    evidence: { r: sent(['inactive']) },
    controlObserved: resolved,
    controlEvidence: { r: sent(['none']) },
  });
  expect(control.verdict).toBe('inconclusive');
  expect(control.reason).toContain('the setup does not hold in the control');
  // Where the setup holds, the variant is judged on what it says: a wrong answer still fails.
  expect(verdictAndReason(retried, { observed: resolved, evidence: { r: sent(['inactive', 'active']) } }).verdict).toBe('pass');
  expect(verdictAndReason(retried, { observed: resolved, evidence: { r: sent(['inactive']) } }).verdict).toBe('fail');
});

function verdictAndReason(scenario: Scenario, run: Omit<JudgeInput, 'scenario' | 'engine' | 'pageOrigin'>): { verdict: string; reason: string } {
  const j = judge({ scenario, engine: 'firefox', pageOrigin: PAGE, ...run });
  return { verdict: j.verdict, reason: j.reason };
}
