/**
 * The conformance suite's visits: the catalog planned into shared page visits. Computed the
 * same way (deterministically) by the test file in every worker and shard, and by the visit
 * service, so a visit key means the same visit everywhere.
 */
import { loadCatalog } from '../scenarios/index.ts';
import { loadParsingCatalog, parsingRequested, planParsingVisits } from '../scenarios/parsing/index.ts';
import { planVisits, type PlannedVisit } from './planner.ts';
import type { Scenario } from './scenario.ts';

let cached: PlannedVisit[] | undefined;
let withParsing: PlannedVisit[] | undefined;

export function suiteVisits(): PlannedVisit[] {
  cached ??= planVisits(loadCatalog());
  return cached;
}

/**
 * Every visit this run can execute: the suite's, and the parsing area's (issue 16) when the run
 * asks for it (tests/conformance/parsing.spec.ts builds its tests from those). The runner and the
 * visit service know both; conformance.spec.ts builds tests from suiteVisits() only.
 */
export function runVisits(): PlannedVisit[] {
  withParsing ??= [...suiteVisits(), ...(parsingRequested() ? planParsingVisits(loadParsingCatalog()) : [])];
  return withParsing;
}

/** Every scenario the run can execute, by id (reports look up the ones left without a row). */
export function runScenarios(): Map<string, Scenario> {
  return new Map(runVisits().flatMap((v) => v.scenarios.map((s) => [s.id, s] as const)));
}
