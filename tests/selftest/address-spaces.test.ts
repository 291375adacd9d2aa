/**
 * Local Network Access address spaces in the fixture network (no browser): each space's direct
 * listener relays plain HTTP and TLS to the fixture server.
 */
import { test, expect } from '@playwright/test';
import tls from 'node:tls';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import { ADDRESS_SPACES, addressSpaceOf, hostAddressSpaces } from '../../protocol/address-space.ts';
import { ORIGINS, ORIGIN_NAMES } from '../../protocol/origins.ts';
import { rawRequest } from './network-client.ts';

let network: FixtureNetwork;
test.beforeAll(async () => {
  network = await startFixtureNetwork();
});
test.afterAll(async () => {
  await network?.close();
});

const portOf = (endpoint: string) => Number(endpoint.split(':')[1]);
const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);

test('the catalog places each Local Network Access host in one space, every other origin in none (loopback)', () => {
  const spaces = hostAddressSpaces();
  expect(Object.fromEntries(spaces)).toEqual({ 'lna-public.test': 'public', 'lna-local.test': 'local', 'lna-loopback.test': 'loopback' });
  for (const name of ORIGIN_NAMES) if (!spaces.has(ORIGINS[name].host)) expect(addressSpaceOf(name)).toBe('loopback');
});

test("each space's direct listener relays plain HTTP to the fixture server, which still answers only catalog hosts", async () => {
  for (const space of ADDRESS_SPACES) {
    const port = portOf(network.addressSpaces.direct[space]);
    const known = await rawRequest(port, 'GET /nothing-here HTTP/1.1\r\nHost: lna-public.test\r\nConnection: close\r\n\r\n');
    expect(statusOf(known.text), `${space}: ${known.text.slice(0, 80)}`).toBe(404);
    const unknown = await rawRequest(port, 'GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n');
    expect(statusOf(unknown.text), `${space}: ${unknown.text.slice(0, 80)}`).toBe(421);
  }
});

test("each space's direct listener relays TLS to the https fixture server (server name and Host checked there)", async () => {
  for (const space of ADDRESS_SPACES) {
    const text = await new Promise<string>((resolve, reject) => {
      const s = tls.connect(
        { host: '127.0.0.1', port: portOf(network.addressSpaces.direct[space]), servername: 'lna-local.test', rejectUnauthorized: false },
        () => s.write('GET /nothing-here HTTP/1.1\r\nHost: lna-local.test\r\nConnection: close\r\n\r\n'),
      );
      let out = '';
      s.on('data', (d: Buffer) => (out += d.toString('latin1')));
      s.on('end', () => resolve(out));
      s.on('error', reject);
      s.setTimeout(5000, () => (s.destroy(), reject(new Error('no answer within 5 s'))));
    });
    expect(statusOf(text), `${space}: ${text.slice(0, 80)}`).toBe(404);
    expect(text).toContain('originproof');
  }
});
