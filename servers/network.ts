/**
 * The fixture network: certificate, HTTP and HTTPS fixture listeners on loopback, and the
 * host-mapping proxy in front of them. One per Playwright worker, so parallel workers and
 * parallel runs on one machine never share a port.
 */
import type { AddressInfo } from 'node:net';
import { createCertificate, type Certificate } from './certificate.ts';
import { createFixtureServer } from './fixture-server.ts';
import { startProxy, type HostMappingProxy } from './proxy.ts';
import { VisitStore } from './visit-store.ts';

export interface FixtureNetwork {
  store: VisitStore;
  certificate: Certificate;
  proxy: HostMappingProxy;
  listeners: { http: AddressInfo; https: AddressInfo };
  close(): Promise<void>;
}

export interface NetworkOptions {
  /** Fixed ports, for tests of port conflicts; 0 (default) means ephemeral. */
  ports?: { http?: number; https?: number; proxy?: number };
}

export async function startFixtureNetwork(options: NetworkOptions = {}): Promise<FixtureNetwork> {
  const store = new VisitStore();
  const certificate = await createCertificate();
  const httpApp = await createFixtureServer({ scheme: 'http', store });
  const httpsApp = await createFixtureServer({ scheme: 'https', store, certificate });
  const started: Array<() => Promise<unknown>> = [];
  try {
    await listen(httpApp, options.ports?.http ?? 0, 'http fixture server');
    started.push(() => httpApp.close());
    await listen(httpsApp, options.ports?.https ?? 0, 'https fixture server');
    started.push(() => httpsApp.close());
    const listeners = { http: httpApp.server.address() as AddressInfo, https: httpsApp.server.address() as AddressInfo };
    const proxy = await startProxy({ http: listeners.http.port, https: listeners.https.port }, options.ports?.proxy ?? 0);
    return {
      store,
      certificate,
      proxy,
      listeners,
      async close() {
        await proxy.close();
        await Promise.all(started.map((c) => c()));
      },
    };
  } catch (e) {
    await Promise.all(started.map((c) => c().catch(() => undefined)));
    throw e;
  }
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
