/** The `sequence` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { anyStepObservation, byShape, step } from '../steps.ts';
import { contextSpec, observation, kind, runtimeBlock } from '../contract.ts';
import { o, isObj, type Obs, type EvidenceLike, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs, ev: EvidenceLike | undefined): Outcome | undefined {
  if (isObj(x.contexts) && Object.values(x.contexts).some((v) => v === false)) return o('no target', 'none');
  const steps = Array.isArray(x.steps) ? x.steps.filter(isObj) : [];
  // The last step is the one the scenario is about (earlier steps set the stage).
  for (let i = steps.length - 1; i >= 0; i--) {
    const r = byShape(steps[i], ev);
    if (r) return r;
  }
  // An expectation about its contexts alone (what their requests carried is in the evidence): they came up.
  if (!steps.length && isObj(x.contexts) && Object.values(x.contexts).length && Object.values(x.contexts).every((v) => v === true)) return o('loaded', 'open');
  return undefined;
}

export const sequence = kind({
  params: z.strictObject({
    contexts: z.record(z.string(), contextSpec).optional(),
    steps: z.array(step).min(1),
  }),
  observation: observation({
    /** Per named context: whether it came up. */
    contexts: z.record(z.string(), z.boolean()).optional(),
    /** One observation per step, in order. */
    steps: z.array(anyStepObservation).optional(),
  }),
  // A sequence records a block when any of its steps does (judged by that step's own contract).
  blocks: (o) => runtimeBlock(o) || Object.values((o.contexts ?? {}) as Record<string, unknown>).some((v) => v === false),
  outcome,
});

export default sequence;
