/** The `popup` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, waitMs, observation, b, s, kind, isFalse, runtimeBlock } from '../contract.ts';
import { o, isObj, type Obs, type EvidenceLike, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs, _ev?: EvidenceLike, about?: Obs): Outcome | undefined {
  // Scenarios about where the popup landed (an upgraded http URL) expect its origin, not its opener.
  if (about && 'popupOrigin' in about && !('popupOpener' in about) && typeof x.popupOrigin === 'string') return o(`opened at ${x.popupOrigin}`, 'state');
  if (isObj(x.navigate)) {
    const n = x.navigate;
    if (n.report === false) return o('severed', 'closed');
    if (n.opener === 'null') return o('severed by navigation', 'closed');
    if (n.opener === 'present') return o('opener kept', 'open');
  }
  if (x.popupOpener === 'present') return o('opener kept', 'open');
  if (x.popupOpener === 'null') return x.closed === true ? o('severed', 'closed') : o('no opener', 'closed');
  if (x.report === false) return x.opened === false ? o('not opened', 'closed') : o('no report', 'none');
  return undefined;
}

export const popup = kind({
  params: z.strictObject({
    open: targetRef,
    via: z.enum(['open', 'anchor']).optional(),
    rel: z.string().optional(),
    name: z.string().optional(),
    features: z.string().optional(),
    waitMs,
    navigate: targetRef.optional(),
    pongMs: z.number().int().min(100).max(5000).optional(),
    navWaitMs: waitMs,
  }),
  observation: observation({
    opened: b,
    openError: s,
    /** The popup posted to the mailbox, and what it saw of itself. */
    report: b,
    popupOpener: z.string().optional(),
    popupOrigin: s,
    popupIsolated: b,
    hello: b,
    /** The opener's view of popup.closed; null when there is no handle (anchors), 'error:…' when it threw. */
    closed: z.union([z.boolean(), z.string()]).nullable().optional(),
    pong: b,
    pongOrigin: s,
    pingError: s,
    navigate: z.strictObject({ error: s, report: b, opener: s, origin: s, closed: z.union([z.boolean(), z.string()]).optional() }).optional(),
  }),
  // A severed opener relation is this probe's expected block: no opener, no hello, no pong.
  blocks: (o) =>
    runtimeBlock(o) ||
    isFalse(o, 'opened', 'report', 'hello', 'pong') ||
    o.popupOpener === 'null' ||
    isFalse((o.navigate ?? {}) as Record<string, unknown>, 'report'),
  outcome,
});

export default popup;
