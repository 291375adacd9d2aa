/**
 * The `websockets` intent end to end, through `npm run audit` (scripts/audit.ts) in all three
 * engines: the chat server of examples/websockets that does not check Origin is broken — every
 * attacker's page opens the socket and reads the greeting, with the handshake's Origin and the
 * cookies it carried as evidence — and the same server checking Origin holds. Reports go to a
 * temporary folder.
 */
import { test, expect } from '@playwright/test';
import { runExample } from './audit-run.ts';

const ENGINES = ['chromium', 'firefox', 'webkit'];

test('a WebSocket server that does not check Origin is broken in every engine, with the handshake as evidence', async () => {
  test.setTimeout(300_000);
  const r = await runExample('examples/websockets/broken.config.ts');
  expect(r.status, r.output.slice(-3000)).toBe(1);
  expect(r.intents.map((i) => i.engines)).toEqual([{ chromium: 'broken', firefox: 'broken', webkit: 'broken' }]);
  for (const engine of ENGINES) {
    const other = r.probes.find((p) => p.engine === engine && p.probe.id === 'websockets-0.other-site.other')!;
    expect(other.verdict, other.message).toBe('broken');
    // The page read what the server sent on the socket.
    expect(other.observed).toMatch(/^opened, and the page read the message ".*hello/);
    // The handshake: another site's Origin, answered 101.
    expect(other.standard.exchanges).toContainEqual(expect.objectContaining({ origin: 'https://other.test', status: 101 }));
    expect(other.standard.why[0]).toMatch(/^the handshake carried Origin https:\/\/other\.test and (the cookies originproof_session|no cookies)$/);
    expect(other.standard.why.join('; ')).toContain('your server answered 101');
    // Every attacker gets in; the app's own page too.
    for (const p of r.probes.filter((q) => q.engine === engine))
      expect(p.verdict, `${engine} ${p.probe.id}: ${p.message}`).toBe(p.probe.requester.attacker ? 'broken' : 'holds');
  }
  // The cookies a handshake carries are the engine's cookie policy: WebKitGTK sends a SameSite=None
  // cookie cross-site; the evidence says which engine sent it.
  const webkit = r.probes.find((p) => p.engine === 'webkit' && p.probe.id === 'websockets-0.other-site.other')!;
  expect(webkit.standard.why[0]).toBe('the handshake carried Origin https://other.test and the cookies originproof_session');
});

test('the same server checking Origin holds in every engine: the app opens it, every attacker handshake is refused (ws answers a failed verifyClient with 401)', async () => {
  test.setTimeout(300_000);
  const r = await runExample('examples/websockets/originproof.config.ts');
  expect(r.status, r.output.slice(-3000)).toBe(0);
  expect(r.intents.map((i) => i.engines)).toEqual([{ chromium: 'holds', firefox: 'holds', webkit: 'holds' }]);
  for (const engine of ENGINES) {
    const app = r.probes.find((p) => p.engine === engine && p.probe.id === 'websockets-0.allowed.app-test')!;
    expect(app.observed).toMatch(/^opened, and the page read the message/);
    const other = r.probes.find((p) => p.engine === engine && p.probe.id === 'websockets-0.other-site.other')!;
    expect(other.standard.exchanges).toContainEqual(expect.objectContaining({ origin: 'https://other.test', status: 401 }));
    expect(other.observed).toMatch(/^refused/);
  }
});
