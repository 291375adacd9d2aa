/** The `frame-view` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, waitMs, observation, b, s, kind, isFalse, runtimeBlock } from '../contract.ts';
import { o, type Obs, type Outcome } from '../outcome-words.ts';

function outcome(x: Obs): Outcome | undefined {
  // A popup: the opener's handle closed means a browsing context group switch severed it.
  if (x.closed === true) return o('severed', 'closed');
  // The frame's own document said hello: it ran. Otherwise what the page sees decides the word.
  if (x.hello === true) return o('loaded', 'open');
  if (x.contentDocument === 'document') return o('blank, not loaded', 'closed');
  if (x.hello === false) return o('not loaded', 'closed');
  if (x.showsTarget === true) return x.closed === false ? o('shows target, kept', 'open') : o('shows target', 'open');
  if (x.showsTarget === false) return o('not shown', 'closed');
  return undefined;
}

/** What a page can read of one member of a frame: the value, or the exception's name. */
const frameRead = z.strictObject({ allowed: b, value: z.string().nullable().optional(), error: s });

export const frameView = kind({
  /** via 'popup': the document opens in a new window (a user's page whose isolation is read, in the audit). */
  params: z.strictObject({ target: targetRef, via: z.enum(['iframe', 'popup']).optional(), waitMs }),
  // Values, not only "allowed": a blocked frame still showing the page's own initial about:blank
  // must never read as the same-origin document that was asked for.
  observation: observation({
    loadEvent: b,
    hello: b,
    helloOrigin: s,
    contentDocument: s,
    href: frameRead.optional(),
    origin: frameRead.optional(),
    url: frameRead.optional(),
    /** Popups: the opener's view of closed (a browsing context group switch severs the window). */
    closed: b,
    /** The page reads a document of the target's origin in it (the target, or a redirect on that origin). */
    showsTarget: b,
    /** That document's self.crossOriginIsolated (only when showsTarget). */
    crossOriginIsolated: b,
  }),
  blocks: (o) =>
    runtimeBlock(o) ||
    isFalse(o, 'hello', 'loadEvent', 'showsTarget') ||
    o.closed === true ||
    o.contentDocument === 'null' ||
    ['href', 'origin', 'url'].some((k) => isFalse((o[k] ?? {}) as Record<string, unknown>, 'allowed')),
  outcome,
});

export default frameView;
