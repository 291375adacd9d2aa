/**
 * The conformance suite's visits: the catalog planned into shared page visits. Computed the
 * same way (deterministically) by the test file in every worker and shard, and by the visit
 * service, so a visit key means the same visit everywhere.
 */
import { loadCatalog } from '../scenarios/index.ts';
import { planVisits, type PlannedVisit } from './planner.ts';

let cached: PlannedVisit[] | undefined;

export function suiteVisits(): PlannedVisit[] {
  cached ??= planVisits(loadCatalog());
  return cached;
}
