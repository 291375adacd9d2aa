/**
 * Host-mapping proxy. Browsers are told to send everything here; the proxy forwards a
 * request only when its `host:port` is a catalog origin, to the local listener of that
 * origin's scheme, and refuses everything else with a response that says why. It opens
 * connections to the fixture listeners on 127.0.0.1 and to nothing else.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { lookupAuthority, defaultPort, type Scheme } from './origins.ts';

export interface ProxyTargets {
  http: number;
  https: number;
}

export interface RefusedDestination {
  method: string;
  destination: string;
  reason: string;
}

export interface HostMappingProxy {
  port: number;
  url: string;
  refused: RefusedDestination[];
  close(): Promise<void>;
}

function parseAuthority(authority: string, scheme: Scheme): { host: string; port: number } | undefined {
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(authority);
  if (!m) return undefined;
  const port = m[2] ? Number(m[2]) : defaultPort(scheme);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
  return { host: m[1].toLowerCase(), port };
}

export async function startProxy(targets: ProxyTargets, listenPort = 0): Promise<HostMappingProxy> {
  const refused: RefusedDestination[] = [];
  const refuse = (method: string, destination: string, reason: string) => {
    // Bounded: a chatty browser must not grow memory without limit.
    if (refused.length < 1000) refused.push({ method, destination, reason });
    return `originproof proxy refused ${method} ${destination}: ${reason}. Only the fixture network's catalog origins are reachable.\n`;
  };

  const server = http.createServer((req, res) => {
    // Absolute-form request: "GET http://site.test:8080/path HTTP/1.1".
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end(refuse(req.method ?? '?', req.url ?? '', 'not an absolute-form proxy request'));
      return;
    }
    if (target.protocol !== 'http:') {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end(refuse(req.method ?? '?', req.url ?? '', `scheme ${target.protocol} is not proxied`));
      return;
    }
    const port = target.port ? Number(target.port) : 80;
    const found = lookupAuthority(target.hostname, port);
    if (!found || found.entry.scheme !== 'http') {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end(refuse(req.method ?? '?', target.host, 'not an http origin of the catalog'));
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = http.request(
      { host: '127.0.0.1', port: targets.http, method: req.method, path: target.pathname + target.search, headers, setHost: false },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
        up.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`originproof proxy: fixture server error: ${e.message}\n`);
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const authority = parseAuthority(req.url ?? '', 'https');
    const found = authority && lookupAuthority(authority.host, authority.port);
    client.on('error', () => client.destroy());
    if (!found || found.entry.scheme !== 'https') {
      const body = refuse('CONNECT', req.url ?? '', 'not an https origin of the catalog');
      client.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    const upstream = net.connect(targets.https, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    // A tunnel lives and dies as one: a browser killed mid-visit must not leave the fixture server a half.
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });

  server.on('clientError', (_e, socket) => socket.destroy());
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await listenLoopback(server, listenPort, 'proxy');
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Listen on 127.0.0.1 only; a port in use becomes an error that names the port and the component. */
export function listenLoopback(server: net.Server, port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE')
        reject(new Error(`originproof: ${what} cannot listen on 127.0.0.1:${port}: the port is already in use (pick another port or 0 for an ephemeral one)`));
      else reject(new Error(`originproof: ${what} cannot listen on 127.0.0.1:${port}: ${e.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}
