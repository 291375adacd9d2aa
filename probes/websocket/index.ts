/** The `websocket` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, waitMs, observation, b, s, kind, isFalse, hasError, runtimeBlock } from '../contract.ts';
import { o, reached, type EvidenceLike, type Obs, type Outcome } from '../outcome-words.ts';

/** A WebSocket: the message exchanged (readable), opened only, refused by the server after it was sent, or never sent. */
function outcome(x: Obs, ev: EvidenceLike | undefined): Outcome | undefined {
  if (x.worker === false) return o('no worker', 'none');
  if (x.echoed === true || x.read === true) return o('exchanged', 'open');
  if (x.opened === true) return o('opened, nothing read', 'partial');
  if (x.constructed === false && typeof x.error === 'string') return o(`refused (${x.error})`, 'closed');
  if (x.opened === false) return reached(ev).actual ? o('handshake refused', 'closed') : o('not sent', 'closed');
  return undefined;
}

export const websocket = kind({
  params: z.strictObject({
    target: targetRef,
    /** The message sent once the socket is open (the fixture server echoes it). */
    send: z.string().optional(),
    /** Open the socket from a dedicated worker of the context (a blob: URL, the context's origin). */
    inWorker: z.boolean().optional(),
    waitMs,
  }),
  observation: observation({
    constructed: b,
    /** The constructor threw (its name). */
    error: s,
    opened: b,
    /** A message from the server reached script. */
    read: b,
    /** The message sent came back. */
    echoed: b,
    /** What the fixture server said it saw in the handshake ('none': no Origin), as script reads it. */
    saw: z.strictObject({ origin: z.string(), cookies: z.array(z.string()) }).optional(),
    message: s,
    closeCode: z.number().int().optional(),
    /** The error event fired: the connection failed (refused, blocked or dropped). */
    failed: b,
    /** After error, the close event followed (within 200 ms; the standard fires both in one task); false: it did not. */
    closeAfterError: b,
    /** The close event's wasClean. */
    wasClean: b,
    /** With inWorker: whether the worker started. */
    worker: b,
  }),
  blocks: (o) => runtimeBlock(o) || isFalse(o, 'constructed', 'opened', 'read', 'echoed', 'worker') || hasError(o),
  outcome,
});

export default websocket;
