/**
 * The fixture network: certificate, HTTP and HTTPS fixture listeners on loopback, and the
 * host-mapping proxy in front of them. One per Playwright worker, so parallel workers and
 * parallel runs on one machine never share a port.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyPluginAsync } from 'fastify';
import { createCertificate, type Certificate } from './certificate.ts';
import { createFixtureServer } from './fixture-server.ts';
import { startProxy, type HostMappingProxy } from './proxy.ts';
import { VisitStore } from './visit-store.ts';
import { AdmittedAuthorities } from './admitted.ts';
import { DEFAULT_TIMEOUTS, type ServerTimeouts } from './timeouts.ts';
import { UPSTREAM_TIMEOUT_MS, UpstreamTraffic, type UpstreamTable } from './fixture/gateway.ts';
import { allHosts } from '../protocol/origins.ts';
import { ADDRESS_SPACES, type AddressSpaceEndpoints, type AddressSpaceListeners } from '../protocol/address-space.ts';
import { startSpaceRelay, type SpaceRelay } from './space-relay.ts';

export interface FixtureNetwork {
  store: VisitStore;
  certificate: Certificate;
  proxy: HostMappingProxy;
  /** Local Network Access address spaces (protocol/address-space.ts). */
  addressSpaces: AddressSpaceListeners;
  listeners: { http: AddressInfo; https: AddressInfo };
  /** Every request forwarded to a user's own server (the audit), attributed to a visit or not. */
  upstreamTraffic: UpstreamTraffic;
  /** Extra origin → user's server; may be changed while the network runs (the next request goes to the new one). */
  upstreams: UpstreamTable;
  /** Connections open right now on each listener (leak checks). */
  openConnections(): Promise<{ http: number; https: number; proxy: number }>;
  close(): Promise<void>;
}

export interface NetworkOptions {
  /** Fixed ports, for tests of port conflicts; 0 (default) means ephemeral. */
  ports?: { http?: number; https?: number; proxy?: number };
  /** Header, body and idle timeouts of every listener (tests shorten them). */
  timeouts?: ServerTimeouts;
  /** Where the proxy listens (default 127.0.0.1); anything else only on an explicit request (serve --listen). The fixture servers stay on loopback. */
  proxyHost?: string;
  /** A certificate to serve instead of a fresh self-signed one (a leaf signed by a local CA). */
  certificate?: Certificate;
  /** More routes on both fixture listeners (serve mode's start page, the state-clearing chain). */
  plugins?: FastifyPluginAsync[];
  /** A PAC file the proxy serves at /proxy.pac (origin-form GET), built from the proxy's address. */
  pac?: (proxyHostPort: string) => string;
  /**
   * User servers behind extra origins (registered with protocol/origins.ts registerExtraOrigins
   * before the network starts, so the certificate covers their hosts): requests to those origins,
   * except the harness's own /__op/ paths, are forwarded there (servers/fixture/gateway.ts).
   */
  upstreams?: UpstreamTable;
  /** How long a user's server may take to answer (default UPSTREAM_TIMEOUT_MS). */
  upstreamTimeoutMs?: number;
}

export async function startFixtureNetwork(options: NetworkOptions = {}): Promise<FixtureNetwork> {
  const store = new VisitStore();
  const certificate = options.certificate ?? (await createCertificate(allHosts()));
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const upstreams: UpstreamTable = options.upstreams ?? new Map();
  const upstreamTraffic = new UpstreamTraffic();
  const gateway = { upstreams, traffic: upstreamTraffic, timeoutMs: options.upstreamTimeoutMs ?? UPSTREAM_TIMEOUT_MS };
  // Shared by the proxy (which records each tunnel) and the HTTPS server (which holds requests to it).
  const admitted = new AdmittedAuthorities();
  // The same for tunnels to http origins (browsers tunnel ws: handshakes through CONNECT).
  const admittedHttp = new AdmittedAuthorities();
  const httpApp = await createFixtureServer({ scheme: 'http', store, admitted: admittedHttp, timeouts, gateway });
  const httpsApp = await createFixtureServer({ scheme: 'https', store, certificate, admitted, timeouts, gateway });
  for (const plugin of options.plugins ?? []) {
    await httpApp.register(plugin);
    await httpsApp.register(plugin);
  }
  const started: Array<() => Promise<unknown>> = [];
  try {
    await listen(httpApp, options.ports?.http ?? 0, 'http fixture server');
    started.push(() => httpApp.close());
    await listen(httpsApp, options.ports?.https ?? 0, 'https fixture server');
    started.push(() => httpsApp.close());
    const listeners = { http: httpApp.server.address() as AddressInfo, https: httpsApp.server.address() as AddressInfo };
    const servers = { http: httpApp.server, https: httpsApp.server };
    const targets = { http: listeners.http.port, servers };
    const proxy = await startProxy(targets, {
      listenPort: options.ports?.proxy ?? 0,
      timeouts,
      admitted,
      admittedHttp,
      host: options.proxyHost,
      pac: options.pac,
    });
    started.unshift(() => proxy.close());
    const relays: SpaceRelay[] = [];
    for (const space of ADDRESS_SPACES) {
      const relay = await startSpaceRelay(servers, timeouts, `${space} address-space listener`);
      relays.push(relay);
      started.unshift(() => relay.close());
    }
    const direct = Object.fromEntries(ADDRESS_SPACES.map((space, i) => [space, relays[i].endpoint])) as AddressSpaceEndpoints;
    return {
      store,
      certificate,
      proxy,
      addressSpaces: { direct },
      listeners,
      upstreamTraffic,
      upstreams,
      openConnections: async () => ({
        http: await countConnections(httpApp.server),
        https: await countConnections(httpsApp.server),
        proxy: proxy.openConnections() + relays.reduce((n, r) => n + r.openConnections(), 0),
      }),
      async close() {
        for (const close of started) await close();
      },
    };
  } catch (e) {
    await Promise.all(started.map((c) => c().catch(() => undefined)));
    throw e;
  }
}

function countConnections(server: { getConnections(cb: (e: Error | null, n: number) => void): void }): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n))));
}

async function listen(app: { listen: (o: { port: number; host: string }) => Promise<string> }, port: number, what: string) {
  try {
    await app.listen({ port, host: '127.0.0.1' });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE')
      throw new Error(`originproof: ${what} cannot listen on 127.0.0.1:${port}: the port is already in use (use 0 for an ephemeral port)`, { cause: e });
    throw new Error(`originproof: ${what} cannot listen on 127.0.0.1:${port}: ${err.message}`, { cause: e });
  }
}
