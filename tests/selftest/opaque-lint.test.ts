/**
 * A lint over the catalog: a scenario whose no-cors fetch reaches another origin than the one it is
 * made from expects what makes that fetch worth checking — an opaque response with nothing readable —
 * not merely that it resolved, so a switched-off boundary (a readable "basic" response) cannot pass.
 */
import { test, expect } from '@playwright/test';
import { loadCatalog } from '../../scenarios/index.ts';
import { pageOf } from '../../harness/plan/planner.ts';
import { validateScenarios, type Scenario } from '../../harness/scenario/scenario.ts';

/** Why a scenario's no-cors cross-origin fetch expectation says too little, or undefined. */
function weakOpaqueExpectation(s: Scenario): string | undefined {
  const probe = s.probe as { kind: string; params: { mode?: string; target?: { at: string } }; context?: Array<{ at: string; sandbox?: string }> };
  if (probe.kind !== 'fetch' || probe.params.mode !== 'no-cors' || !probe.params.target) return undefined;
  const contexts = probe.context ?? [];
  // A sandboxed document without allow-same-origin has an opaque origin: every target is another origin.
  const opaqueOrigin = contexts.some((c) => c.sandbox !== undefined && !c.sandbox.split(/\s+/).includes('allow-same-origin'));
  const from = contexts.at(-1)?.at ?? pageOf(s).at;
  if (!opaqueOrigin && probe.params.target.at === from) return undefined;
  const o = s.expect.observation as Record<string, unknown>;
  if (o.resolved !== true) return undefined; // a network error is its own, stronger answer
  const missing = [
    o.type === 'opaque' ? '' : 'type: "opaque"',
    o.bodyReadable === false || o.body === '' ? '' : 'an unreadable body (bodyReadable: false or body: "")',
  ].filter(Boolean);
  return missing.length
    ? `${s.id}: a no-cors fetch from ${opaqueOrigin ? 'an opaque origin' : from} to ${probe.params.target.at} expects resolved but not ${missing.join(' and ')}`
    : undefined;
}

test('every no-cors cross-origin fetch in the catalog expects an opaque, unreadable response', () => {
  const weak = loadCatalog().flatMap((s) => weakOpaqueExpectation(s) ?? []);
  expect(weak).toEqual([]);
});

test('the lint finds the shape it looks for (resolved only), and accepts same-origin and opaque expectations', () => {
  const base = {
    area: 'selftest',
    title: 'no-cors fetch',
    spec: ['corsProtocol'],
    responses: { data: { body: 'x' } },
  };
  const [weak, sandboxed, sameOrigin, strong] = validateScenarios('opaque-lint.test.ts', [
    {
      ...base,
      id: 'l.weak',
      probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' }, mode: 'no-cors' } },
      expect: { blocked: false, observation: { resolved: true } },
    },
    {
      ...base,
      id: 'l.sandboxed',
      responses: { data: { body: 'x' }, doc: { kind: 'agent' } },
      probe: {
        kind: 'fetch',
        params: { target: { at: 'site', response: 'data' }, mode: 'no-cors' },
        context: [{ via: 'iframe', at: 'site', response: 'doc', sandbox: 'allow-scripts' }],
      },
      expect: { blocked: false, observation: { resolved: true, type: 'opaque' } },
    },
    {
      ...base,
      id: 'l.same',
      probe: { kind: 'fetch', params: { target: { at: 'site', response: 'data' }, mode: 'no-cors' } },
      expect: { blocked: false, observation: { resolved: true } },
    },
    {
      ...base,
      id: 'l.strong',
      probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' }, mode: 'no-cors' } },
      expect: { blocked: false, observation: { resolved: true, type: 'opaque', bodyReadable: false } },
    },
  ]);
  expect(weakOpaqueExpectation(weak)).toContain('expects resolved but not type: "opaque" and an unreadable body');
  expect(weakOpaqueExpectation(sandboxed)).toContain('from an opaque origin');
  expect(weakOpaqueExpectation(sameOrigin)).toBeUndefined();
  expect(weakOpaqueExpectation(strong)).toBeUndefined();
});
