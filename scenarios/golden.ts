/**
 * Golden tables for the generated families: scenario id → outcome, in the words of the report
 * (the probe kind's outcome word, probes/<kind>/), plus the preflights the server
 * sees where there are any, and each engine's recorded deviation where it says something else.
 * The tables are files in the repository, reviewed like code: a change to a model or a generator
 * shows as a diff of outcomes (tests/selftest/golden.test.ts fails until the table is rewritten
 * with `npm run golden` and the diff reviewed).
 */
import { mergedDeviation } from '../harness/scenario/honesty.ts';
import { expectedOutcomeOf } from '../harness/scenario/outcome.ts';
import type { Scenario } from '../harness/scenario/scenario.ts';

export interface GoldenFamily {
  /** The table's file, from the repository root. */
  table: string;
  catalog: 'default' | 'parsing';
  /** The scenario files whose scenarios it lists. */
  files: string[];
}

export const GOLDEN_FAMILIES: GoldenFamily[] = [
  { table: 'scenarios/cors/generated.golden.json', catalog: 'default', files: ['scenarios/cors/generated.ts'] },
  {
    table: 'scenarios/isolation/generated.golden.json',
    catalog: 'default',
    files: ['scenarios/isolation/coep.ts', 'scenarios/isolation/corp.ts', 'scenarios/isolation/coi.ts'],
  },
  { table: 'scenarios/parsing/generated.golden.json', catalog: 'parsing', files: ['scenarios/parsing/index.ts'] },
];

function word(kind: string, expected: { observation: unknown; evidence?: Record<string, object> }): string {
  const w = expectedOutcomeOf(kind, expected)?.word ?? 'no word';
  const preflights = Object.values(expected.evidence ?? {}).reduce((n: number, e) => n + ((e as { preflightCount?: number }).preflightCount ?? 0), 0);
  return preflights ? `${w} · preflights ${preflights}` : w;
}

/** One scenario's line: the standard's outcome, then each engine's deviation that reads otherwise. */
export function goldenOutcome(s: Scenario): string {
  const standard = word(s.probe.kind, s.expect);
  const engines = Object.entries(s.deviations ?? {}).flatMap(([engine, d]) => {
    if (!d) return [];
    const w = word(s.probe.kind, mergedDeviation(s, d));
    return [`${engine}: ${w === standard ? 'same word, other details' : w}`];
  });
  return [standard, ...engines].join('; ');
}

export function goldenTable(scenarios: Array<Scenario & { file: string }>, family: GoldenFamily): Record<string, string> {
  return Object.fromEntries(scenarios.filter((s) => family.files.includes(s.file)).map((s) => [s.id, goldenOutcome(s)]));
}

/** What differs between the reviewed table and the catalog as built: one line per id. */
export function goldenDiff(reviewed: Record<string, string>, built: Record<string, string>): string[] {
  const ids = [...new Set([...Object.keys(reviewed), ...Object.keys(built)])];
  return ids.flatMap((id) => {
    if (!(id in built)) return [`${id}: in the table, no longer in the catalog`];
    if (!(id in reviewed)) return [`${id}: new, ${built[id]}`];
    return reviewed[id] === built[id] ? [] : [`${id}: ${reviewed[id]} → ${built[id]}`];
  });
}
