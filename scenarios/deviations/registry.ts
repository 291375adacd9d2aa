/**
 * The shape of an engine's recorded deviations from the standard. Scenarios state only the
 * standard; what an engine does instead lives in one registry per engine family
 * (chromium.ts, firefox.ts, webkit.ts), kept apart from the tests the way web-platform-tests keeps
 * its expectation metadata. Every entry carries a reason and a link to a real bug, a position, a
 * spec issue or a drafted report in docs/bugs/. Three forms, one per way an expectation is made:
 *  - observed: for scenarios written by hand or generated from a table, by id or id pattern, the
 *    values this engine is observed to report instead (merged into the expectation, then matched);
 *  - fetchModel: for the CORS catalog, a variant of the Fetch model this engine follows; each case's
 *    deviation is the model's result under the variant where it differs from the standard's;
 *  - parsing: for the parsing catalog, how this engine reads header bytes (one rule per root cause).
 * A recorded deviation that no longer happens is judged fixed-deviation (the run fails), and an entry
 * that names no scenario, or changes none, is stale (tests/selftest/deviations.test.ts).
 */
import type { ModelVariant } from '../../harness/model/fetch/index.ts';
import type { EngineRule } from '../parsing/build.ts';

export interface Why {
  reason: string;
  /** A real bug, an engine's position, a spec issue, or `repo:docs/bugs/<file>` for a drafted report. */
  link: string;
}

export interface ObservedDeviation extends Why {
  /** Scenario ids, or a pattern over ids. */
  scenarios: string[] | RegExp;
  /** Merged into the expectation: null marks a key of it absent. */
  observed: Record<string, unknown>;
  evidence?: Record<string, Record<string, unknown>>;
}

export interface FetchModelDeviation extends Why {
  variant: ModelVariant;
}

export type ParsingReading = Omit<EngineRule, 'engine'>;

export interface EngineDeviations {
  observed: ObservedDeviation[];
  fetchModel: FetchModelDeviation[];
  parsing: ParsingReading[];
}
