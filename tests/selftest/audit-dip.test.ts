/**
 * The `isolatedByDip` intent end to end, through `npm run audit` in all three engines, on the
 * playground of examples/document-isolation: its page must be crossOriginIsolated by its own
 * Document-Isolation-Policy, framed by a page of its origin without isolation headers. Chromium
 * implements Document-Isolation-Policy: the page sending it holds, the page sending the older COOP +
 * COEP pair is broken, explained by the draft's steps. Firefox and WebKitGTK do not: the intent
 * cannot hold there (unsupported, with the engine's recorded position), whatever the server sends,
 * and the report says so rather than blame the server.
 */
import { test, expect } from '@playwright/test';
import { runExample, type ExampleRun } from './audit-run.ts';

const PROBE = 'isolated-by-dip-0.frame';
const WITHOUT_DIP = ['firefox', 'webkit'];

function probeOf(r: ExampleRun, engine: string) {
  const p = r.probes.find((x) => x.engine === engine && x.probe.id === PROBE);
  expect(p, `${engine}: no outcome for ${PROBE}\n${r.output.slice(-3000)}`).toBeTruthy();
  return p!;
}

/** Firefox and WebKitGTK: not the server's fault, the engine's recorded lack of the header, with its link. */
function expectUnsupported(r: ExampleRun, engine: string, serverHolds: boolean) {
  const p = probeOf(r, engine);
  expect(p.verdict, p.message).toBe('unsupported');
  expect(p.message).toContain(`cannot hold in ${engine}: ${engine} does not support Document-Isolation-Policy`);
  expect(p.message).toContain('https://github.com/web-platform-tests/interop/issues/1332');
  expect(p.message).toContain(serverHolds ? "your server's answer holds by the standard" : "your server's answer would not hold even where it is supported");
  expect(p.observed).toBe('crossOriginIsolated is false');
  expect(p.standard.holds).toBe(serverHolds);
}

test('a playground page sending Document-Isolation-Policy holds in Chromium; Firefox and WebKitGTK cannot hold it (no Document-Isolation-Policy), with the link', async () => {
  test.setTimeout(300_000);
  const r = await runExample('examples/document-isolation/originproof.config.ts');
  expect(r.status, r.output.slice(-3000)).toBe(1);
  expect(r.intents.map((i) => i.engines)).toEqual([{ chromium: 'holds', firefox: 'unsupported', webkit: 'unsupported' }]);
  const chromium = probeOf(r, 'chromium');
  expect(chromium.verdict, chromium.message).toBe('holds');
  expect(chromium.observed).toBe('crossOriginIsolated is true');
  // The explanation names the draft's step, on the header the server sent.
  expect(chromium.standard.why[0]).toBe(
    'Document Isolation Policy (WICG), obtain a document isolation policy step 4: Document-Isolation-Policy "isolate-and-credentialless" → isolate-and-credentialless',
  );
  for (const engine of WITHOUT_DIP) expectUnsupported(r, engine, true);
  expect(r.markdown).toContain('⊘ not supported by the engine');
});

test('the same page sending COOP + COEP instead is broken in Chromium (not isolated in a frame), explained by the draft; still unsupported in Firefox and WebKitGTK', async () => {
  test.setTimeout(300_000);
  const r = await runExample('examples/document-isolation/broken.config.ts');
  expect(r.status, r.output.slice(-3000)).toBe(1);
  expect(r.intents.map((i) => i.engines)).toEqual([{ chromium: 'broken', firefox: 'unsupported', webkit: 'unsupported' }]);
  const chromium = probeOf(r, 'chromium');
  expect(chromium.verdict, chromium.message).toBe('broken');
  // Without a policy the page is in another agent cluster than its same-origin reader with one.
  expect(chromium.observed).toMatch(/^the page could not be read from a same-origin document with the same Document-Isolation-Policy/);
  expect(chromium.standard.why[0]).toBe(
    'Document Isolation Policy (WICG), obtain a document isolation policy step 4: Document-Isolation-Policy absent → none (isolation needs the token isolate-and-require-corp or isolate-and-credentialless; the report-only header isolates nothing)',
  );
  expect(chromium.message).toMatch(/chromium follows the standard here/);
  expect(chromium.message).toMatch(/cross-origin-embedder-policy: require-corp/i);
  for (const engine of WITHOUT_DIP) expectUnsupported(r, engine, false);
});
