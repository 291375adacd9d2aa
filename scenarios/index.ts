/**
 * The catalog: every scenario file, in a fixed order. Add a file here to add its scenarios.
 * Loading validates everything; a malformed scenario stops the run naming file, id and field.
 */
import { validateCatalog, type Scenario } from '../harness/scenario.ts';
import { scenarios as originRelations } from './sop/origin-relations.ts';
import { scenarios as sopWindowProxy } from './sop/window-proxy.ts';
import { scenarios as isolationCoop } from './isolation/coop.ts';
import { scenarios as isolationCoep } from './isolation/coep.ts';
import { scenarios as isolationCorp } from './isolation/corp.ts';
import { scenarios as isolationCoi } from './isolation/coi.ts';
import { scenarios as isolationClaims } from './isolation/claims.ts';
import { scenarios as corsGenerated } from './cors/generated.ts';

export const SCENARIO_FILES: Array<{ file: string; scenarios: unknown[] }> = [
  { file: 'scenarios/sop/origin-relations.ts', scenarios: originRelations },
  { file: 'scenarios/sop/window-proxy.ts', scenarios: sopWindowProxy },
  { file: 'scenarios/isolation/coop.ts', scenarios: isolationCoop },
  { file: 'scenarios/isolation/coep.ts', scenarios: isolationCoep },
  { file: 'scenarios/isolation/corp.ts', scenarios: isolationCorp },
  { file: 'scenarios/isolation/coi.ts', scenarios: isolationCoi },
  { file: 'scenarios/isolation/claims.ts', scenarios: isolationClaims },
  { file: 'scenarios/cors/generated.ts', scenarios: corsGenerated },
];

let cached: Array<Scenario & { file: string }> | undefined;

export function loadCatalog(): Array<Scenario & { file: string }> {
  cached ??= validateCatalog(SCENARIO_FILES);
  return cached;
}
