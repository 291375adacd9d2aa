/**
 * A listener per Local Network Access address space that a browser reaches directly (no proxy):
 * it hands each connection to the fixture listener of its scheme (in this process), told apart by
 * the first byte (a TLS handshake record starts with 0x16). A browser that counts a proxied request as of no
 * address space (Chromium) maps each address-space host to one of these endpoints and is told
 * which space each endpoint is in; the fixture server still answers only catalog origins by Host
 * and server name. Binds 127.0.0.1 only.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { listenLoopback } from './proxy.ts';
import type { ServerTimeouts } from './timeouts.ts';

const TLS_HANDSHAKE = 0x16;

export interface SpaceRelay {
  /** `127.0.0.1:PORT` */
  endpoint: string;
  openConnections(): number;
  close(): Promise<void>;
}

export async function startSpaceRelay(servers: { http: net.Server; https: net.Server }, timeouts: ServerTimeouts, what: string): Promise<SpaceRelay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.setTimeout(timeouts.tunnelIdleMs, () => client.destroy());
    client.once('data', (first: Buffer) => {
      client.pause();
      client.unshift(first);
      const tls = first[0] === TLS_HANDSHAKE;
      (tls ? servers.https : servers.http).emit('connection', client);
      // The TLS layer reads the socket itself; the HTTP parser only listens, so the socket must flow again.
      if (!tls) client.resume();
    });
  });
  await listenLoopback(server, 0, what);
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `127.0.0.1:${port}`,
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
