/** The `isolation` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { observation, b, s, kind, runtimeBlock } from '../contract.ts';
import { o, type Obs, type EvidenceLike, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs, _ev?: EvidenceLike, about?: Obs): Outcome | undefined {
  // Scenarios about the page's own origin (sandboxing) expect `origin`, not isolation.
  if (about && 'origin' in about && !('crossOriginIsolated' in about) && typeof x.origin === 'string') return o(`origin ${x.origin}`, 'state');
  if (x.crossOriginIsolated === true) return o('isolated', 'state');
  if (x.crossOriginIsolated === false) return o('not isolated', 'state');
  return undefined;
}

export const isolation = kind({
  params: z.strictObject({}),
  observation: observation({
    origin: s,
    isSecureContext: b,
    crossOriginIsolated: b,
    sharedArrayBuffer: b,
    sabConstructible: b,
    sharedWasmMemory: b,
  }),
  blocks: runtimeBlock,
  outcome,
});

export default isolation;
