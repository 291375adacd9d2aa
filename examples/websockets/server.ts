/**
 * A chat-style WebSocket server (Node's http + the `ws` package) behind https://api.test, whose
 * socket /live greets the user of the session cookie and echoes each message. Its web app is on
 * https://app.test. `npx tsx server.ts [--broken]` listens on $PORT.
 *
 *   correct  verifyClient refuses every Origin but https://app.test (403)
 *   broken   no Origin check: any site's page opens the socket with the user's cookies and reads
 *            every message (cross-site WebSocket hijacking)
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type VerifyClientCallbackSync } from 'ws';

export const ALLOWED_ORIGIN = 'https://app.test';

const checkOrigin: VerifyClientCallbackSync = ({ origin }) => origin === ALLOWED_ORIGIN;

export function startChat(broken: boolean, port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/health') return void res.end('ok');
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server, path: '/live', ...(broken ? {} : { verifyClient: checkOrigin }) });
  wss.on('connection', (ws, req) => {
    const session = /(?:^|;\s*)originproof_session=([^;]*)/.exec(req.headers.cookie ?? '')?.[1];
    ws.send(JSON.stringify({ hello: session ? 'ada' : 'guest', inbox: session ? ['private message'] : [] }));
    ws.on('message', (data) => ws.send(data.toString()));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}`,
        close: () =>
          new Promise((done) => {
            for (const c of wss.clients) c.terminate();
            server.close(() => done());
          }),
      });
    });
  });
}

if (path.resolve(process.argv[1] ?? '') === import.meta.filename) {
  const broken = process.argv.includes('--broken');
  const { url } = await startChat(broken, Number(process.env.PORT ?? 4341));
  console.log(`websockets example (${broken ? 'broken: no Origin check' : 'checks Origin'}) on ${url}`);
}
