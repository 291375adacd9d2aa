/**
 * An Express 5 application with the `cors` package, on its production host names
 * (https://app.example.co.uk for pages, https://api.example.co.uk for the API; one process answers
 * both). `npx tsx server.ts [--broken]` listens on $PORT.
 *
 *   correct  origin: ['https://app.example.co.uk'], credentials, GET/PUT, Content-Type and X-CSRF-Token
 *   broken   origin: /example\.co\.uk$/ — "our domain" as an unanchored pattern: evilexample.co.uk,
 *            sibling.example.co.uk and http://app.example.co.uk match it too
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import cors, { type CorsOptions } from 'cors';
import { ACCOUNT_HEADERS, ACCOUNT_PAGE, AVATAR_HEADERS, PNG } from '../shared/pages.ts';

export const CORRECT: CorsOptions = {
  origin: ['https://app.example.co.uk'],
  credentials: true,
  methods: ['GET', 'PUT'],
  allowedHeaders: ['Content-Type', 'X-CSRF-Token'],
};
export const BROKEN: CorsOptions = { ...CORRECT, origin: /example\.co\.uk$/ };

export function buildApp(options: CorsOptions): express.Express {
  const app = express();
  app.use(cors(options));
  app.get('/health', (_req, res) => void res.send('ok'));
  app.get('/api/me', (_req, res) => void res.json({ user: 'ada', email: 'ada@example.co.uk' }));
  app.put('/api/me', (_req, res) => void res.json({ saved: true }));
  app.get('/avatar.png', (_req, res) => void res.set(AVATAR_HEADERS).type('image/png').send(PNG));
  app.get('/account', (_req, res) => void res.set(ACCOUNT_HEADERS).type('html').send(ACCOUNT_PAGE));
  return app;
}

export function startExpress(options: CorsOptions, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
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
  const { url } = await startExpress(process.argv.includes('--broken') ? BROKEN : CORRECT, Number(process.env.PORT ?? 0));
  console.log(`express example listening on ${url}`);
}
