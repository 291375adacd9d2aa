/** Malformed scenarios stop the run naming file, scenario id and field. */
import { test, expect } from '@playwright/test';
import { validateCatalog, validateScenarios, ScenarioError } from '../../harness/scenario/scenario.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { PROBE_KINDS } from '../../probes/index.ts';
import { CITATIONS } from '../../harness/citations/registry.ts';
import { runtimeSource } from '../../servers/runtime-files.ts';

const good = {
  id: 'x.frame',
  area: 'test/x',
  title: 'A well-formed scenario',
  spec: ['sameOrigin'],
  responses: { doc: { kind: 'agent' } },
  probe: { kind: 'window-access', params: { target: 'frame', open: { at: 'other', response: 'doc' }, path: ['document'], action: 'get' } },
  expect: { blocked: true, observation: { allowed: false } },
  control: { sameOrigin: true, expect: { observation: { allowed: true } } },
};

function errorOf(input: unknown): ScenarioError {
  try {
    validateScenarios('scenarios/test/bad.ts', [input]);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error('the scenario was accepted');
}

test('a well-formed scenario is accepted, its citations resolved from the registry', () => {
  const [s] = validateScenarios('f.ts', [good]);
  expect(s.id).toBe('x.frame');
  expect(s.spec).toEqual([CITATIONS.sameOrigin]);
});

test('data built at run time is checked against the probe contract too', () => {
  // What the compiler catches in scenario files, the schema catches in generated or untyped data.
  const obs = (observation: Record<string, unknown>) => ({ ...good, expect: { ...good.expect, observation } });
  expect(errorOf(obs({ alowed: false })).field).toBe('expect.observation.alowed');
  expect(errorOf(obs({ alowed: false })).message).toContain('"alowed" is never reported (probe window-access)');
  expect(errorOf(obs({ allowed: 'no' })).field).toBe('expect.observation.allowed');
  expect(errorOf({ ...good, control: { sameOrigin: true, expect: { observation: { resolved: true } } } }).field).toBe('control.expect.observation.resolved');
  const dev = { chromium: { observed: { targetReady: true, valueType: 1 }, reason: 'a reason long enough', link: 'https://example.org/' } };
  expect(errorOf({ ...good, deviations: dev }).field).toBe('deviations.chromium.observed.valueType');
  const misspelled = errorOf({ ...good, probe: { ...good.probe, params: { ...good.probe.params, actoin: 'get' } } });
  expect(misspelled.field).toBe('probe.params');
  expect(misspelled.message).toContain('actoin');
  expect(errorOf({ ...good, spec: ['sameOrgin'] }).field).toBe('spec.0');
  expect(errorOf({ ...good, spec: [{ url: 'https://html.spec.whatwg.org/#same-origin', section: 'same origin' }] }).field).toBe('spec.0');
});

test('an unknown origin name is reported with file, id and field path', () => {
  const e = errorOf({ ...good, probe: { ...good.probe, params: { ...good.probe.params, open: { at: 'evil', response: 'doc' } } } });
  expect(e.message).toContain('scenarios/test/bad.ts');
  expect(e.message).toContain('scenario "x.frame"');
  expect(e.field).toBe('probe.params.open.at');
});

test('an expected block without a control is rejected', () => {
  const { control: _c, ...noControl } = good;
  expect(errorOf(noControl).field).toBe('control');
});

test('a target naming an undeclared response is rejected', () => {
  const e = errorOf({ ...good, responses: {} });
  expect(e.field).toBe('probe.params.open.response');
  expect(e.message).toContain('response "doc" is not declared');
});

test('unknown fields, unknown probe kinds, bad template tokens and missing citations are rejected', () => {
  expect(errorOf({ ...good, expext: {} }).message).toContain('expext');
  expect(errorOf({ ...good, probe: { ...good.probe, kind: 'teleport' } }).field).toBe('probe.kind');
  expect(errorOf({ ...good, responses: { doc: { headers: [['Location', '{{url:nowhere:doc}}']] } } }).message).toContain('unknown template token');
  expect(errorOf({ ...good, spec: [] }).field).toBe('spec');
});

test('duplicate ids across files are rejected naming both files', () => {
  expect(() =>
    validateCatalog([
      { file: 'a.ts', scenarios: [good] },
      { file: 'b.ts', scenarios: [good] },
    ]),
  ).toThrow(/b\.ts.*duplicate id \(also in a\.ts\)/);
});

test('the real catalog loads, and every probe kind it uses exists in the browser runtime', () => {
  const catalog = loadCatalog();
  expect(catalog.length).toBeGreaterThan(0);
  // Each kind's runtime, in its own folder, defines that kind.
  for (const kind of PROBE_KINDS) expect(runtimeSource(`probes/${kind}/runtime.js`), kind).toContain(`OP.defineProbe('${kind}'`);
});

test('a hand-written answer the model contradicts stops the catalog, naming the step of the standard', async () => {
  const { windowOpen, WINDOW_OPEN } = await import('../../scenarios/isolation/coop.ts');
  const { buildCorsScenario } = await import('../../scenarios/cors/build.ts');
  // Every row of the table as written agrees with HTML's algorithm (else the module would not have loaded).
  expect(WINDOW_OPEN.map(windowOpen)).toHaveLength(WINDOW_OPEN.length);
  expect(() => windowOpen(['same-origin', 'other-site', 'absent', 'kept'])).toThrow(
    /scenarios\/isolation\/coop\.ts: scenario "isolation\.coop\.open\.so\.other-site\.absent", field outcome: the line says "kept", the model of the standard says "severed" \(HTML "check if popup COOP values require a browsing context group switch", "matching COOP values": same-origin at https:\/\/site\.test and unsafe-none at https:\/\/other\.test do not match\)/,
  );
  const noAcao = {
    id: 'selftest.cors.no-acao',
    area: 'cors/claims',
    title: 'no Access-Control-Allow-Origin',
    spec: ['corsCheck' as const],
    page: 'other' as const,
    target: { at: 'site' as const, response: 'data' },
    responses: { data: { headers: [['Content-Type', 'application/json']] as Array<[string, string]>, body: '{}' } },
    params: {},
  };
  expect(buildCorsScenario({ ...noAcao, reads: 'sent-unreadable' }).expect.blocked).toBe(true);
  expect(() => buildCorsScenario({ ...noAcao, reads: 'readable' })).toThrow(
    /scenarios\/cors\/claims\.ts: scenario "selftest\.cors\.no-acao", field reads: the line says "readable", the model of the standard says "sent-unreadable" \(.*cors-check step 2: no Access-Control-Allow-Origin/,
  );
  expect(() => buildCorsScenario({ ...noAcao, reads: 'sent-unreadable', preflights: 1 })).toThrow(
    /field preflights: the line says "1", the model of the standard says "0"/,
  );
});

test("a page's grants: storage-access names the embedded origin, local-network and loopback-network only the page's", () => {
  const withGrants = (grants: unknown[]) => ({ ...good, page: { at: 'site', grants } });
  const [sa] = validateScenarios('f.ts', [withGrants([{ name: 'storage-access', state: 'granted', origin: 'site', embeddedOrigin: 'other' }])]);
  expect(sa.page?.grants).toEqual([{ name: 'storage-access', state: 'granted', origin: 'site', embeddedOrigin: 'other' }]);
  const [lna] = validateScenarios('f.ts', [
    withGrants([
      { name: 'local-network', state: 'granted', origin: 'site' },
      { name: 'loopback-network', state: 'denied', origin: 'site' },
    ]),
  ]);
  expect(lna.page?.grants?.map((g) => g.name)).toEqual(['local-network', 'loopback-network']);
  expect(errorOf(withGrants([{ name: 'storage-access', state: 'granted', origin: 'site' }])).field).toMatch(/^page\.grants\.0/);
  expect(errorOf(withGrants([{ name: 'local-network', state: 'granted', origin: 'site', embeddedOrigin: 'other' }])).field).toMatch(/^page\.grants\.0/);
  expect(errorOf(withGrants([{ name: 'local-network-access', state: 'granted', origin: 'site' }])).field).toMatch(/^page\.grants\.0/);
  expect(errorOf(withGrants([{ name: 'loopback-network', state: 'prompt', origin: 'site' }])).field).toMatch(/^page\.grants\.0/);
});

test('the Local Network Access rows declare their permission state on the page: one visit per page and state', () => {
  const rows = loadCatalog().filter((s) => s.area === 'network/local-network-access');
  const states = new Set(rows.map((s) => `${s.page?.at} ${JSON.stringify(s.page?.grants ?? [])}`));
  // Not granted on four pages; both granted on three (the http page among them); denied and local-network only on two; loopback-network only on one.
  expect(states.size).toBe(12);
  for (const s of rows.filter((r) => r.id.startsWith('network.lna.granted.')))
    expect(s.page?.grants?.map((g) => `${g.name} ${g.state} ${g.origin}`)).toEqual([
      `local-network granted ${s.page!.at}`,
      `loopback-network granted ${s.page!.at}`,
    ]);
});
