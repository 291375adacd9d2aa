/**
 * A WebDriver BiDi connection with nothing subscribed: commands and their answers only. Playwright
 * subscribes to every network, log and browsing-context event of every page, which Firefox's parent
 * process (where its remote agent runs, in JavaScript) must build and send; the harness needs none
 * of them, since pages report through the fixture server (see README "Speed").
 */
import { createRequire } from 'node:module';

// Node 20 has no WebSocket client without a flag; Playwright ships `ws` and exports its bundle.
interface WsLike {
  on(event: 'open' | 'close', cb: () => void): void;
  on(event: 'error', cb: (e: Error) => void): void;
  on(event: 'message', cb: (data: Buffer) => void): void;
  send(text: string): void;
  close(): void;
}
const { ws: WebSocket } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle') as {
  ws: new (url: string, opts?: Record<string, unknown>) => WsLike;
};

export interface BidiSocket {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Settles with the cause when the connection closes. */
  closed: Promise<string>;
  close(): void;
}

export function connectBidi(url: string, label: string, timeoutMs = 30_000): Promise<BidiSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void; method: string }>();
  let nextId = 1;
  let cause: string | undefined;
  let markClosed: (c: string) => void = () => undefined;
  const closed = new Promise<string>((resolve) => {
    markClosed = (c) => {
      if (cause) return;
      cause = c;
      for (const p of pending.values()) p.reject(new Error(`${label}: ${p.method} got no answer: ${c}`));
      pending.clear();
      resolve(c);
    };
  });
  socket.on('message', (data) => {
    const msg = JSON.parse(data.toString('utf8')) as { id?: number; type?: string; result?: unknown; error?: string; message?: string };
    if (msg.id === undefined) return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.type === 'error') p.reject(new Error(`${label}: ${p.method}: ${msg.error}: ${msg.message}`));
    else p.resolve(msg.result as never);
  });
  socket.on('close', () => markClosed(`${label}'s WebDriver BiDi connection closed`));
  const api: BidiSocket = {
    closed,
    close: () => socket.close(),
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      if (cause) return Promise.reject(new Error(`${label}: ${method}: ${cause}`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: never) => void, reject, method });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`${label}: no WebDriver BiDi connection to ${url} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.on('open', () => {
      clearTimeout(timer);
      resolve(api);
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      markClosed(`${label}'s WebDriver BiDi connection failed: ${e.message}`);
      reject(new Error(`${label}: WebDriver BiDi connection to ${url} failed: ${e.message}`));
    });
  });
}
