/**
 * Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), with nothing attached
 * to the pages. The harness only needs "open this URL in a fresh context, later close it": the
 * page reports through the fixture server. Playwright attaches to every page, frame and popup and
 * holds each new one until it has instrumented it; on the window-access and popup scenarios that
 * cost more CPU in Chromium's browser process than the pages themselves (see docs/performance.md, "The drivers").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { commandChannel, type CommandChannel } from './command-channel.ts';

export interface CdpPipe extends CommandChannel {
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
  const channel = commandChannel(label, (command) => toBrowser.write(JSON.stringify(command) + '\0'));
  let gone = false;
  void channel.closed.then(() => (gone = true));
  child.once('exit', (code, signal) =>
    channel.close(`${label} exited (${signal ?? `code ${code}`})${stderrTail.trim() ? `: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}` : ''}`),
  );
  child.once('error', (e) => channel.close(`${label} could not be started: ${e.message}`));
  toBrowser.on('error', () => channel.close(`${label}'s DevTools pipe closed`));
  fromBrowser.on('close', () => channel.close(`${label}'s DevTools pipe closed`));

  let buffer = '';
  fromBrowser.on('data', (d: Buffer) => {
    buffer += d.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\0')) >= 0) {
      const text = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      const msg = JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string } };
      channel.receive({ id: msg.id, result: msg.result, error: msg.error?.message });
    }
  });

  return {
    process: child,
    closed: channel.closed,
    send: channel.send,
    async kill() {
      if (gone) return;
      // Browser.close lets Chromium remove its profile lock cleanly; a kill follows if it hangs.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await Promise.race([channel.send('Browser.close').catch(() => undefined), channel.closed]);
      await channel.closed;
      clearTimeout(timer);
    },
  };
}
