/** The `arrival` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, waitMs, observation, b, kind, isFalse, runtimeBlock } from '../contract.ts';
import { o, type Obs, type Outcome } from '../outcome-words.ts';

/** A request the browser sends on its own schedule (a report): at the server within the bound, or not. */
function outcome(x: Obs): Outcome | undefined {
  if (x.arrived === true) return o('arrived', 'open');
  if (x.arrived === false) return o('not arrived', 'closed');
  return undefined;
}

export const arrival = kind({
  /** How long to wait is part of the question: reports are sent on the browser's own schedule. */
  params: z.strictObject({ target: targetRef, waitMs }),
  observation: observation({ arrived: b }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'arrived'),
  outcome,
});

export default arrival;
