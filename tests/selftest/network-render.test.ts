/**
 * One renderer for the server and the model: for a set of declared responses, the bytes a client
 * receives through the proxy (plain http and inside a TLS tunnel) are exactly the response the
 * fetch model reasons over (status, every header line in order with its casing, the content).
 */
import { test, expect } from '@playwright/test';
import { startFixtureNetwork, type FixtureNetwork } from '../../servers/network.ts';
import { ORIGINS, type CatalogOriginName } from '../../protocol/origins.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import { opPath } from '../../protocol/paths.ts';
import { serve } from '../../harness/model/fetch/index.ts';
import { rawExchange, viaTunnel } from './network-client.ts';

let network: FixtureNetwork;
test.beforeAll(async () => {
  network = await startFixtureNetwork();
});
test.afterAll(async () => {
  await network?.close();
});

const DECLARED: Record<string, DeclaredResponse> = {
  text: {
    headers: [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Access-Control-Allow-Origin', '{{origin}}'],
      ['x-OP-Case', 'a'],
      ['X-Op-Case', 'b'],
      ['Set-Cookie', 'a=1; Path=/; Secure; SameSite=None'],
      ['Set-Cookie', 'b=2; Path=/; Secure; SameSite=None'],
    ],
    body: 'from {{origin}} to {{origin:other}}, next {{url:httpOther:empty}} ünïcödé',
  },
  agent: { kind: 'agent', headers: [['Cross-Origin-Resource-Policy', 'cross-origin']] },
  png: { kind: 'png' },
  wav: {
    kind: 'wav',
    headers: [
      ['content-type', 'audio/x-wav'],
      ['Cache-Control', 'max-age=0'],
    ],
  },
  empty: { kind: 'empty', status: 201 },
  noContent: { status: 204, headers: [['X-Op', '1']] },
  resetContent: { status: 205 },
  notModified: { status: 304 },
  redirect: { status: 302, headers: [['Location', '{{url:other:text}}']] },
  // A popup's redirect keeps the mailbox its agent document reports to.
  redirectToMailbox: { status: 302, headers: [['Location', '{{url:other:text:popup}}']] },
  teapot: { status: 418, body: 'short and stout', delayMs: 50 },
  preflighted: {
    body: 'actual',
    headers: [['Access-Control-Allow-Origin', '*']],
    preflight: {
      status: 204,
      headers: [
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Origin', '{{origin}}'],
      ],
    },
  },
};

// Lines the transport writes for itself (each hop): not part of any declaration.
const TRANSPORT = ['date', 'connection', 'keep-alive'];

function parse(text: string): { status: number; headers: Array<[string, string]>; body: string } {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = lines.map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i), l.slice(i + 1).trim()] as [string, string];
  });
  return { status: Number(statusLine.split(' ')[1]), headers: headers.filter(([n]) => !TRANSPORT.includes(n.toLowerCase())), body: text.slice(end + 4) };
}

test('what the server sends through the proxy is byte for byte what the model renders', async () => {
  const visitId = 'render-1';
  network.store.register({
    visitId,
    page: { at: 'site', url: `https://site.test${opPath.visit(visitId)}`, headers: [] },
    cookies: [],
    probes: [],
    responses: { P: DECLARED },
    concurrency: 1,
  });
  let compared = 0;
  try {
    for (const at of ['httpSite', 'other'] as CatalogOriginName[]) {
      const o = ORIGINS[at];
      for (const name of Object.keys(DECLARED)) {
        for (const method of ['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT']) {
          const origin = method === 'GET' ? undefined : 'https://site.test';
          const path = `${opPath.response('P', name)}?v=${visitId}`;
          const head = [
            `Host: ${o.host}`,
            ...(origin ? [`Origin: ${origin}`] : []),
            ...(method === 'POST' || method === 'PUT' ? ['Content-Length: 0'] : []),
            'Connection: close',
          ];
          const text =
            o.scheme === 'http'
              ? await rawExchange(network.proxy.port, `${method} http://${o.host}${path} HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n`)
              : (await viaTunnel(network.proxy.port, `${o.host}:${o.port}`, o.host, `${method} ${path} HTTP/1.1\r\n${head.join('\r\n')}\r\n\r\n`)).text;
          const model = serve(DECLARED[name], method, origin ?? null, { visitId, probeKey: 'P' });
          expect(parse(text), `${method} ${at} ${name}`).toEqual({ status: model.status, headers: model.headers, body: model.bytes.toString('latin1') });
          compared++;
        }
      }
    }
  } finally {
    network.store.forget(visitId);
  }
  expect(compared).toBe(2 * Object.keys(DECLARED).length * 5);
});

test('{{url:NAME:RESPONSE:MAILBOX}} names the mailbox below the probe key, as the planner does for a popup target', () => {
  const model = serve(DECLARED.redirectToMailbox, 'GET', null, { visitId: 'render-2', probeKey: 'P' });
  const location = model.headers.find(([n]) => n === 'Location')?.[1];
  expect(location).toBe(`https://other.test${opPath.response('P', 'text')}?v=render-2&mail=${encodeURIComponent('P/popup')}`);
  expect(() => serve({ status: 302, headers: [['Location', '{{url:other:text:pop up}}']] }, 'GET', null, { visitId: 'render-2', probeKey: 'P' })).toThrow(
    /unknown template token/,
  );
});
