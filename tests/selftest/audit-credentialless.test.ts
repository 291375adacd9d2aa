/**
 * The `credentiallessEmbeds` intent end to end, through `npm run audit` in all three engines, on the
 * comments widget of examples/credentialless-embed, embedded by the app's isolated page (COOP +
 * COEP) in <iframe credentialless>. Chromium implements credentialless frames: the widget that
 * answers anyone holds; the widget whose script answers only a logged-in user (401 without its
 * session cookie) loads but is broken, explained by the draft (its requests never carry the user's
 * cookies). Firefox and WebKitGTK ignore the attribute, so the isolated page refuses the frame: the
 * intent cannot hold there (unsupported, with each engine's standards position), whatever the
 * server sends.
 */
import { test, expect } from '@playwright/test';
import { runExample, type ExampleRun } from './audit-run.ts';

const PROBE = 'credentialless-embeds-0.frame';
const POSITIONS: Record<string, string> = {
  firefox: 'https://github.com/mozilla/standards-positions/issues/628',
  webkit: 'https://github.com/WebKit/standards-positions/issues/45',
};

function probeOf(r: ExampleRun, engine: string) {
  const p = r.probes.find((x) => x.engine === engine && x.probe.id === PROBE);
  expect(p, `${engine}: no outcome for ${PROBE}\n${r.output.slice(-3000)}`).toBeTruthy();
  return p!;
}

/** Firefox and WebKitGTK: the engine's recorded lack of credentialless frames, with its position, not the server's fault. */
function expectUnsupported(r: ExampleRun) {
  for (const [engine, link] of Object.entries(POSITIONS)) {
    const p = probeOf(r, engine);
    expect(p.verdict, p.message).toBe('unsupported');
    expect(p.message).toContain(`cannot hold in ${engine}: ${engine} does not support <iframe credentialless>`);
    expect(p.message).toContain(link);
    expect(p.observed).toBe('the credentialless frame never loaded in the isolated page');
    // The frame never loaded, so the server was never asked: nothing is said about it.
    expect(p.standard.holds).toBeUndefined();
  }
}

test('a widget that answers anyone loads and works in a credentialless frame in Chromium; Firefox and WebKitGTK cannot hold it, with their positions', async () => {
  test.setTimeout(300_000);
  const r = await runExample('examples/credentialless-embed/originproof.config.ts');
  expect(r.status, r.output.slice(-3000)).toBe(1);
  expect(r.intents.map((i) => i.engines)).toEqual([{ chromium: 'holds', firefox: 'unsupported', webkit: 'unsupported' }]);
  const chromium = probeOf(r, 'chromium');
  expect(chromium.verdict, chromium.message).toBe('holds');
  expect(chromium.observed).toBe('loaded in the credentialless frame');
  expect(chromium.standard.why[0]).toMatch(/^iframe credentialless \(WICG\)/);
  expect(chromium.standard.why[1]).toBe("the embed's navigation carried no cookies");
  // The widget's own script was seen, answered without cookies.
  expect(chromium.standard.exchanges.map((x) => `${x.request.replace(/\?.*/, '')} ${x.status}`)).toEqual(['GET /embed 200', 'GET /embed/me.js 200']);
  expectUnsupported(r);
});

test('a widget whose script needs the session cookie loads but is broken in Chromium, explained by the draft; unsupported in Firefox and WebKitGTK', async () => {
  test.setTimeout(300_000);
  const r = await runExample('examples/credentialless-embed/broken.config.ts');
  expect(r.status, r.output.slice(-3000)).toBe(1);
  expect(r.intents.map((i) => i.engines)).toEqual([{ chromium: 'broken', firefox: 'unsupported', webkit: 'unsupported' }]);
  const chromium = probeOf(r, 'chromium');
  expect(chromium.verdict, chromium.message).toBe('broken');
  expect(chromium.observed).toBe('loaded in the credentialless frame');
  expect(chromium.standard.outcome).toBe('loads, but does not work');
  expect(chromium.standard.why).toContain(
    "GET /embed/me.js (sent without cookies) → 401: the embed needs it, and in a credentialless frame it never has the user's cookies",
  );
  expect(chromium.message).toContain('by what your server answered it does not work');
  expectUnsupported(r);
});
