/**
 * The verdict machinery against real engines: a broken control makes a verdict
 * inconclusive, a misconfigured fixture makes it fail, a recorded deviation that no longer
 * happens is flagged, and two runs give the same verdicts. Each engine runs a small catalog.
 */
import { test, expect } from '@playwright/test';
import { startFixtureNetwork } from '../../servers/network.ts';
import { launchEngine } from '../../engines/select.ts';
import { ENGINE_NAMES, launchOptions } from '../../engines/engine.ts';
import { ConformanceRunner } from '../../harness/service/runner.ts';
import { planVisits } from '../../harness/plan/planner.ts';
import { validateScenarios, type BuiltScenarioOf } from '../../harness/scenario/scenario.ts';
import { AGENT, DATA } from '../../scenarios/lib.ts';

const cors = (id: string, headers: Array<[string, string]>, extra: Partial<BuiltScenarioOf<'fetch'>> = {}): BuiltScenarioOf<'fetch'> => ({
  id,
  area: 'selftest/verdicts',
  title: 'cross-origin read of a response',
  spec: ['corsCheck'],
  responses: { data: { ...DATA, headers: [...(DATA.headers ?? []), ...headers] } },
  probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' } }, timeoutMs: 4000 },
  expect: { blocked: true, observation: { resolved: false, error: 'TypeError' }, evidence: { data: { actual: true } } },
  control: {
    patch: { responses: { data: { headers: [['Access-Control-Allow-Origin', '*']] } } },
    expect: { observation: { resolved: true, bodyReadable: true } },
  },
  ...extra,
});

const CATALOG = validateScenarios('tests/selftest/verdicts.test.ts', [
  // Correct fixture, working control: pass.
  cors('selftest.cors-blocked', []),
  // The fixture is misconfigured: it allows every origin while the scenario expects "unreadable".
  cors('selftest.misconfigured-fixture', [['Access-Control-Allow-Origin', '*']]),
  // The control is deliberately broken: its response still denies CORS, so it cannot succeed.
  cors('selftest.broken-control', [], {
    control: {
      patch: { responses: { data: { headers: [['Access-Control-Allow-Origin', 'https://nobody.test']] } } },
      expect: { observation: { resolved: true, bodyReadable: true } },
    },
  }),
  // A deviation recorded for every engine although they all follow the standard here.
  cors('selftest.stale-deviation', [], {
    deviations: Object.fromEntries(
      ENGINE_NAMES.map((e) => [e, { observed: { resolved: true }, reason: 'recorded on purpose to test fixed-deviation', link: 'https://example.org/none' }]),
    ),
  }),
  // The response arrives after the probe's own time bound.
  cors('selftest.slow-response', [], {
    responses: { data: { ...DATA, delayMs: 4000 } },
    probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' } }, timeoutMs: 1000 },
  }),
  // A frame whose agent can never load (X-Frame-Options: DENY on the control too): inconclusive.
  {
    id: 'selftest.frame-control-broken',
    area: 'selftest/verdicts',
    title: 'frame DOM with a control that cannot load',
    spec: ['crossOriginGet'],
    responses: { doc: { ...AGENT, headers: [['X-Frame-Options', 'DENY']] } },
    probe: { kind: 'window-access', params: { target: 'frame', open: { at: 'other', response: 'doc' }, path: ['document', 'title'], action: 'get' } },
    expect: { blocked: true, observation: { allowed: false, error: 'SecurityError' } },
    control: { sameOrigin: true, expect: { observation: { targetReady: true, allowed: true } } },
  },
]);

const EXPECTED: Record<string, string> = {
  'selftest.cors-blocked': 'pass',
  'selftest.misconfigured-fixture': 'fail',
  'selftest.broken-control': 'inconclusive',
  'selftest.stale-deviation': 'fixed-deviation',
  'selftest.frame-control-broken': 'inconclusive',
  'selftest.slow-response': 'timeout',
};

for (const engineName of ENGINE_NAMES) {
  test(`verdicts come out as designed in ${engineName}, twice`, async () => {
    const network = await startFixtureNetwork();
    const engine = await launchEngine(engineName, launchOptions(network));
    try {
      const runs: Array<Record<string, string>> = [];
      for (let i = 0; i < 2; i++) {
        const runner = new ConformanceRunner(network, engine, planVisits(CATALOG));
        const verdicts: Record<string, string> = {};
        const rows: Record<string, Awaited<ReturnType<ConformanceRunner['run']>>> = {};
        for (const s of CATALOG) {
          rows[s.id] = await runner.run(s);
          verdicts[s.id] = rows[s.id].verdict;
        }
        // Evidence: the blocked request reached the server with the page's Origin.
        expect(rows['selftest.cors-blocked'].evidence.summary.data.origin).toBe('https://site.test');
        // A probe that timed out had its visit run once more, and timed out again: still a timeout, both tries named.
        expect(rows['selftest.slow-response'].visit.attempts).toHaveLength(2);
        runs.push(verdicts);
      }
      expect(runs[0]).toEqual(EXPECTED);
      expect(runs[1]).toEqual(runs[0]);
    } finally {
      await engine.close();
      await network.close();
    }
  });
}

test('a visit whose page never reports is run once more, and the row names both attempts', async () => {
  const network = await startFixtureNetwork();
  const engine = await launchEngine('chromium', launchOptions(network));
  try {
    // The first window "never comes up": nothing is navigated, so the page cannot report.
    let opens = 0;
    const flaky = {
      ...engine,
      info: engine.info,
      close: () => engine.close(),
      open: async (url: string) => (++opens === 1 ? { close: async () => {} } : engine.open(url)),
    };
    const quick = validateScenarios('tests/selftest/verdicts.test.ts', [
      cors('selftest.retry', [], { probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' } }, timeoutMs: 500 } }),
    ]);
    const row = await new ConformanceRunner(network, flaky, planVisits(quick)).run(quick[0]);
    expect(opens).toBe(2);
    expect(row.visit.attempts).toHaveLength(2);
    expect(row.visit.id).toBe(row.visit.attempts[1]);
    expect(row.verdict).toBe('pass');
  } finally {
    await engine.close();
    await network.close();
  }
});
