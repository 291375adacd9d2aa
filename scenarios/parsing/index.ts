/**
 * The parsing catalog (header parsing at scale): ≥ 10,000 header variants per engine, every expectation from
 * harness/model/parsing. It is not part of the default catalog (scenarios/index.ts): a run includes it
 * when asked (`--grep parsing/…`, `npm run parsing`, or ORIGINPROOF_PARSING=1).
 */
import { validateCatalog, type Scenario, type ScenarioInput } from '../../harness/scenario/scenario.ts';
import { planVisits, type PlannedVisit } from '../../harness/plan/planner.ts';
import { areaOf, buildHeaderCase, type BuildStats, type EngineRule, type HeaderCase } from './build.ts';
import { FETCH_CASES } from './fetch-headers.ts';
import { DOCUMENT_CASES } from './document-headers.ts';
import { activateStorageAccess } from './storage-access-headers.ts';
import { PARSING_RULES, withRecordedDeviations } from '../deviations/index.ts';

export const PARSING_FILE = 'scenarios/parsing/index.ts';
export const PARSING_CASES: HeaderCase[] = [...FETCH_CASES, ...DOCUMENT_CASES, activateStorageAccess as HeaderCase];

export function buildParsingScenarios(rules: EngineRule[] = PARSING_RULES): { scenarios: ScenarioInput[]; stats: BuildStats } {
  const stats: BuildStats = { variants: 0, meta: new Map(), ambiguous: [], duplicates: 0 };
  const scenarios = PARSING_CASES.flatMap((c) => buildHeaderCase(c, rules, stats));
  return { scenarios, stats };
}

let cached: Array<Scenario & { file: string }> | undefined;

/** Built, validated like every scenario file, and cached per process. */
export function loadParsingCatalog(): Array<Scenario & { file: string }> {
  cached ??= validateCatalog([{ file: PARSING_FILE, scenarios: withRecordedDeviations(buildParsingScenarios().scenarios) }]);
  return cached;
}

export { parsingRequested } from './requested.ts';

/** How many variants share a visit, and how many probes run at once, per kind of area. */
const VISITS: Record<string, { chunk: number; concurrency: number }> = {
  fetch: { chunk: 200, concurrency: 16 },
  [areaOf('X-Frame-Options')]: { chunk: 100, concurrency: 8 },
  [areaOf('Cross-Origin-Embedder-Policy')]: { chunk: 100, concurrency: 8 },
  // Top-level popups: a few at a time (each is a new window and often a new process).
  [areaOf('Cross-Origin-Opener-Policy')]: { chunk: 24, concurrency: 2 },
  // Each frame must be the first of its origin in the page: five origins, five frames a visit.
  [areaOf('Origin-Agent-Cluster')]: { chunk: 5, concurrency: 5 },
};

/** Visits of the parsing catalog, planned area by area; keys are stable across runs and shards. */
export function planParsingVisits(catalog: Scenario[] = loadParsingCatalog()): PlannedVisit[] {
  const areas = [...new Set(catalog.map((s) => s.area))];
  return areas.flatMap((area) => {
    const { chunk, concurrency } = VISITS[area] ?? VISITS.fetch;
    const slug = area.replace(/^parsing\//, '');
    return planVisits(
      catalog.filter((s) => s.area === area),
      chunk,
      concurrency,
    ).map((v) => ({ ...v, key: `${slug}-${v.key}` }));
  });
}
