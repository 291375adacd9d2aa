/** Planning is deterministic, controls move targets home, and matching is partial. */
import { test, expect } from '@playwright/test';
import {
  planVisits,
  buildVisitPlan,
  controlOf,
  controlKeyIn,
  resolveTargets,
  visitTimeoutMs,
  SERIAL_CHUNK_SIZE,
  pageOf,
  CONCURRENCY,
  POPUP_CONCURRENCY,
} from '../../harness/plan/planner.ts';
import { mismatches, deepMerge } from '../../harness/scenario/match.ts';
import { summarize } from '../../harness/judge/evidence.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { walk, validateScenarios, type ScenarioOf } from '../../harness/scenario/scenario.ts';
import { TEXT } from '../../scenarios/lib.ts';

test('the same catalog always yields the same visits', () => {
  const a = planVisits(loadCatalog()).map((v) => [v.key, v.scenarios.map((s) => s.id)]);
  const b = planVisits(loadCatalog()).map((v) => [v.key, v.scenarios.map((s) => s.id)]);
  expect(a).toEqual(b);
  const ids = a.flatMap(([, ids]) => ids as string[]);
  expect(new Set(ids).size).toBe(loadCatalog().length);
});

function targetsOf(value: unknown): string[] {
  const at: string[] = [];
  walk(value, [], (obj) => {
    if (typeof obj.at === 'string' && typeof obj.response === 'string') at.push(obj.at);
  });
  return at;
}

test('a sameOrigin control moves every target to the page origin, contexts included', () => {
  const sameOrigin = loadCatalog().filter((s) => s.control?.sameOrigin && !s.control.patch);
  expect(sameOrigin.length).toBeGreaterThan(50);
  let moved = 0;
  for (const s of sameOrigin) {
    const home = pageOf(s).at;
    const c = controlOf(s)!;
    expect(
      targetsOf(c.probe).every((at) => at === home),
      s.id,
    ).toBe(true);
    if (targetsOf(s.probe).some((at) => at !== home)) moved++;
  }
  expect(moved).toBeGreaterThan(50);
  // The scenario itself is left untouched.
  const s = loadCatalog().find((x) => x.id === 'sop.origin.frame-dom.other-site')!;
  expect(targetsOf(s.probe)).toEqual(['other']);
});

test('a patched control deep-merges params and replaces contexts', () => {
  const s = loadCatalog().find((x) => x.id === 'sop.cookies.cross-site-fetch-samesite')!;
  const c = controlOf(s)!;
  expect(c.probe.context).toEqual([{ via: 'popup', at: 'other', response: 'ctx' }]);
  expect(c.probe.params).toEqual(s.probe.params);
});

test('targets resolve to URLs on their origin with the visit and probe named', () => {
  const r = resolveTargets({ t: { at: 'sitePort', response: 'doc' }, e: { at: 'site', response: 'x', explicitPort: true } }, 'a.b', 'v1');
  expect(r.t).toMatchObject({ url: 'https://site.test:8443/__op/r/a.b/doc?v=v1&p=a.b', origin: 'https://site.test:8443' });
  expect((r.e as unknown as { url: string }).url).toBe('https://site.test:443/__op/r/a.b/x?v=v1&p=a.b');
});

test('a visit plan holds each scenario and its control, with their own responses, and a bound no probe outlasts', () => {
  for (const visit of planVisits(loadCatalog()).slice(0, 5)) {
    const plan = buildVisitPlan(visit, 'v1');
    // A control runs once per visit for every scenario whose control is the same probe against the same responses.
    const keys = visit.scenarios.flatMap((s) => (s.control && controlKeyIn(visit, s.id) === `${s.id}~control` ? [s.id, `${s.id}~control`] : [s.id]));
    expect(plan.probes.map((p) => p.key)).toEqual(keys);
    expect(Object.keys(plan.responses)).toEqual(keys);
    for (const s of visit.scenarios.filter((x) => x.control)) {
      const key = controlKeyIn(visit, s.id);
      expect(keys, s.id).toContain(key);
      expect(JSON.stringify(controlOf(visit.scenarios.find((x) => `${x.id}~control` === key)!)), s.id).toBe(JSON.stringify(controlOf(s)));
    }
    // Probes run `concurrency` at a time: even if each took its whole bound, the visit bound covers them all.
    const rounds = Math.ceil(plan.probes.length / plan.concurrency);
    expect(visitTimeoutMs(plan)).toBeGreaterThan(rounds * Math.max(...plan.probes.map((p) => p.timeoutMs)));
  }
});

test('scenarios of a COOP visit share their one kept-popup control; different controls are not shared', () => {
  const visit = planVisits(loadCatalog()).find((v) => v.scenarios.filter((s) => s.area === 'isolation/coop' && s.control).length > 4)!;
  const keys = new Set(visit.scenarios.filter((s) => s.control).map((s) => controlKeyIn(visit, s.id)));
  expect(keys.size).toBeLessThan(visit.scenarios.filter((s) => s.control).length);
  const distinct = new Set(visit.scenarios.filter((s) => s.control).map((s) => JSON.stringify(controlOf(s))));
  expect(keys.size).toBe(distinct.size);
});

test('serial (popup) scenarios share visits only with serial ones of the same page, a few popups at a time', () => {
  const visits = planVisits(loadCatalog());
  const serial = visits.filter((v) => v.scenarios.some((s) => s.serial));
  expect(serial.length).toBeGreaterThan(0);
  for (const v of serial) {
    expect(v.scenarios.every((s) => s.serial && JSON.stringify(pageOf(s)) === JSON.stringify(v.page))).toBe(true);
    expect(v.scenarios.length).toBeLessThanOrEqual(SERIAL_CHUNK_SIZE);
    expect(buildVisitPlan(v, 'v1').concurrency).toBe(Math.min(CONCURRENCY, POPUP_CONCURRENCY));
  }
});

test('one-at-a-time scenarios share visits only with one-at-a-time ones of the same page, with one probe in flight; solo ones are alone', () => {
  const visits = planVisits(loadCatalog());
  const one = visits.filter((v) => v.scenarios.some((s) => s.oneAtATime));
  expect(one.length).toBeGreaterThan(0);
  // Sharing is the point: at least one such visit holds several.
  expect(Math.max(...one.map((v) => v.scenarios.length))).toBeGreaterThan(1);
  for (const v of one) {
    expect(v.scenarios.every((s) => s.oneAtATime && JSON.stringify(pageOf(s)) === JSON.stringify(v.page))).toBe(true);
    expect(v.scenarios.length).toBeLessThanOrEqual(SERIAL_CHUNK_SIZE);
    expect(buildVisitPlan(v, 'v1').concurrency).toBe(1);
  }
  for (const v of visits.filter((x) => x.scenarios.some((s) => s.solo))) {
    expect(v.scenarios).toHaveLength(1);
    expect(buildVisitPlan(v, 'v1').concurrency).toBe(1);
  }
});

test('a scenario declares at most one way of sharing its visit', () => {
  const input: ScenarioOf<'fetch'> = {
    id: 'selftest.sharing',
    area: 'selftest/planner',
    title: 'a fetch that says two ways of sharing its visit',
    spec: ['corsCheck'],
    responses: { sink: TEXT },
    probe: { kind: 'fetch', params: { target: { at: 'site', response: 'sink' } } },
    expect: { blocked: false, observation: { resolved: true } },
    solo: true,
    oneAtATime: true,
  };
  expect(() => validateScenarios('t.ts', [input])).toThrow(/declare one, not solo and oneAtATime/);
  expect(validateScenarios('t.ts', [{ ...input, solo: undefined }])).toHaveLength(1);
});

test('matching is partial and reports paths; merging replaces arrays', () => {
  expect(mismatches({ a: 1 }, { a: 1, b: 2 })).toEqual([]);
  expect(mismatches({ a: { b: 'x' } }, { a: { b: 'y' } })).toEqual(['a.b: expected "x", observed "y"']);
  expect(mismatches({ a: null }, {})).toEqual([]);
  expect(mismatches({ a: [1] }, { a: [1, 2] })).toHaveLength(1);
  expect(deepMerge({ a: { b: 1, c: [1] } }, { a: { c: [2] } })).toEqual({ a: { b: 1, c: [2] } });
});

test('evidence tells preflights from actual requests', () => {
  const base = { t: 0, visitId: 'v', probe: 'p', at: 'site' as const, path: '/' };
  const e = summarize([
    { ...base, response: 'r', method: 'OPTIONS', acrMethod: 'PUT', acrHeaders: 'x-op-a', origin: 'https://other.test' },
    { ...base, response: 'r', method: 'PUT', origin: 'https://other.test', cookie: 'b=1; a=2' },
  ]);
  expect(e.r).toMatchObject({
    preflight: true,
    preflightCount: 1,
    actual: true,
    methods: ['PUT'],
    acrMethod: 'PUT',
    cookies: ['a', 'b'],
    origin: 'https://other.test',
  });
});
