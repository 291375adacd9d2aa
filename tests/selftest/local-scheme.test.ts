/**
 * The local-scheme probe can fail: the COEP inheritance rows run as written pass in Chromium, and
 * the same rows in a page without COEP (nothing to inherit) fail, the no-cors load going through
 * while the expectation says it fails; their controls still load in the same visit, so the record
 * is the engine's, not a broken context's.
 */
import { test, expect } from '@playwright/test';
import { startFixtureNetwork } from '../../servers/network.ts';
import { launchEngine } from '../../engines/select.ts';
import { launchOptions } from '../../engines/engine.ts';
import { ConformanceRunner } from '../../harness/service/runner.ts';
import { planVisits } from '../../harness/plan/planner.ts';
import type { Scenario } from '../../harness/scenario/scenario.ts';
import { loadCatalog } from '../../scenarios/index.ts';

const CONTEXTS = ['about-blank-frame', 'srcdoc-frame', 'blob-frame', 'data-frame', 'about-blank-popup', 'blob-worker', 'data-worker', 'blob-shared-worker'];
const IDS = CONTEXTS.map((c) => `isolation.coep-inherit.require-corp.${c}`);

test('local-scheme rows pass as written and fail in a page without COEP (Chromium)', async () => {
  test.setTimeout(120_000);
  const written = loadCatalog().filter((s) => IDS.includes(s.id));
  expect(written.map((s) => s.id).sort()).toEqual([...IDS].sort());
  // The same rows, ids of their own, the page's COEP taken away.
  const uninherited: Scenario[] = written.map((s) => ({
    ...structuredClone(s),
    id: s.id.replace('isolation.coep-inherit.', 'selftest.no-coep.'),
    page: { at: 'site', headers: [] },
  }));
  const network = await startFixtureNetwork();
  try {
    const session = await launchEngine('chromium', launchOptions(network));
    try {
      const all = [...written, ...uninherited];
      const runner = new ConformanceRunner(network, session, planVisits(all));
      const rows = await Promise.all(all.map((s) => runner.run(s)));
      for (const r of rows.filter((r) => r.id.startsWith('isolation.'))) expect(r.verdict, `${r.id}: ${r.reason}`).toBe('pass');
      for (const r of rows.filter((r) => r.id.startsWith('selftest.'))) {
        expect(r.verdict, `${r.id}: ${r.reason}`).toBe('fail');
        expect(r.observed).toMatchObject({ ready: true, loaded: true });
        expect(r.control?.observed).toMatchObject({ ready: true, loaded: true });
      }
    } finally {
      await session.close();
    }
  } finally {
    await network.close();
  }
});
