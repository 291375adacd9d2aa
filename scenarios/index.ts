/**
 * The catalog: every scenario file, in a fixed order. Add a file here to add its scenarios.
 * Loading validates everything; a malformed scenario stops the run naming file, id and field.
 */
import { validateCatalog, type Scenario } from '../harness/scenario.ts';
import { scenarios as originRelations } from './sop/origin-relations.ts';

export const SCENARIO_FILES: Array<{ file: string; scenarios: unknown[] }> = [
  { file: 'scenarios/sop/origin-relations.ts', scenarios: originRelations },
];

let cached: Array<Scenario & { file: string }> | undefined;

export function loadCatalog(): Array<Scenario & { file: string }> {
  cached ??= validateCatalog(SCENARIO_FILES);
  return cached;
}
