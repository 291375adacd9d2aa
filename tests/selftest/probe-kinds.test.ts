/**
 * Every probe kind is one folder (probes/<kind>/): its contract and its outcome word are declared
 * together by `kind()`, which requires both. The @ts-expect-error lines below are checked by
 * `tsc --noEmit` (npm run check), which fails if a kind without an outcome word, or a word table
 * lacking a kind, ever compiles. At run time, every expectation in both catalogs gets a word,
 * never the "observed" a forgotten kind used to show.
 */
import { test, expect } from '@playwright/test';
import { z } from 'zod';
import { expectedOutcomeOf } from '../../harness/scenario/outcome.ts';
import { kind, observation } from '../../probes/contract.ts';
import { OUTCOME_WORDS, PROBES, PROBE_KINDS, type ProbeKind } from '../../probes/index.ts';
import type { OutcomeWord } from '../../probes/outcome-words.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { loadParsingCatalog } from '../../scenarios/parsing/index.ts';

// @ts-expect-error a probe kind without an outcome word does not compile
const wordless = kind({ params: z.strictObject({}), observation: observation({}), blocks: () => false });
const { fetch: _dropped, ...withoutFetch } = OUTCOME_WORDS;
// @ts-expect-error a word table lacking a kind (fetch) does not compile
const incomplete: Record<ProbeKind, OutcomeWord> = withoutFetch;

test('every probe kind has an outcome word and a runtime module in its folder', async () => {
  expect(Object.keys(OUTCOME_WORDS).sort()).toEqual([...PROBE_KINDS].sort());
  for (const k of PROBE_KINDS) expect(typeof PROBES[k].outcome, k).toBe('function');
  expect(wordless.outcome).toBeUndefined();
  expect(Object.keys(incomplete)).not.toContain('fetch');
  const { runtimeScripts } = await import('../../servers/runtime-files.ts');
  expect(
    runtimeScripts()
      .filter((f) => f.startsWith('probes/'))
      .sort(),
  ).toEqual(PROBE_KINDS.map((k) => `probes/${k}/runtime.js`).sort());
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
