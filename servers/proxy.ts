/**
 * Host-mapping proxy. Browsers are told to send everything here; the proxy forwards a
 * request only when its `host:port` is a catalog origin, to the local listener of that
 * origin's scheme, and refuses everything else with a response that says why. It opens
 * connections to the fixture listeners on 127.0.0.1 and to nothing else.
 *
 * Each forwarded request and each tunnel lives and dies as one: when either side goes away the
 * other is torn down, and the header, body and idle timeouts (timeouts.ts) bound every wait.
 * The fixture server sees the authority the proxy admitted: as the Host of a forwarded request,
 * and through `admitted` for a tunnel. A tunnel's connection is handed to the fixture listener of
 * its scheme in this process rather than relayed over a second loopback connection: relaying every
 * byte twice was a fifth of the visit service's CPU.
 */
import http from 'node:http';
import net from 'node:net';
import { pipeline } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { lookupAuthority } from '../protocol/origins.ts';
import { AdmittedAuthorities } from './admitted.ts';
import { answerClientError } from './client-error.ts';
import { isMalformed, parseAbsoluteTarget, parseConnectTarget } from './proxy-target.ts';
import { endToEnd } from './hop-by-hop.ts';
import { creationOptions, DEFAULT_TIMEOUTS, type ServerTimeouts } from './timeouts.ts';

export interface ProxyTargets {
  /** The http fixture listener's port: absolute-form requests and WebSocket upgrades are forwarded there. */
  http: number;
  /** The fixture listeners (in this process): each tunnel's connection is handed to the one of its scheme. */
  servers: { http: net.Server; https: net.Server };
}

export interface RefusedDestination {
  method: string;
  destination: string;
  reason: string;
}

export interface HostMappingProxy {
  port: number;
  /** The address browsers are given: http://127.0.0.1:PORT, or the address asked for with ProxyOptions.host. */
  url: string;
  refused: RefusedDestination[];
  /** Client connections open right now (leak checks). */
  openConnections(): number;
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** 0 (default): an ephemeral port. */
  listenPort?: number;
  timeouts?: ServerTimeouts;
  /** Where tunnels are recorded for the HTTPS fixture server; a private one when not shared. */
  admitted?: AdmittedAuthorities;
  /** Where tunnels to http origins (browsers tunnel ws: through CONNECT) are recorded for the HTTP fixture server. */
  admittedHttp?: AdmittedAuthorities;
  /** Listen address; default 127.0.0.1. Any other is a deliberate choice (serve --listen) and is printed as a warning. */
  host?: string;
  /** Serves this PAC file at GET /proxy.pac (origin-form), given the proxy's host:port. */
  pac?: (proxyHostPort: string) => string;
}

const LOOPBACK = '127.0.0.1';

/** What the request handlers share: where the listeners are, the bounds, and the refusal log. */
interface ProxyContext {
  targets: ProxyTargets;
  timeouts: ServerTimeouts;
  admitted: AdmittedAuthorities;
  admittedHttp: AdmittedAuthorities;
  /** Records a refused destination; returns the body that says why. */
  refuse: (method: string, destination: string, reason: string) => string;
}

export async function startProxy(targets: ProxyTargets, options: ProxyOptions = {}): Promise<HostMappingProxy> {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const host = options.host ?? LOOPBACK;
  let advertised = '';
  const refused: RefusedDestination[] = [];
  const refuse = (method: string, destination: string, reason: string) => {
    // Bounded: a chatty browser must not grow memory without limit.
    if (refused.length < 1000) refused.push({ method, destination, reason });
    return `originproof proxy refused ${method} ${destination}: ${reason}. Only the fixture network's catalog origins are reachable.\n`;
  };
  const ctx: ProxyContext = {
    targets,
    timeouts,
    admitted: options.admitted ?? new AdmittedAuthorities(),
    admittedHttp: options.admittedHttp ?? new AdmittedAuthorities(),
    refuse,
  };

  const server = http.createServer(creationOptions(timeouts), (req, res) => {
    if (options.pac && req.method === 'GET' && req.url === '/proxy.pac') return servePac(res, options.pac(advertised));
    forwardRequest(ctx, req, res);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => openTunnel(ctx, req, client, head));
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => forwardUpgrade(ctx, req, socket, head));
  server.on('clientError', (e, socket) => answerClientError(e, socket, 'proxy', timeouts));
  server.setTimeout(timeouts.idleMs);
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  refuseWildcard(host);
  await listenOn(server, options.listenPort ?? 0, 'proxy', host);
  const port = (server.address() as AddressInfo).port;
  advertised = `${advertisedHost(host)}:${port}`;
  if (host !== LOOPBACK) {
    console.warn(
      `originproof: WARNING: the proxy listens on ${host}:${port}, beyond loopback: any machine that reaches it can load the catalog origins (fixture servers stay on 127.0.0.1; destinations outside the catalog are still refused)`,
    );
  }
  return {
    port,
    url: `http://${advertised}`,
    refused,
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

/** A whole plain-text HTTP/1.1 response for a raw socket (CONNECT and upgrade answers). */
function rawAnswer(status: number, reason: string, body: string): string {
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

function servePac(res: http.ServerResponse, pac: string): void {
  res.writeHead(200, { 'Content-Type': 'application/x-ns-proxy-autoconfig', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(pac) }).end(pac);
}

/** An absolute-form request ("GET http://site.test:8080/path HTTP/1.1") to an http origin of the catalog. */
function forwardRequest({ targets, timeouts, refuse }: ProxyContext, req: http.IncomingMessage, res: http.ServerResponse): void {
  const method = req.method ?? '?';
  const target = parseAbsoluteTarget(req.url ?? '');
  if (isMalformed(target)) return answer(res, target.status, refuse(method, req.url ?? '', target.reason));
  const found = lookupAuthority(target.host, target.port);
  if (!found || found.entry.scheme !== 'http') {
    return answer(res, 403, refuse(method, target.port === 80 ? target.host : `${target.host}:${target.port}`, 'not an http origin of the catalog'));
  }
  // The Host the fixture server sees is the catalog authority admitted here (RFC 9112 §3.2.2), whatever the client wrote.
  const authority = found.entry.port === 80 ? found.entry.host : `${found.entry.host}:${found.entry.port}`;
  const upstream = http.request({
    host: '127.0.0.1',
    port: targets.http,
    method: req.method,
    path: target.path,
    headers: ['Host', authority, ...endToEnd(req.rawHeaders, ['host']), 'Connection', 'close'],
    agent: false,
    setHost: false,
  });
  upstream.setTimeout(timeouts.idleMs, () => upstream.destroy(new Error(`no traffic from the fixture server for ${timeouts.idleMs / 1000} s`)));
  upstream.on('response', (up) => {
    res.writeHead(up.statusCode ?? 502, up.statusMessage, endToEnd(up.rawHeaders));
    // Either side ending early ends both.
    pipeline(up, res, () => undefined);
  });
  upstream.on('error', (e) => {
    if (!res.headersSent) answer(res, 502, `originproof proxy: fixture server error: ${e.message}\n`);
    else res.destroy();
  });
  // A client that goes away before the response is complete takes the upstream request with it.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  // An upload the client abandons destroys the upstream request (pipeline tears down both on error).
  pipeline(req, upstream, () => undefined);
}

/**
 * A WebSocket handshake in absolute form (`GET http://site.test:8080/… Upgrade: websocket`) to an
 * http origin of the catalog: the head is rewritten to origin form with the admitted Host and the
 * connection handed to the HTTP fixture listener as it is (RFC 6455 §4.1, RFC 9110 §7.8). Any
 * other upgrade, or another destination, is refused.
 */
function forwardUpgrade({ targets, timeouts, refuse }: ProxyContext, req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
  client.on('error', () => client.destroy());
  const method = req.method ?? '?';
  const fail = (status: number, reason: string, body: string) => client.end(rawAnswer(status, reason, body));
  if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
    return void fail(501, 'Not Implemented', refuse(method, req.url ?? '', `only WebSocket upgrades are proxied, not "${req.headers.upgrade ?? ''}"`));
  }
  // Some clients (libsoup: WebKitGTK) write the socket's own URL, ws://host/path; it names the same http origin.
  const target = parseAbsoluteTarget((req.url ?? '').replace(/^ws:\/\//i, 'http://'));
  if (isMalformed(target)) return void fail(target.status, target.status === 400 ? 'Bad Request' : 'Forbidden', refuse(method, req.url ?? '', target.reason));
  const found = lookupAuthority(target.host, target.port);
  if (!found || found.entry.scheme !== 'http') return void fail(403, 'Forbidden', refuse(method, req.url ?? '', 'not an http origin of the catalog'));
  const authority = found.entry.port === 80 ? found.entry.host : `${found.entry.host}:${found.entry.port}`;
  const lines = ['Host', authority, ...endToEnd(req.rawHeaders, ['host']), 'Connection', 'Upgrade', 'Upgrade', req.headers.upgrade!];
  let text = `${method} ${target.path} HTTP/1.1\r\n`;
  for (let i = 0; i < lines.length; i += 2) text += `${lines[i]}: ${lines[i + 1]}\r\n`;
  const upstream = net.connect(targets.http, '127.0.0.1', () => {
    upstream.write(`${text}\r\n`, 'latin1');
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  joinSockets(client, upstream, timeouts, () => {
    if (client.writable) fail(502, 'Bad Gateway', 'originproof proxy: the http fixture server did not accept the connection\n');
  });
}

/** Both halves of a tunnel or an upgraded connection live and die as one, bounded by the tunnel idle time. */
function joinSockets(client: net.Socket, upstream: net.Socket, timeouts: ServerTimeouts, onConnectError: () => void): void {
  let connected = false;
  upstream.once('connect', () => (connected = true));
  upstream.on('error', () => {
    if (!connected) onConnectError();
    client.destroy();
  });
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
  client.setTimeout(timeouts.tunnelIdleMs, () => client.destroy());
}

/**
 * CONNECT to a catalog origin: the connection, recorded in `admitted` (https) or `admittedHttp`
 * (http: browsers tunnel ws: handshakes through a proxy), goes to the fixture listener of its scheme.
 */
function openTunnel({ targets, timeouts, admitted, admittedHttp, refuse }: ProxyContext, req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
  client.on('error', () => client.destroy());
  const fail = (status: number, reason: string, body: string) => client.end(rawAnswer(status, reason, body));
  const dest = parseConnectTarget(req.url ?? '');
  if (isMalformed(dest)) return void fail(400, 'Bad Request', refuse('CONNECT', req.url ?? '', dest.reason));
  const found = lookupAuthority(dest.host, dest.port);
  if (!found) return void fail(403, 'Forbidden', refuse('CONNECT', req.url ?? '', 'not an origin of the catalog'));
  const http = found.entry.scheme === 'http';
  (http ? admittedHttp : admitted).admit(client, { host: found.entry.host, port: found.entry.port });
  client.setTimeout(timeouts.tunnelIdleMs, () => client.destroy());
  client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length) client.unshift(head);
  (http ? targets.servers.http : targets.servers.https).emit('connection', client);
}

/** The address to give browsers: the listen address itself (a wildcard is refused before listening). */
function advertisedHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** An unspecified address (every interface at once) is refused: a deliberate listen names one interface. */
function refuseWildcard(host: string): void {
  if (net.isIP(host) && /^[0.:]+$/.test(host))
    throw new Error(
      `originproof: the proxy will not listen on ${host} (every interface): name the one address browsers reach it on (e.g. this machine's LAN address), or leave --listen out for 127.0.0.1`,
    );
}

/** Listen on 127.0.0.1 only; a port in use becomes an error that names the port and the component. */
export function listenLoopback(server: net.Server, port: number, what: string): Promise<void> {
  return listenOn(server, port, what, LOOPBACK);
}

function listenOn(server: net.Server, port: number, what: string, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (e.code === 'EADDRINUSE')
        reject(new Error(`originproof: ${what} cannot listen on ${host}:${port}: the port is already in use (pick another port or 0 for an ephemeral one)`));
      else reject(new Error(`originproof: ${what} cannot listen on ${host}:${port}: ${e.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
