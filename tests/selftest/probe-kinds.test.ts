/**
 * Every probe kind has its outcome word (harness/scenario/outcome.ts) beside its contract
 * (harness/scenario/probes.ts). The table is typed by ProbeKind: the two @ts-expect-error lines
 * below are checked by `tsc --noEmit` (npm run check), which fails if a table lacking a kind, or
 * naming one that does not exist, ever compiles. At run time, every expectation in both catalogs
 * gets a word, never the "observed" a forgotten kind used to show.
 */
import { test, expect } from '@playwright/test';
import { OUTCOME_WORDS, expectedOutcomeOf, type OutcomeWord } from '../../harness/scenario/outcome.ts';
import { PROBE_KINDS, type ProbeKind } from '../../harness/scenario/probes.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { loadParsingCatalog } from '../../scenarios/parsing/index.ts';

const { fetch: _dropped, ...withoutFetch } = OUTCOME_WORDS;
// @ts-expect-error a probe kind (fetch) without an outcome word does not compile
const incomplete: Record<ProbeKind, OutcomeWord> = withoutFetch;
// @ts-expect-error nor does an outcome word for a kind that has no contract
const unknownKind: Record<ProbeKind, OutcomeWord> = { ...OUTCOME_WORDS, beacon: () => undefined };

test('the outcome-word table names exactly the probe kinds', () => {
  expect(Object.keys(OUTCOME_WORDS).sort()).toEqual([...PROBE_KINDS].sort());
  expect(Object.keys(incomplete)).not.toContain('fetch');
  expect(Object.keys(unknownKind)).toContain('beacon');
});

test('every expectation of both catalogs says its outcome in a word', () => {
  const unnamed: string[] = [];
  const kinds = new Set<string>();
  for (const s of [...loadCatalog(), ...loadParsingCatalog()]) {
    kinds.add(s.probe.kind);
    // A kind used only as a step of a sequence (arrival) is used too.
    for (const step of (s.probe.params as { steps?: Array<{ kind: string }> }).steps ?? []) kinds.add(step.kind);
    if (!expectedOutcomeOf(s.probe.kind, s.expect)) unnamed.push(`${s.id} (${s.probe.kind})`);
  }
  expect(unnamed).toEqual([]);
  // Kinds the catalogs never use would pass this vacuously: list them so a new kind gets a scenario.
  expect(PROBE_KINDS.filter((k) => !kinds.has(k))).toEqual([]);
});
