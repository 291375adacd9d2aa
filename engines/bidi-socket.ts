/**
 * A WebDriver BiDi connection with nothing subscribed: commands and their answers only. Playwright
 * subscribes to every network, log and browsing-context event of every page, which Firefox's parent
 * process (where its remote agent runs, in JavaScript) must build and send; the harness needs none
 * of them, since pages report through the fixture server (see docs/performance.md, "The drivers").
 */
import { createRequire } from 'node:module';
import { commandChannel, type CommandChannel } from './command-channel.ts';

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

export interface BidiSocket extends CommandChannel {
  close(): void;
}

export function connectBidi(url: string, label: string, timeoutMs = 30_000): Promise<BidiSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  const channel = commandChannel(label, (command) => socket.send(JSON.stringify(command)));
  socket.on('message', (data) => {
    const msg = JSON.parse(data.toString('utf8')) as { id?: number; type?: string; result?: unknown; error?: string; message?: string };
    channel.receive({ id: msg.id, result: msg.result, ...(msg.type === 'error' ? { error: `${msg.error}: ${msg.message}` } : {}) });
  });
  socket.on('close', () => channel.close(`${label}'s WebDriver BiDi connection closed`));
  const api: BidiSocket = { closed: channel.closed, send: channel.send, close: () => socket.close() };
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
      channel.close(`${label}'s WebDriver BiDi connection failed: ${e.message}`);
      reject(new Error(`${label}: WebDriver BiDi connection to ${url} failed: ${e.message}`));
    });
  });
}
