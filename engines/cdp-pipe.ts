/**
 * Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), with nothing attached
 * to the pages. The harness only needs "open this URL in a fresh context, later close it": the
 * page reports through the fixture server. Playwright attaches to every page, frame and popup and
 * holds each new one until it has instrumented it; on the window-access and popup scenarios that
 * cost more CPU in Chromium's browser process than the pages themselves (see README "Speed").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface CdpPipe {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Settles with the cause when the browser process exits or the pipe closes. */
  closed: Promise<string>;
  process: ChildProcess;
  kill(): Promise<void>;
}

/** Starts `executable` with `args` plus --remote-debugging-pipe; CDP messages are NUL-terminated JSON on fds 3 (to) and 4 (from). */
export function startCdpPipe(executable: string, args: string[], label: string): CdpPipe {
  const child = spawn(executable, [...args, '--remote-debugging-pipe'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: false });
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderrTail = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderrTail = (stderrTail + d.toString()).slice(-2000);
  });
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
  child.once('exit', (code, signal) =>
    markClosed(`${label} exited (${signal ?? `code ${code}`})${stderrTail.trim() ? `: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}` : ''}`),
  );
  child.once('error', (e) => markClosed(`${label} could not be started: ${e.message}`));
  toBrowser.on('error', () => markClosed(`${label}'s DevTools pipe closed`));
  fromBrowser.on('close', () => markClosed(`${label}'s DevTools pipe closed`));

  let buffer = '';
  fromBrowser.on('data', (d: Buffer) => {
    buffer += d.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const text = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const msg = JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) continue; // events: none are subscribed to
      const p = pending.get(msg.id);
      if (!p) continue;
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${label}: ${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result as never);
    }
  });

  return {
    process: child,
    closed,
    send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      if (cause) return Promise.reject(new Error(`${label}: ${method}: ${cause}`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: never) => void, reject, method });
        toBrowser.write(JSON.stringify({ id, method, params }) + '\0');
      });
    },
    async kill() {
      if (cause) return;
      // Browser.close lets Chromium remove its profile lock cleanly; a kill follows if it hangs.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await Promise.race([this.send('Browser.close').catch(() => undefined), closed]);
      await closed;
      clearTimeout(timer);
    },
  };
}
