/**
 * The fixture server: one fastify app, mounted on an HTTP and an HTTPS listener on loopback.
 * Which catalog origin a request reached comes from its scheme and Host header, so two
 * listeners serve every origin. Everything it serves is either the probe runtime (static),
 * a page planned by the harness, or a response declared by a scenario.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { originFromHost, originUrl, type Scheme } from './origins.ts';
import { expandTemplate, PNG_2x2, WAV_SILENCE, type DeclaredResponse } from './declared-response.ts';
import { OP_PREFIX, responsePath, type VisitReport } from '../harness/plan.ts';
import type { VisitStore } from './visit-store.ts';
import type { Certificate } from './certificate.ts';

const RUNTIME_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'runtime');

/** Runtime scripts in load order: core first, then every probe module. */
export function runtimeScripts(): string[] {
  const probes = fs
    .readdirSync(path.join(RUNTIME_DIR, 'probes'))
    .filter((f) => f.endsWith('.js'))
    .sort();
  return ['core.js', ...probes.map((f) => `probes/${f}`)];
}

/**
 * The whole runtime (core + every probe) as one script, named by its content hash and cached by
 * the browser: a frame costs one request for it instead of one per file, and the second frame of
 * an origin in a visit none (each visit is a fresh context, so nothing outlives it).
 */
function buildBundle(): { path: string; body: string } {
  const body = runtimeScripts()
    .map((s) => `// ---- ${s}\n${fs.readFileSync(path.join(RUNTIME_DIR, s), 'utf8')}`)
    .join('\n');
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { path: `${OP_PREFIX}/runtime/bundle-${hash}.js`, body };
}
let bundle: { path: string; body: string } | undefined;
export function runtimeBundle(): { path: string; body: string } {
  return (bundle ??= buildBundle());
}

function scriptTags(): string {
  return `<script src="${runtimeBundle().path}"></script>`;
}

function htmlEscapeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const VISIT_ID = /^[A-Za-z0-9_-]{1,80}$/;

export interface FixtureServerOptions {
  scheme: Scheme;
  store: VisitStore;
  certificate?: Certificate;
}

export async function createFixtureServer({ scheme, store, certificate }: FixtureServerOptions): Promise<FastifyInstance> {
  if (scheme === 'https' && !certificate) throw new Error('an https fixture server needs a certificate');
  const app = Fastify({
    logger: false,
    // Declared responses may carry odd header values; never let fastify rewrite them.
    return503OnClosing: true,
    // close() must not wait on connections a killed browser left open (nothing hangs at teardown).
    forceCloseConnections: true,
    ...(scheme === 'https' ? { https: { cert: certificate!.cert, key: certificate!.key } } : {}),
  }) as unknown as FastifyInstance;

  // Every body arrives as raw bytes: form posts, text/plain, JSON with a wrong content type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 4 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req) => {
    const url = new URL(req.url, 'http://x');
    const visitId = url.searchParams.get('v') ?? /\/__op\/(?:visit|start|results|mail|cookie)\/([^/?]+)/.exec(url.pathname)?.[1];
    if (!visitId) return;
    const r = /^\/__op\/r\/([^/]+)\/([^/?]+)/.exec(url.pathname);
    const h = req.headers;
    const custom: Record<string, string> = {};
    for (const [name, value] of Object.entries(h)) {
      if ((name.startsWith('x-op-') || name === 'authorization') && typeof value === 'string') custom[name] = value;
    }
    store.log({
      visitId,
      probe: r ? decodeURIComponent(r[1]) : (url.searchParams.get('p') ?? undefined),
      response: r ? decodeURIComponent(r[2]) : undefined,
      at: originFromHost(scheme, h.host),
      method: req.method,
      path: url.pathname + url.search,
      origin: h.origin,
      cookie: h.cookie,
      referer: h.referer,
      secFetchSite: h['sec-fetch-site'] as string | undefined,
      secFetchMode: h['sec-fetch-mode'] as string | undefined,
      secFetchDest: h['sec-fetch-dest'] as string | undefined,
      acrMethod: h['access-control-request-method'] as string | undefined,
      acrHeaders: h['access-control-request-headers'] as string | undefined,
      custom: Object.keys(custom).length ? custom : undefined,
      contentType: h['content-type'],
    });
  });

  app.get(runtimeBundle().path, async (_req, reply) => {
    reply.header('Content-Type', 'text/javascript; charset=utf-8');
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
    reply.header('Cache-Control', 'public, max-age=86400, immutable');
    return runtimeBundle().body;
  });
  await app.register(fastifyStatic, {
    root: RUNTIME_DIR,
    prefix: `${OP_PREFIX}/runtime/`,
    cacheControl: false,
    etag: false,
    lastModified: false,
    // Cross-origin isolated pages (COEP require-corp) embed agents whose runtime must load.
    setHeaders: (reply) => {
      reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
      // Cached within a visit (every visit is a fresh browser context; every run a fresh profile).
      reply.header('Cache-Control', 'public, max-age=86400');
    },
  });

  // The runner page of a visit: the planned page headers, the plan inline, the runtime.
  app.get<{ Params: { visitId: string } }>(`${OP_PREFIX}/visit/:visitId`, async (req, reply) => {
    const plan = store.plan(req.params.visitId);
    if (!plan) return reply.code(404).type('text/plain').send(`originproof: no visit "${req.params.visitId}" is planned on this run`);
    // Served whatever origin was reached: if the browser upgraded or rewrote the URL, the page's
    // reported self-origin shows it and the verdicts become inconclusive.
    const body = `<!doctype html><meta charset="utf-8"><title>originproof visit ${plan.visitId}</title>
<script type="application/json" id="op-plan">${htmlEscapeJson({ ...plan, responses: undefined })}</script>
${scriptTags()}
<script src="${OP_PREFIX}/runtime/start.js"></script>`;
    return sendRaw(reply, 200, [['Content-Type', 'text/html; charset=utf-8'], ['Cache-Control', 'no-store'], ...plan.page.headers], body);
  });

  // Cookie prelude: each step sets first-party cookies on its origin, then redirects onwards.
  app.get<{ Params: { visitId: string; step: string } }>(`${OP_PREFIX}/cookie/:visitId/:step`, async (req, reply) => {
    const plan = store.plan(req.params.visitId);
    const step = Number(req.params.step);
    if (!plan || !Number.isInteger(step) || step < 0 || step >= plan.cookies.length) {
      return reply.code(404).type('text/plain').send('originproof: unknown visit or cookie step');
    }
    const next = nextCookieUrl(plan, step + 1);
    const headers: Array<[string, string]> = [
      ['Location', next],
      ['Cache-Control', 'no-store'],
    ];
    // Every cookie declared for this origin is set in the same step.
    for (const c of plan.cookies) if (c.at === plan.cookies[step].at) headers.push(['Set-Cookie', c.setCookie]);
    return sendRaw(reply, 302, headers, '');
  });

  app.get<{ Params: { visitId: string } }>(`${OP_PREFIX}/start/:visitId`, async (req, reply) => {
    const plan = store.plan(req.params.visitId);
    if (!plan) return reply.code(404).type('text/plain').send(`originproof: no visit "${req.params.visitId}"`);
    return sendRaw(
      reply,
      302,
      [
        ['Location', nextCookieUrl(plan, 0)],
        ['Cache-Control', 'no-store'],
      ],
      '',
    );
  });

  app.post<{ Params: { visitId: string } }>(`${OP_PREFIX}/results/:visitId`, async (req, reply) => {
    const report = parseJson(req.body) as VisitReport | undefined;
    if (!report || typeof report !== 'object' || typeof report.observations !== 'object') {
      return reply.code(400).type('text/plain').send('originproof: results must be a JSON visit report');
    }
    report.visitId = req.params.visitId;
    if (!store.report(report)) return reply.code(404).type('text/plain').send(`originproof: no visit "${req.params.visitId}"`);
    // Sandboxed (opaque-origin) runner pages post cross-origin.
    return sendRaw(reply, 204, [['Access-Control-Allow-Origin', '*']], '');
  });

  app.post<{ Params: { visitId: string; key: string } }>(`${OP_PREFIX}/mail/:visitId/:key`, async (req, reply) => {
    if (!VISIT_ID.test(req.params.visitId)) return reply.code(400).send('bad visit id');
    store.post(req.params.visitId, req.params.key, parseJson(req.body) ?? null);
    return sendRaw(reply, 204, [['Access-Control-Allow-Origin', '*']], '');
  });

  app.get<{ Params: { visitId: string; key: string }; Querystring: { wait?: string } }>(`${OP_PREFIX}/mail/:visitId/:key`, async (req, reply) => {
    const wait = Math.min(Number(req.query.wait ?? 0) || 0, 10_000);
    const values = await store.take(req.params.visitId, req.params.key, wait);
    return sendRaw(
      reply,
      200,
      [
        ['Content-Type', 'application/json'],
        ['Cache-Control', 'no-store'],
        ['Access-Control-Allow-Origin', '*'],
      ],
      JSON.stringify(values),
    );
  });

  // Declared responses, any method.
  app.route<{ Params: { probe: string; name: string } }>({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
    url: `${OP_PREFIX}/r/:probe/:name`,
    handler: async (req, reply) => serveDeclared(req, reply),
  });
  // Methods fastify does not route by default (a custom method such as FOO) end up here.
  app.setNotFoundHandler(async (req, reply) => {
    const m = /^\/__op\/r\/([^/]+)\/([^/?]+)/.exec(req.url);
    if (m) return serveDeclared(req as FastifyRequest<{ Params: { probe: string; name: string } }>, reply, decodeURIComponent(m[1]), decodeURIComponent(m[2]));
    return reply.code(404).type('text/plain').send(`originproof fixture server: nothing is served at ${req.method} ${req.url}`);
  });

  async function serveDeclared(req: FastifyRequest<{ Params: { probe: string; name: string } }>, reply: FastifyReply, probeArg?: string, nameArg?: string) {
    const probe = probeArg ?? req.params.probe;
    const name = nameArg ?? req.params.name;
    const declared = store.declared(probe, name);
    if (!declared) return reply.code(404).type('text/plain').send(`originproof: probe "${probe}" declares no response "${name}"`);
    const chosen: DeclaredResponse = req.method === 'OPTIONS' && declared.preflight ? declared.preflight : declared;
    const visitId = new URL(req.url, 'http://x').searchParams.get('v') ?? '';
    const ctx = {
      requestOrigin: req.headers.origin,
      urlFor: (at: Parameters<typeof originUrl>[0], response: string) => `${originUrl(at)}${responsePath(probe, response)}?v=${encodeURIComponent(visitId)}`,
    };
    const headers = (chosen.headers ?? []).map(([k, v]) => [k, expandTemplate(v, ctx)] as [string, string]);
    const has = (n: string) => headers.some(([k]) => k.toLowerCase() === n);
    let body: string | Buffer = '';
    switch (chosen.kind ?? 'text') {
      case 'agent':
        body = agentDocument();
        if (!has('content-type')) headers.push(['Content-Type', 'text/html; charset=utf-8']);
        break;
      case 'png':
        body = PNG_2x2;
        if (!has('content-type')) headers.push(['Content-Type', 'image/png']);
        break;
      case 'wav':
        body = WAV_SILENCE;
        if (!has('content-type')) headers.push(['Content-Type', 'audio/wav']);
        break;
      case 'empty':
        break;
      default:
        body = expandTemplate(chosen.body ?? '', ctx);
    }
    if (!has('cache-control')) headers.push(['Cache-Control', 'no-store']);
    if (chosen.delayMs) await new Promise((r) => setTimeout(r, Math.min(chosen.delayMs!, 15_000)));
    return sendRaw(reply, chosen.status ?? 200, headers, req.method === 'HEAD' ? '' : body);
  }

  return app;
}

function nextCookieUrl(plan: { visitId: string; cookies: Array<{ at: Parameters<typeof originUrl>[0] }>; page: { url: string } }, from: number): string {
  const seen = new Set(plan.cookies.slice(0, from).map((c) => c.at));
  for (let i = from; i < plan.cookies.length; i++) {
    if (!seen.has(plan.cookies[i].at)) return `${originUrl(plan.cookies[i].at)}${OP_PREFIX}/cookie/${plan.visitId}/${i}`;
  }
  return plan.page.url;
}

/** The document every agent frame or popup gets: runtime only; it learns its job by postMessage or URL. */
export function agentDocument(): string {
  return `<!doctype html><meta charset="utf-8"><title>originproof agent</title>
<p id="op-agent-marker">agent</p>
${scriptTags()}
<script src="${OP_PREFIX}/runtime/agent.js"></script>`;
}

function parseJson(body: unknown): unknown {
  try {
    if (Buffer.isBuffer(body)) return JSON.parse(body.toString('utf8'));
    if (typeof body === 'string') return JSON.parse(body);
  } catch {
    return undefined;
  }
  return undefined;
}

/** Writes status and header lines exactly as declared (order, repeats and casing kept). */
function sendRaw(reply: FastifyReply, status: number, headers: Array<[string, string]>, body: string | Buffer) {
  reply.hijack();
  const raw = reply.raw;
  const flat: string[] = [];
  for (const [k, v] of headers) flat.push(k, v);
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  if (status !== 204 && status !== 304 && !headers.some(([k]) => k.toLowerCase() === 'content-length')) flat.push('Content-Length', String(buf.length));
  try {
    raw.writeHead(status, flat);
    raw.end(status === 204 || status === 304 ? undefined : buf);
  } catch (e) {
    // An invalid declared header (e.g. a control character) must not crash the server.
    if (!raw.headersSent) {
      raw.writeHead(500, { 'Content-Type': 'text/plain' });
      raw.end(`originproof: declared response could not be sent: ${(e as Error).message}`);
    } else raw.destroy();
  }
}
