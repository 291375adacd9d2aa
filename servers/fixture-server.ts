/**
 * The fixture server: one fastify app per scheme, mounted on a loopback listener. Which catalog
 * origin a request reached comes from its scheme and Host header (checked against what the proxy
 * admitted), so two listeners serve every origin. It is composed of plugins with one job each:
 *
 *   authority      refuses a Host / TLS server name that is not the admitted catalog origin (421)
 *   gateway        forwards what a user's own server answers on its origins (all but /__op/)
 *   reports        the request log (evidence) and the runner page's results
 *   runtime        the probe runtime (static JS)
 *   visit-pages    the runner page and the cookie prelude
 *   mailbox        reports from documents severed by COOP
 *   declared       responses declared by scenarios (protocol/render.ts)
 *   websocket      WebSocket handshakes (declared endpoints; a user's server through the gateway)
 */
import type http from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Scheme } from '../protocol/origins.ts';
import type { VisitStore } from './visit-store.ts';
import type { Certificate } from './certificate.ts';
import type { AdmittedAuthorities } from './admitted.ts';
import { answerClientError } from './client-error.ts';
import { creationOptions, DEFAULT_TIMEOUTS, type ServerTimeouts } from './timeouts.ts';
import { acceptRawBodies } from './fixture/body.ts';
import { authorityGuard } from './fixture/authority.ts';
import { requestLogAndResults } from './fixture/reports.ts';
import { runtimeFiles } from './fixture/runtime.ts';
import { visitPages } from './fixture/visit-pages.ts';
import { mailbox } from './fixture/mailbox.ts';
import { declaredResponses } from './fixture/declared.ts';
import { sendError } from './fixture/send.ts';
import { upstreamGateway, type GatewayOptions } from './fixture/gateway.ts';
import { acceptWebSockets } from './fixture/websocket.ts';

// The runtime's file list, for tests that check every probe kind exists in the browser runtime.
export { runtimeScripts } from './runtime-files.ts';

export interface FixtureServerOptions {
  scheme: Scheme;
  store: VisitStore;
  certificate?: Certificate;
  /** Tunnels the proxy opened, so a request is held to the authority it was admitted for. */
  admitted?: AdmittedAuthorities;
  timeouts?: ServerTimeouts;
  /** User servers behind extra origins (the audit); without it no request leaves the harness. */
  gateway?: Omit<GatewayOptions, 'scheme' | 'store'>;
}

export async function createFixtureServer({
  scheme,
  store,
  certificate,
  admitted,
  timeouts = DEFAULT_TIMEOUTS,
  gateway,
}: FixtureServerOptions): Promise<FastifyInstance> {
  if (scheme === 'https' && !certificate) throw new Error('an https fixture server needs a certificate');
  const node = creationOptions(timeouts);
  const app = Fastify({
    logger: false,
    return503OnClosing: true,
    // close() must not wait on connections a killed browser left open (nothing hangs at teardown).
    forceCloseConnections: true,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionTimeout: timeouts.idleMs,
    clientErrorHandler: (err, socket) => answerClientError(err, socket, `${scheme} fixture server`, timeouts),
    // A connection that never completes its TLS handshake is closed within the header bound (Node's default is 120 s).
    ...(scheme === 'https' ? { https: { cert: certificate!.cert, key: certificate!.key, handshakeTimeout: timeouts.headersMs, ...node } } : { http: node }),
  }) as unknown as FastifyInstance;

  acceptRawBodies(app);
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => sendError(reply, err.statusCode ?? 500, err.message));

  await app.register(authorityGuard, { scheme, admitted });
  if (gateway) await app.register(upstreamGateway, { ...gateway, scheme, store });
  await app.register(requestLogAndResults, { scheme, store });
  await app.register(runtimeFiles);
  await app.register(visitPages, { store });
  await app.register(mailbox, { store, scheme });
  await app.register(declaredResponses, { store });
  const closeSockets = acceptWebSockets(app.server as unknown as http.Server, { scheme, store, admitted, gateway });
  // Upgraded sockets are no longer the HTTP server's: closed here, before it waits on its own.
  app.addHook('preClose', async () => closeSockets());
  return app;
}
