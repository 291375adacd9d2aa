/** Stand-ins for a user's server that misbehaves: nothing listening, garbage instead of HTTP, silence. */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP server that answers every connection with `reply` (or nothing at all when undefined). */
export async function rawServer(reply: string | undefined): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    if (reply !== undefined) s.once('data', () => s.end(reply));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * A port on 127.0.0.1 whose connections are refused, and stay refused: below the range the kernel
 * hands out for `listen(0)`, so no other test's server can take it meanwhile (a port taken and
 * released can be handed to another test's server on a busy run, which then answers instead).
 */
export async function refusedPort(): Promise<number> {
  for (const port of [1, 9, 13, 17, 19]) {
    const refused = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1');
      c.once('connect', () => (c.destroy(), resolve(false)));
      c.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
    });
    if (refused) return port;
  }
  throw new Error('no port below 20 refuses connections on 127.0.0.1');
}

/** A port free right now (taken, then released): for a server a test starts on it. */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * A TCP server that records every byte it was sent and answers each connection with `reply`
 * once the request's header block has arrived; `trickle` keeps writing after it (an endless body).
 */
export async function scriptedServer(
  reply: string,
  trickle?: { chunk: string; everyMs: number },
): Promise<{ port: number; received: string[]; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const received: string[] = [];
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    let seen = '';
    let answered = false;
    const index = received.push('') - 1;
    s.on('data', (d: Buffer) => {
      seen += d.toString('latin1');
      received[index] = seen;
      if (answered || !seen.includes('\r\n\r\n')) return;
      answered = true;
      s.write(reply);
      if (!trickle) return;
      const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : s.write(trickle.chunk)), trickle.everyMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise((r) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
