/**
 * Recorded engine deviations for generated CORS scenarios: rules over the scenario's factors and its
 * model expectation. Each rule names the engine, what it does instead, why, and a link.
 */
import type { ScenarioInput } from '../../harness/scenario.ts';

type Deviations = NonNullable<ScenarioInput['deviations']>;

export function deviationsFor(_s: ScenarioInput, _row: Record<string, string>): Deviations | undefined {
  return undefined;
}

export function claimDeviations(_s: ScenarioInput): Deviations | undefined {
  return undefined;
}
