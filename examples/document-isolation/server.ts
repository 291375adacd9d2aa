/**
 * An in-browser playground (the WordPress Playground kind) on https://app.test: its page
 * /playground runs WebAssembly threads, so it needs SharedArrayBuffer, so it must be
 * crossOriginIsolated — also when another page of the site frames it, a page that sends no
 * isolation headers (its editor, its docs). Node's http; `npx tsx server.ts [--broken]` listens on $PORT.
 *
 *   correct  the page sends `Document-Isolation-Policy: isolate-and-credentialless`: it isolates
 *            itself, whoever frames it (its own cross-origin subresources load without credentials)
 *   broken   the page sends the older pair COOP same-origin + COEP require-corp: isolated as a
 *            top-level page, but not in a frame of a page without them (COOP applies to top-level
 *            documents only, and an isolated agent cluster needs an isolated top level)
 */
import http from 'node:http';
import path from 'node:path';

const PAGE = `<!doctype html><meta charset="utf-8"><title>playground</title>
<p id="state">starting…</p>
<script>
  // WebAssembly threads share memory through SharedArrayBuffer, exposed only when crossOriginIsolated.
  document.getElementById('state').textContent = self.crossOriginIsolated ? 'threads ready' : 'needs cross-origin isolation';
</script>`;

export function isolationHeaders(broken: boolean): Record<string, string> {
  if (broken) return { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  return { 'Document-Isolation-Policy': 'isolate-and-credentialless' };
}

export function playground(broken: boolean): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/health') return void res.end('ok');
    if (url.pathname === '/playground') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...isolationHeaders(broken) }).end(PAGE);
    res.writeHead(404).end();
  });
}

if (path.resolve(process.argv[1] ?? '') === import.meta.filename) {
  const broken = process.argv.includes('--broken');
  const port = Number(process.env.PORT ?? 4343);
  playground(broken).listen(port, '127.0.0.1', () =>
    console.log(`document-isolation example (${broken ? 'broken: COOP + COEP' : 'Document-Isolation-Policy'}) on http://127.0.0.1:${port}`),
  );
}
