/**
 * The small web application every example runs: one fastify server with @fastify/cors, serving
 * both of its origins (https://app.test for pages, https://api.test for the API and assets; the
 * audit maps both to it). Each example passes its own CORS options and resource headers: the
 * correct configuration, or one classic mistake.
 *
 *   GET  /health       the audit's webServer waits for it
 *   GET  /api/me       the logged-in user (what only the app may read)
 *   PUT  /api/me       saves it (a preflighted request)
 *   GET  /isolated     a page meant to be crossOriginIsolated; embeds https://api.test/widget.js
 *   GET  /widget.js    a script the isolated page embeds
 *   GET  /avatar.png   a private image (must not load cross-site)
 *   GET  /account      a page that must not be framed
 */
import Fastify, { type FastifyInstance } from 'fastify';
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface ExampleServer {
  /** The CORS configuration under test. */
  cors: FastifyCorsOptions;
  /** Headers of /isolated (default COOP same-origin, COEP require-corp). */
  isolatedHeaders?: Record<string, string>;
  /** Headers of /widget.js (default CORP cross-origin: any isolated page may embed it). */
  widgetHeaders?: Record<string, string>;
  /** Headers of /avatar.png (default CORP same-site). */
  avatarHeaders?: Record<string, string>;
  /** Headers of /account (default X-Frame-Options DENY and CSP frame-ancestors 'none'). */
  accountHeaders?: Record<string, string>;
}

// A 2×2 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR42mP4z8AARAwQCgAf7gP9Y167WwAAAABJRU5ErkJggg==', 'base64');

export async function buildExample(o: ExampleServer): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(cors, o.cors);
  app.get('/health', async () => 'ok');
  app.get('/api/me', async () => ({ user: 'ada', email: 'ada@app.test' }));
  app.put('/api/me', async () => ({ saved: true }));
  const page = (title: string, body = '') => `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1>${body}`;
  app.get('/isolated', async (_req, reply) =>
    reply
      .headers(o.isolatedHeaders ?? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' })
      .type('text/html; charset=utf-8')
      .send(page('Isolated', '<script src="https://api.test/widget.js"></script>')),
  );
  app.get('/widget.js', async (_req, reply) =>
    reply
      .headers(o.widgetHeaders ?? { 'Cross-Origin-Resource-Policy': 'cross-origin' })
      .type('text/javascript')
      .send('window.widgetLoaded = true;'),
  );
  app.get('/avatar.png', async (_req, reply) =>
    reply
      .headers(o.avatarHeaders ?? { 'Cross-Origin-Resource-Policy': 'same-site' })
      .type('image/png')
      .send(PNG),
  );
  app.get('/account', async (_req, reply) =>
    reply
      .headers(o.accountHeaders ?? { 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'" })
      .type('text/html; charset=utf-8')
      .send(page('Account')),
  );
  return app;
}

/** Starts an example on 127.0.0.1 (port 0: any free port) and says where. */
export async function startExample(o: ExampleServer, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await buildExample(o);
  await app.listen({ host: '127.0.0.1', port });
  const { port: bound } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${bound}`, close: () => app.close() };
}

/**
 * `npx tsx server.ts`: listens on $PORT until stopped (the audit's webServer runs it so). Does
 * nothing when the file is imported (tests start the server themselves).
 */
export async function serveFromCommandLine(o: ExampleServer, file: string): Promise<void> {
  if (path.resolve(process.argv[1] ?? '') !== file) return;
  const { url } = await startExample(o, Number(process.env.PORT ?? 0));
  console.log(`example server listening on ${url}`);
}
