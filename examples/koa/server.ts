/**
 * A Koa 3 application with @koa/cors (https://app.test for pages, https://api.test for the API; one
 * process answers both). `npx tsx server.ts [--broken]` listens on $PORT.
 *
 *   correct  origin: a function answering the request's Origin only when it is https://app.test
 *   broken   credentials: true with no origin: @koa/cors's default origin `*` then becomes the
 *            request's Origin, so every site reads with the user's cookies
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import cors from '@koa/cors';
import { ACCOUNT_HEADERS, ACCOUNT_PAGE, AVATAR_HEADERS, PNG } from '../shared/pages.ts';

const ALLOWED = new Set(['https://app.test']);
const COMMON: cors.Options = { credentials: true, allowMethods: ['GET', 'PUT'], allowHeaders: ['Content-Type', 'X-CSRF-Token'] };

export const CORRECT: cors.Options = { ...COMMON, origin: (ctx) => (ALLOWED.has(ctx.get('Origin')) ? ctx.get('Origin') : '') };
export const BROKEN: cors.Options = COMMON;

export function buildApp(options: cors.Options): Koa {
  const app = new Koa();
  app.use(cors(options));
  app.use((ctx) => {
    const route = `${ctx.method} ${ctx.path}`;
    if (route === 'GET /health') ctx.body = 'ok';
    else if (route === 'GET /api/me') ctx.body = { user: 'ada', email: 'ada@app.test' };
    else if (route === 'PUT /api/me') ctx.body = { saved: true };
    else if (route === 'GET /avatar.png') {
      ctx.set(AVATAR_HEADERS);
      ctx.type = 'image/png';
      ctx.body = PNG;
    } else if (route === 'GET /account') {
      ctx.set(ACCOUNT_HEADERS);
      ctx.type = 'html';
      ctx.body = ACCOUNT_PAGE;
    }
  });
  return app;
}

export function startKoa(options: cors.Options, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = buildApp(options)
      .listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address() as AddressInfo;
        resolve({ url: `http://127.0.0.1:${bound}`, close: () => new Promise((done) => server.close(() => done())) });
      })
      .on('error', reject);
  });
}

if (path.resolve(process.argv[1] ?? '') === import.meta.filename) {
  const { url } = await startKoa(process.argv.includes('--broken') ? BROKEN : CORRECT, Number(process.env.PORT ?? 0));
  console.log(`koa example listening on ${url}`);
}
