/**
 * Every listener bounds what a peer may hold: the visit service answers only requests carrying
 * its token and cuts a body that does not arrive; the https fixture listener closes a connection
 * that never starts its TLS handshake within the header bound.
 */
import { test, expect } from '@playwright/test';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { answerWith, SERVICE_BODY_MS } from '../../harness/service/visit-service.ts';
import { startFixtureNetwork } from '../../servers/network.ts';
import { DEFAULT_TIMEOUTS } from '../../servers/timeouts.ts';
import { rawRequest, statusOf } from './network-client.ts';

test('the visit service: no token, no visit; a body that does not arrive is cut off', async () => {
  test.setTimeout(SERVICE_BODY_MS + 20_000);
  const endpoint = { valid: () => true, expects: '{}', maxBytes: 1000, answer: async () => ({ ok: true }) };
  const server = http.createServer(answerWith({ '/row': endpoint }, 'tok123'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    const post = (path: string, body = '{}') =>
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
    const without = await rawRequest(port, post('/row'));
    expect(statusOf(without.text)).toBe(403);
    expect(without.text).toContain('carry its token');
    expect(statusOf((await rawRequest(port, post('/wrong/row'))).text)).toBe(403);
    expect(statusOf((await rawRequest(port, post('/tok123/row'))).text)).toBe(200);
    const started = Date.now();
    const slow = await rawRequest(port, 'POST /tok123/row HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{', SERVICE_BODY_MS + 10_000);
    expect(slow.closed).toBe(true);
    expect(statusOf(slow.text)).toBe(408);
    expect(Date.now() - started).toBeLessThan(SERVICE_BODY_MS + 5000);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('the https fixture listener closes a connection that never starts TLS within the header bound', async () => {
  test.setTimeout(60_000);
  const network = await startFixtureNetwork({ timeouts: { ...DEFAULT_TIMEOUTS, headersMs: 2000 } });
  try {
    const started = Date.now();
    const socket = net.connect(network.listeners.https.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(Date.now() - started).toBeLessThan(10_000);
  } finally {
    await network.close();
  }
});
