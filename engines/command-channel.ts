/**
 * What the bare DevTools pipe (cdp-pipe.ts) and the bare BiDi socket (bidi-socket.ts) share:
 * numbered commands, each settled by the answer with its id, and one cause of death that fails
 * every command in flight and every later one.
 */
export interface CommandChannel {
  /** `sessionId`: a CDP session attached to one target (flat mode); BiDi has none. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  /** Settles with the cause when the connection (or the process behind it) is gone. */
  closed: Promise<string>;
}

export interface ChannelEnds extends CommandChannel {
  /** Hands an incoming message to the channel: an answer settles its command; events are ignored (none are subscribed to). */
  receive(msg: { id?: number; result?: unknown; error?: string }): void;
  /** The connection is gone; the first cause given is the one kept. */
  close(cause: string): void;
}

/** `write` puts one command on the wire; `label` names the browser in every error. */
export function commandChannel(
  label: string,
  write: (command: { id: number; method: string; params: Record<string, unknown>; sessionId?: string }) => void,
): ChannelEnds {
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void; method: string }>();
  let nextId = 1;
  let cause: string | undefined;
  let settleClosed: (c: string) => void = () => undefined;
  const closed = new Promise<string>((resolve) => (settleClosed = resolve));
  return {
    closed,
    receive(msg) {
      if (msg.id === undefined) return;
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(`${label}: ${p.method}: ${msg.error}`));
      else p.resolve(msg.result as never);
    },
    close(c) {
      if (cause) return;
      cause = c;
      for (const p of pending.values()) p.reject(new Error(`${label}: ${p.method} got no answer: ${c}`));
      pending.clear();
      settleClosed(c);
    },
    send<T>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
      if (cause) return Promise.reject(new Error(`${label}: ${method}: ${cause}`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: never) => void, reject, method });
        write(sessionId ? { id, method, params, sessionId } : { id, method, params });
      });
    },
  };
}
