/**
 * A comments widget on https://widget.test, embedded by the app on https://app.test: the app's
 * editor is cross-origin isolated (COOP + COEP, for SharedArrayBuffer) and embeds the widget in
 * `<iframe credentialless>`, so the widget's requests never carry the user's cookies. Node's http;
 * `npx tsx server.ts [--broken]` listens on $PORT.
 *
 *   correct  the widget shows the public comments: /embed and the script it loads answer anyone
 *   broken   the widget's script /embed/me.js answers only a logged-in user (401 without the
 *            `session` cookie): in a credentialless frame it never works
 */
import http from 'node:http';
import path from 'node:path';

const WIDGET = `<!doctype html><meta charset="utf-8"><title>comments</title>
<ul id="comments"></ul>
<script src="/embed/me.js"></script>`;

function session(req: http.IncomingMessage): string | undefined {
  return /(?:^|;\s*)session=([^;]*)/.exec(req.headers.cookie ?? '')?.[1];
}

export function widget(broken: boolean): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/health') return void res.end('ok');
    if (url.pathname === '/embed') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(WIDGET);
    if (url.pathname === '/embed/me.js') {
      // The broken widget greets the logged-in user, and has nothing to show anyone else.
      if (broken && !session(req)) return void res.writeHead(401, { 'Content-Type': 'text/plain' }).end('sign in first');
      const who = session(req) ? 'ada' : 'guest';
      return void res
        .writeHead(200, { 'Content-Type': 'text/javascript' })
        .end(`document.getElementById('comments').textContent = ${JSON.stringify(`comments for ${who}`)};`);
    }
    res.writeHead(404).end();
  });
}

if (path.resolve(process.argv[1] ?? '') === import.meta.filename) {
  const broken = process.argv.includes('--broken');
  const port = Number(process.env.PORT ?? 4345);
  widget(broken).listen(port, '127.0.0.1', () =>
    console.log(`credentialless-embed example (${broken ? 'broken: needs the session cookie' : 'works without cookies'}) on http://127.0.0.1:${port}`),
  );
}
