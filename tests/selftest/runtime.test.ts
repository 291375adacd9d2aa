/**
 * The probe runtime (servers/runtime/) in a real Chromium page, without the fixture network:
 * the runtime's own contracts, each a regression guard for a bug that was seen.
 *  - a probe reads only the signals of its own script (a control's signal once leaked into
 *    `sop.embed.script.cors-without-acao`'s record);
 *  - a probe that runs out of time has what it opened closed (frames were left behind);
 *  - one ping protocol, answered by every page that loads the runtime.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, chromium, type Browser, type Page } from '@playwright/test';
import { runtimeScripts, runtimeSource } from '../../servers/runtime-files.ts';

const RUNTIME_DIR = path.join(import.meta.dirname, '../../servers/runtime');
const bundle = runtimeScripts().map(runtimeSource).join('\n');
const start = fs.readFileSync(path.join(RUNTIME_DIR, 'start.js'), 'utf8');

/** The runtime as these tests use it (plain browser JS: typed here only as far as needed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Runtime = any;

let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined, args: ['--no-sandbox'] });
});
test.afterAll(async () => browser?.close());

async function pageWithRuntime(extra = ''): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><body><script>${bundle}</script>${extra}</body>`);
  return page;
}

test('an embed probe reads only the signals of the script it loaded, not its control’s', async () => {
  const page = await pageWithRuntime();
  const observed = await page.evaluate(async () => {
    const OP = (self as unknown as { OP: Runtime }).OP;
    const script = (code: string) => 'data:text/javascript,' + encodeURIComponent(code);
    // The "control" runs first and signals under the same name.
    const control = await OP.probes.embed(
      { element: 'script', target: { url: script("OP.signal('ran', 'control')") }, signal: 'ran' },
      { scope: OP.newScope(), timeoutMs: 3000 },
    );
    // The scenario's script fails to load: it never ran, so it signalled nothing.
    const blocked = await OP.probes.embed({ element: 'script', target: { url: 'data:text/plain,' }, signal: 'ran' }, { scope: OP.newScope(), timeoutMs: 3000 });
    const own = await OP.probes.embed(
      { element: 'script', target: { url: script("OP.signal('ran', 'own')") }, signal: 'ran' },
      { scope: OP.newScope(), timeoutMs: 3000 },
    );
    return { control: control.signals, blocked: blocked.signals, own: own.signals };
  });
  expect(observed).toEqual({ control: ['control'], blocked: [], own: ['own'] });
  await page.close();
});

test('a probe that times out has the frames and windows it opened closed', async () => {
  // A probe kind that opens a frame and a popup and never settles, run by the runner page (start.js)
  // with a 300 ms bound: the observation says timedOut and nothing it opened is left.
  const plan = { visitId: 'v1', concurrency: 2, probes: [{ key: 'hang', kind: 'hang', params: {}, context: [], timeoutMs: 300 }] };
  const page = await browser.newPage();
  await page.setContent(
    `<!doctype html><body><script type="application/json" id="op-plan">${JSON.stringify(plan)}</script><script>${bundle}
      OP.defineProbe('hang', function (p, probe) {
        var f = OP.track(probe.scope, document.createElement('iframe'));
        f.id = 'left-behind';
        document.body.appendChild(f);
        self.hangPopup = OP.track(probe.scope, window.open('about:blank', '_blank'));
        return new Promise(function () {});
      });
      window.fetch = function () { return Promise.resolve(); };
    </script></body>`,
  );
  await page.addScriptTag({ content: start });
  await expect(page).toHaveTitle('originproof visit done', { timeout: 5000 });
  const left = await page.evaluate(() => ({
    frames: document.querySelectorAll('iframe').length,
    popupClosed: (self as unknown as { hangPopup: Window }).hangPopup.closed,
  }));
  expect(left).toEqual({ frames: 0, popupClosed: true });
  await page.close();
});

test('one ping protocol: a runtime page answers a ping with the origin it saw; a page without the runtime does not', async () => {
  const page = await pageWithRuntime();
  const result = await page.evaluate(async (runtime) => {
    const OP = (self as unknown as { OP: Runtime }).OP;
    const withRuntime = document.createElement('iframe');
    withRuntime.srcdoc = `<script>${runtime}</` + 'script>';
    const without = document.createElement('iframe');
    without.srcdoc = '<p>no runtime</p>';
    document.body.append(withRuntime, without);
    await new Promise((r) => setTimeout(r, 300));
    return { answered: await OP.ping(withRuntime.contentWindow, 2000), silent: await OP.ping(without.contentWindow, 500) };
  }, bundle);
  // about:blank and its srcdoc frames share one opaque origin: serialized "null" on both sides.
  expect(result).toEqual({ answered: { origin: 'null', selfOrigin: 'null', receivedFrom: 'null' }, silent: null });
  await page.close();
});
