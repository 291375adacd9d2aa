/**
 * A listener per Local Network Access address space that a browser reaches directly (no proxy):
 * it relays each connection to the fixture listener of its scheme, told apart by the first byte
 * (a TLS handshake record starts with 0x16). A browser that counts a proxied request as of no
 * address space (Chromium) maps each address-space host to one of these endpoints and is told
 * which space each endpoint is in; the fixture server still answers only catalog origins by Host
 * and server name. Binds 127.0.0.1 only.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { listenLoopback } from './proxy.ts';
import type { ServerTimeouts } from './timeouts.ts';

const TLS_HANDSHAKE = 0x16;

export interface SpaceRelay {
  /** `127.0.0.1:PORT` */
  endpoint: string;
  openConnections(): number;
  close(): Promise<void>;
}

export async function startSpaceRelay(targets: { http: number; https: number }, timeouts: ServerTimeouts, what: string): Promise<SpaceRelay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.setTimeout(timeouts.tunnelIdleMs, () => client.destroy());
    client.once('data', (first: Buffer) => {
      client.pause();
      const upstream = net.connect(first[0] === TLS_HANDSHAKE ? targets.https : targets.http, '127.0.0.1', () => {
        upstream.write(first);
        pipeline(client, upstream, () => undefined);
        pipeline(upstream, client, () => undefined);
        client.resume();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
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
