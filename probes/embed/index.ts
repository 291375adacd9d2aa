/** The `embed` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, waitMs, observation, b, s, attempt, kind, isFalse, runtimeBlock } from '../contract.ts';
import { o, isObj, type EvidenceLike, type Obs, type Outcome } from '../outcome-words.ts';

/** Muted means the whole event: HTML's "Script error.", "", 0, 0, null — a message alone still leaks the rest. */
function scriptErrorOutcome(e: Obs): Outcome {
  if (e.muted !== true) return o('ran, error readable', 'open');
  const whole = e.filename === '' && e.lineno === 0 && e.colno === 0 && e.error === 'null';
  return whole ? o('ran, error muted', 'partial') : o('ran, error muted in message only', 'partial');
}

function outcome(x: Obs, ev?: EvidenceLike): Outcome | undefined {
  if (x.loaded === false || x.event === 'error') return o('blocked', 'closed');
  if (x.event === 'none') return o('no load event', 'none');
  if (x.loaded !== true && x.event !== 'load') return undefined;
  // A frame fires load for the error document of a request that was never sent (Local Network Access).
  const arrivals = Object.values(ev ?? {})
    .filter(isObj)
    .map((e) => e.arrived);
  if (arrivals.length && arrivals.every((a) => a === false)) return o('not sent (error document)', 'closed');
  if (isObj(x.read)) return x.read.allowed === true ? o('loaded, readable', 'open') : o('loaded, unreadable', 'partial');
  if (isObj(x.scriptError)) return scriptErrorOutcome(x.scriptError);
  return o('loaded', 'open');
}

export const embed = kind({
  params: z.strictObject({
    element: z.enum(['img', 'script', 'style', 'iframe', 'audio', 'video']),
    target: targetRef,
    crossorigin: z.enum(['anonymous', 'use-credentials', '']).optional(),
    read: z.enum(['canvas', 'cssRules', 'frame-document', 'none']).optional(),
    signal: z.string().optional(),
    waitMs,
  }),
  observation: observation({
    loaded: b,
    event: z.enum(['load', 'error', 'none']).optional(),
    /** The read-back attempt (canvas pixels, cssRules, the frame's document). */
    read: z.strictObject(attempt).optional(),
    /** What scripts under test passed to OP.signal(name). */
    signals: z.array(z.unknown()).optional(),
    /** The first window error event of this script (reported while it was the document's currentScript): HTML's "report an exception" fields. */
    scriptError: z
      .strictObject({
        message: s,
        muted: b,
        filename: z.enum(['', 'src', 'other']),
        lineno: z.number(),
        colno: z.number(),
        error: z.enum(['null', 'undefined', 'object', 'string', 'number', 'boolean', 'function', 'symbol', 'bigint']),
      })
      .nullable()
      .optional(),
  }),
  blocks: (o) =>
    runtimeBlock(o) ||
    isFalse(o, 'loaded') ||
    o.event === 'error' ||
    o.event === 'none' ||
    isFalse((o.read ?? {}) as Record<string, unknown>, 'allowed') ||
    (Array.isArray(o.signals) && o.signals.length === 0),
  outcome,
});

export default embed;
