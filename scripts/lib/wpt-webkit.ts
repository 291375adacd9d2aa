/**
 * WebKitGTK (MiniBrowser through WebKitWebDriver) on a web-platform-tests server: MiniBrowser has
 * no host-resolver switch, so a small proxy on loopback maps WPT's host names to 127.0.0.1 (CONNECT
 * tunnels and absolute-form http), refusing every other destination.
 */
import http from 'node:http';
import net from 'node:net';
import { startDriverProcess } from '../../engines/driver-process.ts';
import { findMiniBrowser } from '../../engines/executables.ts';
import { miniBrowserArgs, miniBrowserCapabilities, webkitEnvironment } from '../../engines/webkit-settings.ts';
import { startXvfb, type VirtualDisplay } from '../../engines/xvfb.ts';
import type { SubtestResult, TestResult } from './wpt-results.ts';

/** A proxy that sends WPT's hosts to 127.0.0.1 on the same port and refuses the rest. */
export async function startHostProxy(hosts: string[]): Promise<{ url: string; close(): void }> {
  const allowed = new Set(hosts);
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/');
    if (!allowed.has(target.hostname)) return void res.writeHead(403).end('not a WPT host');
    const upstream = http.request(
      { host: '127.0.0.1', port: target.port || 80, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.rawHeaders);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    const [host, port] = (req.url ?? '').split(':');
    if (!allowed.has(host)) return void socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = net.connect(Number(port), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Command = <T>(method: 'POST' | 'GET' | 'DELETE', path: string, body?: unknown) => Promise<T>;
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A manual test's click (see scripts/wpt-check.ts): the element marked data-manual-click, in the page or one of its frames. */
async function clickWhenAsked(command: Command, base: string): Promise<void> {
  const find = (css: string) => command<Array<Record<string, string>>>('POST', `${base}/elements`, { using: 'css selector', value: css }).catch(() => []);
  const click = async () => {
    for (const el of await find('[data-manual-click]')) await command('POST', `${base}/element/${el[ELEMENT]}/click`, {}).catch(() => undefined);
  };
  await click();
  for (const frame of await find('iframe')) {
    if (
      !(await command('POST', `${base}/frame`, { id: frame }).then(
        () => true,
        () => false,
      ))
    )
      continue;
    await click();
    await command('POST', `${base}/frame/parent`, {}).catch(() => undefined);
  }
}

export async function runInWebKit(urls: string[], readResults: string, hosts: string[]): Promise<TestResult[]> {
  const miniBrowser = findMiniBrowser();
  if (!miniBrowser) throw new Error('MiniBrowser not found: sudo apt-get install -y webkit2gtk-driver');
  const proxy = await startHostProxy(hosts);
  const xvfb: VirtualDisplay | undefined = process.env.DISPLAY ? undefined : await startXvfb();
  const driver = await startDriverProcess('/usr/bin/WebKitWebDriver', (port) => [`--port=${port}`], webkitEnvironment(process.env, xvfb));
  const out: TestResult[] = [];
  try {
    for (const url of urls) {
      const caps = miniBrowserCapabilities(miniBrowser, miniBrowserArgs(proxy.url));
      const session = await driver.client.command<{ sessionId: string }>('POST', '/session', { capabilities: { alwaysMatch: caps } });
      const base = `/session/${session.sessionId}`;
      try {
        await driver.client.command('POST', `${base}/url`, { url });
        type Raw = { harness: string; tests: SubtestResult[] } | null;
        let raw: Raw = null;
        for (let waited = 0; !raw && waited < 60_000; waited += 200) {
          await sleep(200);
          await clickWhenAsked((m, path, body) => driver.client.command(m, path, body), base);
          raw = await driver.client.command<Raw>('POST', `${base}/execute/sync`, { script: `return ${readResults};`, args: [] }).catch((): Raw => null);
        }
        out.push(raw ? { test: url, harness: raw.harness, subtests: raw.tests } : { test: url, harness: 'DRIVER-TIMEOUT', subtests: [] });
      } finally {
        await driver.client.command('DELETE', base).catch(() => undefined);
      }
    }
  } finally {
    await driver.stop();
    await xvfb?.close();
    proxy.close();
  }
  return out;
}
