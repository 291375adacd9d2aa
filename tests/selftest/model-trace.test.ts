/** Conformance rows of fetch scenarios carry the Fetch model's step trace: why the standard expects what the row expects. */
import { test, expect } from '@playwright/test';
import { fetchModelTrace } from '../../harness/judge/model-trace.ts';
import { validateScenarios } from '../../harness/scenario/scenario.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { AGENT, readableBy } from '../../scenarios/lib.ts';

test('a fetch scenario’s trace names the step that decides it; other kinds have none', () => {
  const [blocked, sandboxed] = validateScenarios('model-trace', [
    {
      id: 'trace.blocked',
      area: 'selftest/trace',
      title: 'credentialed read with a wildcard',
      spec: ['corsCheck'],
      responses: { data: { ...readableBy('*') } },
      probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' }, credentials: 'include' } },
      expect: { blocked: true, observation: { resolved: false } },
      control: { patch: { responses: { data: readableBy('{{origin}}') } }, expect: { observation: { resolved: true } } },
    },
    {
      id: 'trace.sandboxed',
      area: 'selftest/trace',
      title: 'a sandboxed frame reads a response allowing null',
      spec: ['corsCheck'],
      responses: { data: readableBy('null'), ctx: AGENT },
      probe: {
        kind: 'fetch',
        params: { target: { at: 'other', response: 'data' } },
        context: [{ via: 'iframe', at: 'site', response: 'ctx', sandbox: 'allow-scripts' }],
      },
      expect: { blocked: false, observation: { resolved: true } },
    },
  ]);
  expect(fetchModelTrace(blocked)?.join(' ')).toMatch(/cors-check step 4: Access-Control-Allow-Origin "\*" is not "https:\/\/site.test"/);
  expect(fetchModelTrace(sandboxed)).toEqual(['data: no preflight needed (safelisted, or cache entry match)']);
  const catalog = loadCatalog();
  const kinds = new Set(catalog.filter((s) => fetchModelTrace(s)).map((s) => s.probe.kind));
  expect([...kinds]).toEqual(['fetch']);
  expect(catalog.filter((s) => s.area.startsWith('cors/')).every((s) => s.probe.kind !== 'fetch' || fetchModelTrace(s)?.length)).toBe(true);
});
