/** The fixture network: loopback only, catalog only, certificate per run, clear errors. */
import { test, expect } from '@playwright/test';
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { PNG_2x2 } from '../../protocol/declared-response.ts';
import { X509Certificate } from 'node:crypto';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import { catalogHosts, ORIGINS, ORIGIN_NAMES, originFromHost, originUrl, originUrlExplicitPort } from '../../protocol/origins.ts';
import { startProxy } from '../../servers/proxy.ts';
import { rawExchange, viaTunnel } from './network-client.ts';

let network: FixtureNetwork;
test.beforeAll(async () => {
  network = await startFixtureNetwork();
});
test.afterAll(async () => {
  await network?.close();
});

function proxiedGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: network.proxy.port, path: url, method: 'GET', headers: { host: new URL(url).host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('every listener binds 127.0.0.1 only', () => {
  expect(network.listeners.http.address).toBe('127.0.0.1');
  expect(network.listeners.https.address).toBe('127.0.0.1');
  const proxyAddress = network.proxy.url;
  expect(proxyAddress).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

/** Whether a TCP connection to address:port is accepted (a refusal, an unroutable address or silence is "no"). */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: address, port }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
  });
}

test('no listener of the network is reachable on any address of this machine but 127.0.0.1', async () => {
  const os = await import('node:os');
  // Other addresses of this machine: the rest of 127/8 and ::1 (present on every Linux host), and
  // every non-loopback interface address (link-local ones need a scope and are skipped).
  const candidates = [
    '127.0.0.2',
    '::1',
    ...Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && !i.address.startsWith('fe80:'))
      .map((i) => i!.address),
  ];
  // Control: a listener bound to every address is reachable at these, so a "no" below means the
  // network's listeners are bound to 127.0.0.1, not that the address leads nowhere.
  const wildcard = net.createServer((c) => c.destroy());
  // No host: Node binds every address (:: dual-stack where IPv6 exists, else 0.0.0.0).
  await new Promise<void>((r) => wildcard.listen(0, () => r()));
  const wildcardPort = (wildcard.address() as net.AddressInfo).port;
  const reachesMachine: string[] = [];
  try {
    for (const address of candidates) if (await accepts(address, wildcardPort)) reachesMachine.push(address);
  } finally {
    wildcard.close();
  }
  expect(reachesMachine.length, `no address among ${candidates.join(', ')} reaches a wildcard listener on this machine`).toBeGreaterThan(0);
  const spaceListeners = Object.values(network.addressSpaces.direct).map((e) => Number(e.split(':')[1]));
  const ports = [network.listeners.http.port, network.listeners.https.port, network.proxy.port, ...spaceListeners];
  for (const port of ports) expect(await accepts('127.0.0.1', port), `127.0.0.1:${port}`).toBe(true);
  for (const address of reachesMachine) {
    for (const port of ports) expect(await accepts(address, port), `${address}:${port}`).toBe(false);
  }
});

test('the proxy refuses a host outside the catalog, for http and CONNECT', async () => {
  const plain = await rawExchange(network.proxy.port, 'GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n');
  expect(plain).toMatch(/^HTTP\/1\.1 403/);
  expect(plain).toContain('refused GET example.com');
  const connect = await rawExchange(network.proxy.port, 'CONNECT www.google.com:443 HTTP/1.1\r\nHost: www.google.com:443\r\n\r\n');
  expect(connect).toMatch(/^HTTP\/1\.1 403/);
  expect(connect).toContain('not an origin of the catalog');
  expect(network.proxy.refused.map((r) => r.destination)).toEqual(expect.arrayContaining(['example.com', 'www.google.com:443']));
});

test('the proxy refuses a catalog host on a port outside the catalog, and a scheme mismatch', async () => {
  const badPort = await rawExchange(network.proxy.port, 'CONNECT site.test:9443 HTTP/1.1\r\nHost: site.test:9443\r\n\r\n');
  expect(badPort).toMatch(/^HTTP\/1\.1 403/);
  const badHttpPort = await rawExchange(network.proxy.port, 'GET http://site.test:8081/ HTTP/1.1\r\nHost: site.test:8081\r\nConnection: close\r\n\r\n');
  expect(badHttpPort).toMatch(/^HTTP\/1\.1 403/);
  // https://site.test:8443 is in the catalog, but not as plain http.
  const wrongScheme = await rawExchange(network.proxy.port, 'GET http://site.test:8443/ HTTP/1.1\r\nHost: site.test:8443\r\nConnection: close\r\n\r\n');
  expect(wrongScheme).toMatch(/^HTTP\/1\.1 403/);
  const garbage = await rawExchange(network.proxy.port, 'GET /relative HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  expect(garbage).toMatch(/^HTTP\/1\.1 400/);
});

test('the proxy reaches every catalog origin, default ports spelled out or not', async () => {
  for (const name of ORIGIN_NAMES.filter((n) => ORIGINS[n].scheme === 'http')) {
    for (const base of [originUrl(name), originUrlExplicitPort(name)]) {
      const r = await proxiedGet(`${base}/__op/nothing-here`);
      // The fixture server answered (its own 404 text), so the proxy forwarded it.
      expect(r.status, base).toBe(404);
      expect(r.body).toContain('originproof fixture server');
    }
  }
  for (const name of ORIGIN_NAMES.filter((n) => ORIGINS[n].scheme === 'https')) {
    const entry = ORIGINS[name];
    const host = `${entry.host}${entry.port === 443 ? '' : `:${entry.port}`}`;
    const { text } = await viaTunnel(
      network.proxy.port,
      `${entry.host}:${entry.port}`,
      entry.host,
      `GET /__op/nothing HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    );
    expect(text, name).toMatch(/^HTTP\/1\.1 404/);
  }
});

test('the certificate is fresh per run and covers every catalog host', async () => {
  const cert = new X509Certificate(network.certificate.cert);
  const sans = (cert.subjectAltName ?? '').split(', ').map((s) => s.replace(/^DNS:/, ''));
  expect(sans.sort()).toEqual(catalogHosts());
  for (const host of catalogHosts()) expect(cert.checkHost(host), host).toBe(host);
  const other = await startFixtureNetwork();
  try {
    expect(other.certificate.cert).not.toBe(network.certificate.cert);
    // Two networks side by side never share a port.
    const spaceListeners = Object.values(network.addressSpaces.direct).map((e) => Number(e.split(':')[1]));
    const ports = [network.listeners.http.port, network.listeners.https.port, network.proxy.port, ...spaceListeners];
    for (const p of [other.listeners.http.port, other.listeners.https.port, other.proxy.port]) expect(ports).not.toContain(p);
  } finally {
    await other.close();
  }
});

test('a port already in use is reported with the port and the component', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const port = (blocker.address() as net.AddressInfo).port;
  try {
    await expect(startProxy({ http: 1, servers: { http: net.createServer(), https: net.createServer() } }, { listenPort: port })).rejects.toThrow(
      `proxy cannot listen on 127.0.0.1:${port}: the port is already in use`,
    );
    await expect(startFixtureNetwork({ ports: { https: port } })).rejects.toThrow(
      `https fixture server cannot listen on 127.0.0.1:${port}: the port is already in use`,
    );
  } finally {
    blocker.close();
  }
});

test('the fixture server answers bad requests with a clear error', async () => {
  const r1 = await proxiedGet(`${originUrl('httpSite')}/__op/visit/no-such-visit`);
  expect(r1.status).toBe(404);
  expect(r1.body).toContain('no visit "no-such-visit"');
  const r2 = await proxiedGet(`${originUrl('httpSite')}/__op/r/unknown-probe/doc?v=x`);
  expect(r2.status).toBe(404);
  expect(r2.body).toContain('declares no response "doc"');
  const post = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: network.listeners.http.port,
        path: '/__op/results/v1',
        method: 'POST',
        headers: { host: 'site.test', 'content-type': 'text/plain' },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end('{not json');
  });
  expect(post.status).toBe(400);
  expect(post.body).toContain('results must be a JSON visit report');
});

test('the Host header decides the origin, and unknown hosts map to none', () => {
  expect(originFromHost('https', 'site.test')).toBe('site');
  expect(originFromHost('https', 'site.test:443')).toBe('site');
  expect(originFromHost('https', 'site.test:8443')).toBe('sitePort');
  expect(originFromHost('http', 'site.test:8080')).toBe('httpSitePort');
  expect(originFromHost('http', 'site.test:8443')).toBeUndefined();
  expect(originFromHost('https', 'evil.test')).toBeUndefined();
});

test('the declared image body is a well-formed PNG (every chunk CRC valid, image data inflates)', () => {
  // A truncated IDAT once made WebKit fail the image now and then: a flaky "blocked" for an allowed load.
  expect(PNG_2x2.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
  const types: string[] = [];
  for (let i = 8; i < PNG_2x2.length;) {
    const n = PNG_2x2.readUInt32BE(i);
    const typeAndData = PNG_2x2.subarray(i + 4, i + 8 + n);
    expect(PNG_2x2.readUInt32BE(i + 8 + n)).toBe(zlib.crc32(typeAndData));
    const type = typeAndData.subarray(0, 4).toString('latin1');
    if (type === 'IDAT') expect(zlib.inflateSync(typeAndData.subarray(4)).length).toBe(2 * (1 + 2 * 3));
    types.push(type);
    i += 12 + n;
  }
  expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
});

test('the proxy refuses to listen on every interface at once, naming the address and what to give instead', async () => {
  for (const host of ['0.0.0.0', '::']) {
    await expect(startFixtureNetwork({ proxyHost: host })).rejects.toThrow(
      new RegExp(`the proxy will not listen on ${host.replace(/\./g, '\\.')} \\(every interface\\): name the one address`),
    );
  }
});
