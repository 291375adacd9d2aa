/** The `local-scheme` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, waitMs, observation, b, s, kind, isFalse, runtimeBlock } from '../contract.ts';
import { o, type Obs, type Outcome } from '../outcome-words.ts';

/**
 * The documents and workers a page creates without a response of their own (HTML's local schemes:
 * about:, blob:, data:), which take their policy container from their creator: initial and
 * navigated-to about:blank frames and popups, about:srcdoc, blob: frames and popups, data: frames,
 * and dedicated and shared workers from blob: and data: URLs. The `foreign-blob-*` contexts use a
 * blob: URL another document made (`creator`, a same-origin frame with its own policies): the page
 * navigates a frame or popup to it, or starts a worker from it.
 */
export const LOCAL_CONTEXTS = [
  'about-blank-frame',
  'about-blank-frame-navigated',
  'about-blank-popup',
  'about-blank-popup-navigated',
  'srcdoc-frame',
  'blob-frame',
  'blob-popup',
  'data-frame',
  'blob-worker',
  'data-worker',
  'blob-shared-worker',
  'data-shared-worker',
  'foreign-blob-frame',
  'foreign-blob-popup',
  'foreign-blob-worker',
  'foreign-blob-shared-worker',
] as const;
export type LocalContext = (typeof LOCAL_CONTEXTS)[number];

function outcome(x: Obs): Outcome | undefined {
  if (x.ready === false) return o('no context', 'none');
  if (x.loaded === false) return o('load blocked', 'closed');
  if (x.loaded === true) return o(x.crossOriginIsolated === true ? 'loads, isolated' : 'loads', 'open');
  return undefined;
}

export const localScheme = kind({
  params: z.strictObject({
    context: z.enum(LOCAL_CONTEXTS),
    /** What the context fetches (no-cors, credentials include): its load says which embedder policy it holds. */
    target: targetRef,
    /** The same-origin document a navigated-to about:blank context shows first. */
    via: targetRef.optional(),
    /** The same-origin document, in a frame of the page, that creates the blob: URL of a `foreign-blob-*` context. */
    creator: targetRef.optional(),
    waitMs,
  }),
  observation: observation({
    /** Whether the context came up (shared by every local-scheme probe of the visit with the same context). */
    ready: b,
    /** The context's URL scheme and origin, as it sees them. */
    scheme: s,
    origin: s,
    loaded: b,
    error: s,
    crossOriginIsolated: b,
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'ready', 'loaded'),
  outcome,
});

export default localScheme;
