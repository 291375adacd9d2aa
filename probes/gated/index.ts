/** The `gated` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { isolation } from '../isolation/index.ts';
import { observation, b, s, kind, runtimeBlock } from '../contract.ts';
import { o, type Obs, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs): Outcome | undefined {
  if (x.sabPostMessage === true) return o('gated APIs exposed', 'state');
  if (x.sabPostMessage === false) return o('gated APIs hidden', 'state');
  return isolation.outcome(x, undefined);
}

export const gated = kind({
  params: z.strictObject({}),
  observation: observation({
    crossOriginIsolated: b,
    /** typeof performance.measureUserAgentSpecificMemory */
    measureUserAgentSpecificMemory: s,
    sabPostMessage: b,
    postError: s,
  }),
  blocks: runtimeBlock,
  outcome,
});

export default gated;
