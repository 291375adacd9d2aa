/**
 * Tables keyed by scenario id (claim verdicts) must name scenarios that exist: renaming a scenario
 * without its table entries fails here instead of silently dropping a claim judgement. (The engine
 * deviation registries are checked the same way in deviations.test.ts.)
 */
import { test, expect } from '@playwright/test';
import { ENGINE_NAMES } from '../../engines/engine.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { CLAIM_VERDICTS, staleClaimEntries } from '../../scenarios/claim-verdicts.ts';
import { NOT_OBSERVABLE } from '../../scenarios/sop/not-observable.ts';
import { SEED_CLAIMS } from '../../reporters/matrix/seed-claims.ts';

const ids = loadCatalog().map((s) => s.id);
const claims = SEED_CLAIMS.map((c) => c.id);

test('every claim verdict names existing scenarios, engines and seed claims', () => {
  expect(staleClaimEntries(ids, ENGINE_NAMES, claims)).toEqual([]);
});

test('a renamed scenario leaves its claim verdict stale, and that is reported', () => {
  const renamed = ids.filter((id) => id !== 'sop.dd.both-set-default');
  expect(staleClaimEntries(renamed, ENGINE_NAMES, claims)).toEqual(['C40: sop.dd.both-set-default names no scenario of the catalog']);
  const table = { ...CLAIM_VERDICTS, C99: { holdsPerStandard: true, note: '', refutedBy: [{ id: /^nothing\./, engines: ['netscape'], why: 'x' }] } };
  expect(staleClaimEntries(ids, ENGINE_NAMES, claims, table)).toEqual([
    'C99: not a seed claim',
    'C99: /^nothing\\./ names no scenario of the catalog',
    'C99: /^nothing\\./ names an unknown engine "netscape"',
  ]);
});

test('claims listed as not observable are seed claims no scenario covers', () => {
  const covered = new Set(loadCatalog().flatMap((s) => s.claims ?? []));
  for (const n of NOT_OBSERVABLE) {
    expect(claims, n.claim).toContain(n.claim);
    expect(covered.has(n.claim), n.claim).toBe(false);
  }
});
