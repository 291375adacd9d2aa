/**
 * The kinds a sequence step may run (every kind but sequence itself and the kinds that drive
 * their own contexts), the step schema, and how a step's observation — which carries no kind in
 * the results — is recognised by its shape. A new step kind registers here, one line.
 */
import { z } from 'zod';
import arrival from './arrival/index.ts';
import documentDomain from './document-domain/index.ts';
import embed from './embed/index.ts';
import fetchProbe from './fetch/index.ts';
import formPost from './form-post/index.ts';
import frameLoad from './frame-load/index.ts';
import frameView from './frame-view/index.ts';
import gated from './gated/index.ts';
import isolation from './isolation/index.ts';
import navigate from './navigate/index.ts';
import popup from './popup/index.ts';
import postMessage from './post-message/index.ts';
import resourceTiming from './resource-timing/index.ts';
import storage from './storage/index.ts';
import windowAccess from './window-access/index.ts';
import worker from './worker/index.ts';
import xhr from './xhr/index.ts';
import type { EvidenceLike, Obs, Outcome } from './outcome-words.ts';

export const STEP_KINDS = {
  'window-access': windowAccess,
  fetch: fetchProbe,
  xhr,
  isolation,
  embed,
  storage,
  popup,
  worker,
  gated,
  'post-message': postMessage,
  'document-domain': documentDomain,
  'form-post': formPost,
  navigate,
  'frame-view': frameView,
  'frame-load': frameLoad,
  'resource-timing': resourceTiming,
  arrival,
} as const;
export type StepKind = keyof typeof STEP_KINDS;

export const step = z.discriminatedUnion(
  'kind',
  (Object.keys(STEP_KINDS) as StepKind[]).map((kind) =>
    z.strictObject({
      kind: z.literal(kind),
      params: STEP_KINDS[kind].params,
      /** Run inside this named context (declared in `contexts`); the page itself when absent. */
      in: z.string().optional(),
      waitMs: z.number().int().min(0).max(3000).optional(),
    }),
  ) as unknown as [AnyStepSchema, ...AnyStepSchema[]],
);
type StepSchema<K extends StepKind> = z.ZodObject<{
  kind: z.ZodLiteral<K>;
  params: (typeof STEP_KINDS)[K]['params'];
  in: z.ZodOptional<z.ZodString>;
  waitMs: z.ZodOptional<z.ZodNumber>;
}>;
type AnyStepSchema = { [K in StepKind]: StepSchema<K> }[StepKind];

/** Any step's observation: the union of every step kind's. */
export const anyStepObservation = z.union(
  (Object.keys(STEP_KINDS) as StepKind[]).map((k) => STEP_KINDS[k].observation) as unknown as [
    (typeof STEP_KINDS)[StepKind]['observation'],
    ...Array<(typeof STEP_KINDS)[StepKind]['observation']>,
  ],
);

/** A step of a sequence carries no kind in the results: recognise it by its shape (order matters). */
export function byShape(x: Obs, ev: EvidenceLike | undefined): Outcome | undefined {
  if ('resolved' in x) return fetchProbe.outcome(x, ev);
  if ('popupOpener' in x || 'navigate' in x) return popup.outcome(x, ev);
  if ('delivered' in x || 'posted' in x) return postMessage.outcome(x, ev);
  if ('submitted' in x) return formPost.outcome(x, ev);
  if ('sabPostMessage' in x) return gated.outcome(x, ev);
  if ('crossOriginIsolated' in x) return isolation.outcome(x, ev);
  if ('event' in x && 'created' in x) return worker.outcome(x, ev);
  if ('event' in x || 'read' in x || 'scriptError' in x) return embed.outcome(x, ev);
  if ('loaded' in x) return fetchProbe.outcome(x, ev);
  if ('targetReady' in x || 'valueType' in x) return windowAccess.outcome(x, ev);
  if ('before' in x || 'after' in x) return documentDomain.outcome(x, ev);
  if ('allowed' in x || 'value' in x) return storage.outcome(x, ev);
  if ('arrived' in x) return arrival.outcome(x, ev);
  return undefined;
}
