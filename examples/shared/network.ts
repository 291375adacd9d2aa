/**
 * What every example's config says about its server: both virtual origins go to the one example
 * server, which the audit starts itself (Playwright's webServer) on $ORIGINPROOF_EXAMPLE_PORT,
 * or on the example's own default port.
 */
import path from 'node:path';

export function exampleServer(dir: string, defaultPort: number) {
  const port = Number(process.env.ORIGINPROOF_EXAMPLE_PORT ?? defaultPort);
  const upstream = `http://127.0.0.1:${port}`;
  return {
    origins: { 'https://app.test': upstream, 'https://api.test': upstream },
    webServer: { command: `npx tsx ${path.join(dir, 'server.ts')}`, url: `${upstream}/health`, env: { PORT: String(port) } },
  };
}

/**
 * A stack's server behind its origins (the Express, Koa and Flask examples): `command` is run with
 * PORT set, `--broken` appended for the broken configuration, each on its own default port.
 */
export function stackServer(o: { origins: string[]; command: string; port: number; broken?: boolean }) {
  const port = Number(process.env.ORIGINPROOF_EXAMPLE_PORT ?? o.port);
  const upstream = `http://127.0.0.1:${port}`;
  return {
    origins: Object.fromEntries(o.origins.map((origin) => [origin, upstream])),
    webServer: { command: `${o.command}${o.broken ? ' --broken' : ''}`, url: `${upstream}/health`, env: { PORT: String(port) } },
  };
}
