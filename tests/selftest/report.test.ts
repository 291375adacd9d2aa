/**
 * The conformance report, checked by DOM in real Chromium (never by pixels, never by timing;
 * the tests that render launch it, so run this file under the browser lock):
 *  - the matrix of a full-catalog run: the first screen names the engines and their
 *    boundary-touching settings, the disagreement list comes before the areas, every cell names
 *    an outcome (the one the model derived, coloured by the verdict), the file stays within a
 *    quarter of the 9 MB the old page took; its time to usable is measured and recorded (test
 *    annotation, attachment and a `bench:` line), never asserted; screenshots of the first screen
 *    and of one grid per area are written to the test's output;
 *  - the matrix of a captured real run: evidence and the spec citation on demand, search, filters,
 *    seed claims, links;
 *  - outcome words per probe kind, families and their axes, the new `not-run` / `error` verdicts,
 *    the Markdown summary, the seed-claims view, the wptreport export, `compare` (text and page),
 *    and rebuilding rows from attachments.
 *
 * The captured run (fixtures/results-sample.json) is rows copied from a real run (see
 * fixtures/README.md). The full catalog run is ORIGINPROOF_FULL_RUN (a results file of a full run)
 * when given, else reporters/matrix/synthetic.ts: the catalog × the captured run's engines, marked
 * synthetic wherever rendered. Tests that need other shapes derive them in memory and say so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Browser, type Page } from '@playwright/test';
import type { ResultsFile } from '../../harness/judge/results.ts';
import { readResultsFile, RowCollector } from '../../reporters/matrix/collect.ts';
import { buildModel, type MatrixModel } from '../../reporters/matrix/model.ts';
import { outputPaths, writeMatrix } from '../../reporters/matrix/write.ts';
import { buildWptReports, wptTestPath, WPT_STATUS } from '../../reporters/matrix/wptreport.ts';
import { SEED_CLAIMS } from '../../reporters/matrix/seed-claims.ts';
import { findSharedSeedClaims, parseSeedClaims } from '../../reporters/matrix/seed-claims-parse.ts';
import { claimVerdict, type ClaimVerdict } from '../../reporters/claims-verdicts.ts';
import { outcomeOf, expectedOutcomeOf, cellOutcome } from '../../reporters/matrix/outcome.ts';
import { FAMILIES, familyOf } from '../../reporters/matrix/families.ts';
import { syntheticRun, SYNTHETIC_NOTE } from '../../reporters/matrix/synthetic.ts';
import { launchReportBrowser, measureUsable, formatUsable, usableMark } from '../../reporters/matrix/usable.ts';
import { renderMarkdown } from '../../reporters/matrix/markdown.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { loadParsingCatalog } from '../../scenarios/parsing/index.ts';
import { validateWptReport } from '../../scripts/wptreport.ts';
import { compareResults, formatComparison } from '../../reporters/matrix/compare.ts';
import { renderComparisonHtml } from '../../reporters/matrix/compare-html.ts';
import { VERDICT_LABEL } from '../../reporters/matrix/html.ts';
import { summarize } from '../../reporters/audit-reporter.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const FIXTURE = path.join(here, 'fixtures', 'results-sample.json');
const sample = (): ResultsFile => readResultsFile(FIXTURE);
/** The page the old matrix renderer produced for a full run of 1,202 scenarios (before the compact matrix page): the budget is a quarter of it per scenario. */
const OLD_FULL_PAGE_BYTES = 9e6;
const OLD_CATALOG_SIZE = 1202;

function fullRun(): { file: ResultsFile; notes: string[]; source: string } {
  const given = process.env.ORIGINPROOF_FULL_RUN;
  if (given) return { file: readResultsFile(given), notes: [], source: given };
  return { file: syntheticRun(loadCatalog(), sample()), notes: [SYNTHETIC_NOTE], source: 'synthetic (catalog × the captured run’s engines)' };
}

// Launched by the tests that render pages only, so the others run without a browser.
let launched: Browser | undefined;
async function reportBrowser(): Promise<Browser> {
  launched ??= await launchReportBrowser();
  return launched;
}
test.afterAll(async () => {
  await launched?.close();
});

async function openMatrix(file: string, errors: string[], requests: string[]): Promise<Page> {
  const page = await (await reportBrowser()).newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${file}`);
  await usableMark(page);
  return page;
}

/** Every cell the page drew with a scenario × engine key: its class, its outcome word(s), its text. */
async function drawnCells(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-k]')).map((el) => ({
      k: el.dataset.k!,
      cls: el.className,
      words: Array.from(el.querySelectorAll('.w')).map((w) => w.textContent ?? ''),
      text: el.textContent ?? '',
    })),
  );
}

/** Opens every area (they render on demand). */
async function openAllAreas(page: Page) {
  await page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll<HTMLDetailsElement>('details.area'))) d.open = true;
  });
  await expect(page.locator('details.area .body:empty')).toHaveCount(0);
}

test('full catalog: first screen names engines and boundary settings, disagreements before areas, every cell names an outcome; size and time to usable recorded', async ({}, testInfo) => {
  test.setTimeout(480_000);
  const { file, notes, source } = fullRun();
  const dir = testInfo.outputPath('full');
  const { model } = await writeMatrix(file, { outputs: outputPaths({}, dir), stepSummary: null, notes });
  const html = path.join(dir, 'matrix.html');
  const catalogSize = loadCatalog().length;
  expect(model.scenarios.length).toBe(catalogSize);

  // Size: a budget (a quarter of the old 9 MB page, per scenario, as the catalog grows), not a timing.
  const bytes = fs.statSync(html).size;
  expect(bytes).toBeLessThanOrEqual(((OLD_FULL_PAGE_BYTES / OLD_CATALOG_SIZE) * catalogSize) / 4);

  // Time to usable: measured and recorded, never asserted (speed is measured, not tested).
  const figures = await measureUsable(await reportBrowser(), html);
  const line = formatUsable(figures, `full catalog (${model.scenarios.length} scenarios × ${model.engineNames.length} engines, ${source})`);
  console.log(`bench: ${line}`);
  testInfo.annotations.push({ type: 'bench', description: line });
  await testInfo.attach('time-to-usable.json', { body: JSON.stringify({ source, ...figures }, null, 1), contentType: 'application/json' });

  const errors: string[] = [];
  const requests: string[] = [];
  const page = await openMatrix(html, errors, requests);

  // The first screen (1400×900, not scrolled) names every engine, its build and the settings
  // that touch the origin boundary, each with its reason.
  for (const e of model.engineNames) {
    const info = model.engines.find((x) => x.engine === e)!;
    const card = page.locator(`.engine[data-engine="${e}"]`);
    await expect(card.locator('h3')).toContainText(e);
    await expect(card.locator('h3')).toContainText(info.browser);
    await expect(card).toContainText(info.backend);
    const box = await card.locator('.boundary').boundingBox();
    expect(box && box.y < 900, `${e}: the boundary settings start on the first screen`).toBe(true);
    const boundary = info.nonDefault.filter((n) => n.boundary);
    await expect(card.locator('.boundary li')).toHaveCount(boundary.length);
    for (const [i, n] of boundary.entries()) {
      await expect(card.locator('.boundary li').nth(i)).toContainText(n.setting);
      await expect(card.locator('.boundary li').nth(i)).toContainText(n.reason);
    }
    // The rest are folded.
    const folded = info.nonDefault.length - boundary.length;
    if (folded) await expect(card.locator('details summary').first()).toContainText(`${folded} other setting`);
  }
  expect(
    model.engines.some((e) => e.nonDefault.some((n) => n.boundary)),
    'the run records boundary-touching settings',
  ).toBe(true);
  const first = testInfo.outputPath('screens', '00-first-screen.png');
  await page.screenshot({ path: first });
  await testInfo.attach('first screen', { path: first, contentType: 'image/png' });

  // The front page answers in order: engines, summary, disagreements, deviations, seed claims, areas.
  const order = ['#engines', '#summary', '#disagree', '#deviations', '#attention', '#claims', '#area-list'];
  const follows = await page.evaluate(
    (ids) =>
      ids.slice(1).map((id, i) => !!(document.querySelector(ids[i])!.compareDocumentPosition(document.querySelector(id)!) & Node.DOCUMENT_POSITION_FOLLOWING)),
    order,
  );
  expect(follows).toEqual(order.slice(1).map(() => true));

  // Where engines disagree: every such scenario, each with an outcome per engine.
  expect(model.disagreements).toBeGreaterThan(0);
  await expect(page.locator('#disagree tr[data-si]')).toHaveCount(Math.min(50, model.disagreements));
  await expect(page.locator('#disagree button.more')).toHaveCount(model.disagreements > 50 ? 1 : 0);
  if (model.disagreements > 50) await page.locator('#disagree button.more').click();
  await expect(page.locator('#disagree tr[data-si]')).toHaveCount(model.disagreements);
  const disIds = (await page.locator('#disagree tr[data-si]').evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-si'))))).map(
    (si) => model.scenarios[si].id,
  );
  expect(disIds.sort()).toEqual(
    model.scenarios
      .filter((s) => s.disagree)
      .map((s) => s.id)
      .sort(),
  );

  // Every recorded deviation, with its reason and its link.
  const recorded = new Map<string, { reason: string; link: string }>();
  for (const s of model.scenarios)
    for (const r of Object.values(s.cells)) if (r?.deviation) recorded.set(`${r.engine}|${r.deviation.reason}|${r.deviation.link}`, { ...r.deviation });
  expect(recorded.size).toBeGreaterThan(0);
  await expect(page.locator('#deviations li')).toHaveCount(recorded.size);
  const devTexts = await page
    .locator('#deviations li')
    .evaluateAll((lis) => lis.map((li) => ({ text: li.textContent ?? '', links: Array.from(li.querySelectorAll('a')).map((a) => a.getAttribute('href')) })));
  for (const d of recorded.values())
    expect(
      // A drafted report (repo:docs/bugs/…) is named as text; a web link is a link.
      devTexts.some((t) => t.text.includes(d.reason) && (/^https?:/.test(d.link) ? t.links.includes(d.link) : t.text.includes(d.link))),
      d.reason,
    ).toBe(true);

  // Every cell names an outcome: open every area, then compare each drawn cell with the model.
  await openAllAreas(page);
  const cells = await drawnCells(page);
  const allowed = new Set(model.scenarios.flatMap((s) => Object.values(s.outcomes).map((o) => o!.word)));
  let checkedNotes = 0;
  for (const c of cells) {
    const [si, ei] = c.k.split(':').map(Number);
    const s = model.scenarios[si];
    const e = model.engineNames[ei];
    const row = s.cells[e];
    expect(c.words, `${s.id} [${e}]`).toEqual([s.outcomes[e]?.word ?? 'not run']);
    expect(c.cls, `${s.id} [${e}] coloured by its verdict`).toContain(`v-${row?.verdict ?? 'not-run'}`);
    // Beside a deviating outcome: what the standard expects.
    const std = s.expectedOutcome?.word;
    if (row && ['known-deviation', 'fail'].includes(row.verdict) && std && std !== s.outcomes[e]!.word) {
      expect(c.text, `${s.id} [${e}] shows the standard's outcome`).toContain(std);
      checkedNotes++;
    }
    // Same word as the standard: a table cell names the detail that differs.
    if (row && ['known-deviation', 'fail'].includes(row.verdict) && std === s.outcomes[e]!.word && row.mismatches.length && c.cls.startsWith('c ')) {
      expect(c.text, `${s.id} [${e}] names what differs`).toContain('same outcome as the standard, but');
    }
  }
  expect(checkedNotes, 'some deviating cells show what the standard expects').toBeGreaterThan(0);
  // Grid cells that gather several scenarios name the outcomes of all of them.
  const gathered = await page
    .locator('td.gc div.el[data-cell]')
    .evaluateAll((els) => els.map((el) => Array.from(el.querySelectorAll('.w')).map((w) => w.textContent ?? '')));
  expect(gathered.length).toBeGreaterThan(0);
  for (const words of gathered) {
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(allowed.has(w) || w === 'not run', w).toBe(true);
  }
  // Every scenario of every area is drawn: as a row, a grid cell of its own, or inside a gathered cell.
  const perArea = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLDetailsElement>('details.area')).map((d) => ({
      area: d.id.slice(5),
      rows: d.querySelectorAll('table.list tr[data-si]').length,
      own: d.querySelectorAll('td.gc[id^="g-"]').length,
      gathered: Array.from(d.querySelectorAll('td.gc a.n')).reduce((n, a) => n + Number((a.textContent ?? '').split(' ')[0]), 0),
    })),
  );
  expect(perArea.map((a) => [a.area, a.rows + a.own + a.gathered])).toEqual(model.areas.map((a) => [a.area, a.scenarios.length]));
  // The new verdicts are drawn distinctly (the synthetic run has them; a real one may not).
  for (const v of ['not-run', 'error']) {
    const n = model.scenarios.reduce((k, s) => k + Object.values(s.cells).filter((r) => r?.verdict === v).length, 0);
    expect(new Set(cells.filter((c) => c.cls.split(' ').includes(`v-${v}`)).map((c) => c.k)).size).toBe(n);
  }

  // One grid per area (or its rows, where the area has no generated family), for the closing note.
  for (const [i, a] of model.areas.entries()) {
    const area = page.locator(`details.area[id="area-${a.area}"]`);
    const target = (await area.locator('table.grid').count()) ? area.locator('table.grid').first() : area.locator('table.list').first();
    await target.scrollIntoViewIfNeeded();
    const box = (await target.boundingBox())!;
    const shot = testInfo.outputPath('screens', `${String(i + 1).padStart(2, '0')}-${a.area.replace(/\//g, '_')}.png`);
    await page.screenshot({ path: shot, clip: { x: 0, y: Math.max(0, box.y - 60), width: 1400, height: Math.min(900, box.height + 70) } });
  }

  expect(errors).toEqual([]);
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  await page.close();
});

test('captured run: evidence and the spec citation on demand, search, filters, seed claims, links', async ({}, testInfo) => {
  const file = sample();
  const dir = testInfo.outputPath('matrix');
  const { model } = await writeMatrix(file, { outputs: outputPaths({}, dir), stepSummary: null });
  const errors: string[] = [];
  const requests: string[] = [];
  const page = await openMatrix(path.join(dir, 'matrix.html'), errors, requests);

  // Summary counts match the results, verdict by verdict.
  const counts = page.locator('#summary table.counts');
  const heads = await counts.locator('thead th').allTextContents();
  for (const e of model.engineNames) {
    const cellsOf = await counts.locator('tbody tr', { hasText: e }).locator('td').allTextContents();
    const shown = heads.slice(1, -1);
    expect(shown.length).toBeGreaterThan(0);
    shown.forEach((label, i) => {
      const v = model.verdicts.find((x) => (VERDICT_LABEL[x] ?? x) === label)!;
      expect(v, label).toBeTruthy();
      expect(cellsOf[i], `${e} ${v}`).toBe(String(file.rows.filter((r) => r.engine === e && r.verdict === v).length));
    });
  }

  // A known deviation: its cell in the disagreement list, clicked, shows expected vs observed,
  // the deviation's reason and link, the server evidence and the cited standard.
  const kd = file.rows.find((r) => r.verdict === 'known-deviation')!;
  expect(kd).toBeTruthy();
  const si = model.scenarios.findIndex((s) => s.id === kd.id);
  const ei = model.engineNames.indexOf(kd.engine);
  await page.locator(`#disagree [data-k="${si}:${ei}"]`).click();
  const panel = page.locator('#panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('the standard expects');
  await expect(panel).toContainText('observed');
  await expect(panel).toContainText(kd.deviation!.reason);
  await expect(panel.locator(`a[href="${kd.deviation!.link}"]`)).toHaveCount(1);
  await expect(panel).toContainText('server evidence');
  for (const c of kd.spec) await expect(panel.locator(`a[href="${c.url}"]`)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Search by id finds exactly that scenario.
  await page.locator('#q').fill(kd.id);
  await expect(page.locator('#q-results tr[data-si]')).toHaveCount(1);
  await page.locator('#q').fill('');
  await expect(page.locator('#q-results tr[data-si]')).toHaveCount(0);

  // "where engines disagree" hides the rest of an area's rows.
  await openAllAreas(page);
  const area = model.areas.find((a) => a.scenarios.some((s) => s.disagree) && a.scenarios.some((s) => !s.disagree))!;
  expect(area).toBeTruthy();
  const rows = page.locator(`details.area[id="area-${area.area}"] table.list tbody tr`);
  await expect(rows.filter({ visible: true })).toHaveCount(area.scenarios.length);
  await page.locator('#show').selectOption('dis');
  await expect(rows.filter({ visible: true })).toHaveCount(area.scenarios.filter((s) => s.disagree).length);
  await page.locator('#show').selectOption('');

  // Seed claims: every claim a row with a status per engine; a scenario link opens its area and its evidence.
  await page.locator('#claims-table summary').click();
  await expect(page.locator('#claims-table tr[id^="c-"]')).toHaveCount(model.claims.length);
  for (const c of ['C01', 'C41', 'C83']) await expect(page.locator(`[id="c-${c}"] td.st`)).toHaveCount(model.engineNames.length);
  await page.goto('about:blank');
  await page.goto(`file://${path.join(dir, 'matrix.html')}#s-${kd.id}`);
  await usableMark(page);
  await expect(page.locator(`[id="s-${kd.id}"]`)).toHaveCount(1);
  await expect(page.locator(`details.area[open] [id="s-${kd.id}"]`)).toBeVisible();
  await expect(panel).toContainText(kd.id);

  expect(errors).toEqual([]);
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  await page.close();
});

test('outcome words per probe kind, from the observation and the server evidence', () => {
  const sent = { data: { arrived: true, actual: true, preflight: false } };
  const preflightOnly = { data: { arrived: true, actual: false, preflight: true } };
  const cases: Array<[string, unknown, unknown, string]> = [
    ['fetch', { resolved: true, type: 'cors', bodyReadable: true }, undefined, 'readable'],
    ['fetch', { resolved: true, type: 'opaque', bodyReadable: false }, undefined, 'opaque'],
    ['fetch', { resolved: false, error: 'TypeError' }, sent, 'sent-unreadable'],
    ['fetch', { resolved: false, error: 'TypeError' }, preflightOnly, 'blocked at preflight'],
    ['fetch', { resolved: false, error: 'TypeError' }, {}, 'blocked'],
    [
      'fetch',
      { resolved: true, bodyReadable: true, headers: { 'x-op-a': 'a', 'x-op-b': null, 'content-type': 'application/json' } },
      undefined,
      'readable + x-op-a',
    ],
    ['fetch', { resolved: true, bodyReadable: true, headers: { 'x-op-a': null, 'content-type': 'x' } }, undefined, 'readable, headers hidden'],
    ['xhr', { loaded: false, error: 'error-event' }, sent, 'sent-unreadable'],
    ['embed', { loaded: true, event: 'load' }, undefined, 'loaded'],
    ['embed', { loaded: false, event: 'error' }, undefined, 'blocked'],
    ['embed', { loaded: true, event: 'load', read: { allowed: false, error: 'SecurityError' } }, undefined, 'loaded, unreadable'],
    ['embed', { loaded: true, event: 'load', scriptError: { muted: true, filename: '', lineno: 0, colno: 0, error: 'null' } }, undefined, 'ran, error muted'],
    [
      'embed',
      { loaded: true, event: 'load', scriptError: { muted: true, filename: 'src', lineno: 0, colno: 0, error: 'undefined' } },
      undefined,
      'ran, error muted in message only',
    ],
    ['window-access', { allowed: true, valueType: 'string', targetReady: true }, undefined, 'reachable'],
    ['window-access', { allowed: false, error: 'SecurityError', targetReady: true }, undefined, 'blocked'],
    ['window-access', { targetReady: false }, undefined, 'not loaded'],
    ['post-message', { targetReady: true, posted: true, delivered: true }, undefined, 'delivered'],
    ['post-message', { targetReady: true, posted: true, delivered: false }, undefined, 'not delivered'],
    ['storage', { allowed: true, value: null }, undefined, 'not visible'],
    ['document-domain', { allowed: false, error: 'SecurityError' }, undefined, 'throws'],
    ['document-domain', { before: 'sub.site.test', allowed: true, after: 'sub.site.test' }, undefined, 'domain = sub.site.test'],
    ['form-post', { submitted: true }, sent, 'sent'],
    ['navigate', { allowed: true }, sent, 'navigated'],
    ['navigate', { allowed: true }, {}, 'not navigated'],
    ['navigate', { allowed: true }, undefined, 'navigated'],
    ['form-post', { submitted: true }, { sink: { cookies: ['sn'] } }, 'sent'],
    ['popup', { opened: true, report: true, popupOpener: 'present', hello: true, closed: false }, undefined, 'opener kept'],
    ['popup', { opened: true, report: true, popupOpener: 'null', hello: false, closed: true }, undefined, 'severed'],
    ['popup', { opened: true, report: true, popupOpener: 'null', hello: false, pong: false }, undefined, 'no opener'],
    ['popup', { report: true, navigate: { report: true, opener: 'null', closed: true } }, undefined, 'severed by navigation'],
    ['isolation', { crossOriginIsolated: true, sharedArrayBuffer: true }, undefined, 'isolated'],
    ['isolation', { crossOriginIsolated: false }, undefined, 'not isolated'],
    ['gated', { crossOriginIsolated: true, sabPostMessage: true }, undefined, 'gated APIs exposed'],
    ['worker', { created: true, event: 'message', data: { fetched: false } }, undefined, 'ran, its fetch blocked'],
    ['worker', { created: true, event: 'error' }, undefined, 'blocked'],
    ['sequence', { contexts: { f: true }, steps: [{ allowed: true }, { allowed: true, value: null }] }, undefined, 'not visible'],
    [
      'sequence',
      { contexts: { f: true }, steps: [{ allowed: true }, {}, { allowed: false, error: 'SecurityError', targetReady: true }] },
      undefined,
      'blocked',
    ],
    ['sequence', { contexts: { f: false }, steps: [] }, undefined, 'no target'],
    ['document-domain', { originAgentCluster: true }, undefined, 'origin-keyed'],
    ['frame-view', { hello: true, loadEvent: true, contentDocument: 'document' }, undefined, 'loaded'],
    ['frame-view', { hello: false, loadEvent: false, contentDocument: 'document' }, undefined, 'blank, not loaded'],
    ['frame-view', { hello: false, loadEvent: true, contentDocument: 'null' }, undefined, 'not loaded'],
    ['frame-load', { event: 'load', rendered: true, length: 1 }, undefined, 'rendered'],
    ['frame-load', { event: 'load', rendered: false, length: 0 }, undefined, 'refused'],
    ['resource-timing', { resolved: true, entry: true, timingAllowed: false }, undefined, 'timings hidden'],
    ['resource-timing', { resolved: true, entry: true, timingAllowed: true }, undefined, 'timings exposed'],
    ['fetch', { timedOut: true }, undefined, 'timed out'],
    ['fetch', undefined, undefined, 'no observation'],
  ];
  for (const [kind, obs, ev, word] of cases) expect(outcomeOf(kind, obs, ev as never).word, `${kind} ${JSON.stringify(obs)}`).toBe(word);
  // The expectation, in the same words; a partial expectation that names no outcome says nothing.
  expect(expectedOutcomeOf('fetch', { observation: { resolved: false }, evidence: sent })?.word).toBe('sent-unreadable');
  expect(expectedOutcomeOf('fetch', { observation: { status: 200 } })).toBeUndefined();
  // Verdicts that prove nothing name themselves, keeping the observation's word for the details.
  expect(cellOutcome('fetch', 'inconclusive', { resolved: true, bodyReadable: true }, undefined)).toEqual({
    word: 'inconclusive',
    tone: 'none',
    observedWord: 'readable',
  });
  expect(cellOutcome('fetch', 'error', null, undefined).word).toBe('harness error');
  // The documents of the frames a probe runs in always arrive: they are not the request under test.
  const frameDoc = { ctx: { arrived: true, actual: true, secFetchMode: 'navigate' } };
  expect(cellOutcome('fetch', 'pass', { resolved: false }, frameDoc).word).toBe('blocked');
  expect(cellOutcome('form-post', 'pass', { submitted: true }, frameDoc, { observation: {}, evidence: { sink: { arrived: false } } }).word).toBe('not sent');
  expect(cellOutcome('form-post', 'pass', { submitted: true }, { ...frameDoc, sink: { arrived: true, actual: true } }, { evidence: { sink: {} } }).word).toBe(
    'sent',
  );
  // The aspect a scenario asks about: whether the frame loaded, not what its window allows.
  expect(cellOutcome('window-access', 'pass', { allowed: true, targetReady: true }, undefined, { observation: { targetReady: true } }).word).toBe('loaded');
  expect(cellOutcome('fetch', 'not-run', null, undefined).word).toBe('not run');
  // The aspect a scenario is about (its expected keys) picks the word of a many-sided observation.
  expect(outcomeOf('isolation', { origin: 'null', crossOriginIsolated: false }, undefined, { origin: 'null' }).word).toBe('origin null');
  // Every scenario of the catalog gets a word for what the standard expects.
  expect([...loadCatalog(), ...loadParsingCatalog()].filter((s) => !expectedOutcomeOf(s.probe.kind, s.expect)).map((s) => s.id)).toEqual([]);
});

test('families: every generated scenario sits at one level of every axis, one cell per combination', () => {
  const catalog = loadCatalog();
  const members = new Map<string, Array<{ id: string; levels: Record<string, string> }>>();
  for (const s of catalog) {
    const f = familyOf(s.area, s.id, s.title);
    if (f) members.set(f.family.id, [...(members.get(f.family.id) ?? []), { id: s.id, levels: f.levels }]);
  }
  for (const f of FAMILIES) {
    const list = members.get(f.id) ?? [];
    expect(list.length, `${f.id} has members in the catalog`).toBeGreaterThan(3);
    for (const m of list) for (const a of f.axes) expect(m.levels[a.name], `${m.id}: ${a.name}`).toBeTruthy();
    // Distinct scenarios never share every level (else one would hide the other).
    const keys = list.map((m) => f.axes.map((a) => m.levels[a.name]).join('|'));
    expect(new Set(keys).size, f.id).toBe(keys.length);
  }
  // Every generated CORS scenario is in its family, and a renamed level is not drawn at a stale place.
  const cors = catalog.filter((s) => s.area.startsWith('cors/generated/'));
  expect(cors.every((s) => familyOf(s.area, s.id, s.title))).toBe(true);
  expect(familyOf(cors[0].area, cors[0].id, `${cors[0].title} (older catalog)`)).toBeUndefined();
  // Results written before the titles became sentences name the levels as name=level words.
  const levels = familyOf(cors[0].area, cors[0].id, cors[0].title)!.levels;
  const legacy = `CORS matrix: ${Object.entries(levels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
  expect(familyOf(cors[0].area, cors[0].id, legacy)?.levels).toEqual(levels);
  expect(familyOf(cors[0].area, cors[0].id, legacy.replace(/requester=\S+/, 'requester=elsewhere'))).toBeUndefined();
  // The full COOP window.open product is there: 5 opener × 3 relation × 4 popup policies, plus explicit unsafe-none.
  expect(members.get('coop-open')!.length).toBe(63);
  // Titles of generated scenarios read as sentences, not axis strings.
  for (const s of cors) expect(s.title).not.toMatch(/\w+=\w+/);
});

test('the Markdown summary: engines with their boundary settings, outcomes where engines disagree, to GITHUB_STEP_SUMMARY', async ({}, testInfo) => {
  const file = sample();
  const summary = testInfo.outputPath('step-summary.md');
  fs.writeFileSync(summary, '# earlier step\n');
  const { model } = await writeMatrix(file, { outputs: outputPaths({}, testInfo.outputPath('md')), stepSummary: summary });
  const md = fs.readFileSync(summary, 'utf8');
  expect(md.startsWith('# earlier step\n## originproof conformance matrix')).toBe(true);
  for (const e of file.engines) {
    expect(md).toContain(e.browser);
    expect(md).toContain(e.executable);
    for (const n of e.nonDefault.filter((x) => x.boundary)) expect(md).toContain(n.setting.slice(0, 60));
  }
  expect(md).toContain('### Verdicts');
  expect(md).toContain('### Seed claims');
  const kd = file.rows.filter((x) => x.verdict === 'known-deviation');
  expect(kd.length).toBeGreaterThan(0);
  for (const r of kd) expect(md).toContain(`\`${r.id}\``);
  for (const s of model.scenarios.filter((x) => x.disagree)) for (const e of model.engineNames) expect(md).toContain(s.outcomes[e]!.word);
  expect(fs.readFileSync(testInfo.outputPath('md', 'matrix.md'), 'utf8')).toBe(md.slice('# earlier step\n'.length, -1));
  // The verdicts results may soon carry are counted and named, not dropped (derived in memory: two rows relabelled).
  const later: ResultsFile = { ...file, rows: file.rows.map((r, i) => (i < 2 ? { ...r, verdict: (i ? 'error' : 'not-run') as never } : r)) };
  const m2 = buildModel(later, SEED_CLAIMS, []);
  expect(m2.verdicts).toEqual(expect.arrayContaining(['not-run', 'error']));
  expect(m2.totals[later.rows[0].engine]['not-run']).toBe(1);
  const md2 = renderMarkdown(m2);
  expect(md2).toContain('not run');
  expect(md2).toContain('harness error');
});

test('seed claims: the embedded copy matches the shared list; holds / does not hold / deviates / not observable', () => {
  const shared = findSharedSeedClaims(root);
  test.skip(!shared, 'the shared seed-claims.md is not on this machine');
  expect(SEED_CLAIMS).toEqual(parseSeedClaims(fs.readFileSync(shared!, 'utf8')));
  expect(SEED_CLAIMS.length).toBeGreaterThanOrEqual(40);

  const file = sample();
  const nob = [{ claim: 'C75', reason: 'process isolation is invisible to page script' }];
  const m = buildModel(file, SEED_CLAIMS, nob);
  const c75 = m.claims.find((c) => c.id === 'C75')!;
  for (const e of m.engineNames) expect(c75.engines[e]!.status).toBe('not-observable');
  // A claim whose scenarios all pass in an engine holds there (C06: every engine passes in the captured run).
  const allPass = (model: MatrixModel, claim: string) =>
    model.engineNames.filter((e) => {
      const mine = file.rows.filter((r) => r.engine === e && r.claims.includes(claim));
      return mine.length > 0 && mine.every((r) => r.verdict === 'pass');
    });
  expect(allPass(m, 'C06')).toEqual(m.engineNames);
  for (const e of allPass(m, 'C06')) expect(m.claims.find((c) => c.id === 'C06')!.engines[e]!.status).toBe('holds');

  // A deviation is judged against the claim's words: unjudged → deviates; refutedBy → does not
  // hold; beyondClaim → holds and is listed; a latitude claim holds and says the engine took it.
  // (Derived in memory: one captured known-deviation row re-tagged with a claim made up here,
  // judged by a table given to the model — the shared table is never touched.)
  const kd = file.rows.find((r) => r.verdict === 'known-deviation')!;
  expect(kd).toBeTruthy();
  const tagged: ResultsFile = { ...file, rows: file.rows.map((r) => ({ ...r, claims: r.id === kd.id ? ['CX1'] : r.claims })) };
  const cellWith = (cx1?: ClaimVerdict) =>
    buildModel(tagged, SEED_CLAIMS, nob, { claimVerdictOf: (id) => (id === 'CX1' && cx1 ? cx1 : claimVerdict(id)) }).claims.find((c) => c.id === 'CX1')!
      .engines[kd.engine]!;
  expect(cellWith().status).toBe('deviates');
  expect(cellWith().detail).toContain(kd.id);
  expect(cellWith({ holdsPerStandard: true, note: '', refutedBy: [{ id: kd.id, engines: [kd.engine], why: 'selftest refutes' }] })).toMatchObject({
    status: 'does-not-hold',
    detail: `${kd.id}: selftest refutes`,
  });
  const beyond = cellWith({
    holdsPerStandard: true,
    note: '',
    refutedBy: [{ id: kd.id, engines: ['no-such-engine'], why: 'x' }],
    beyondClaim: [{ id: /./, why: 'selftest beyond' }],
  });
  expect(beyond.status).toBe('holds');
  expect(beyond.detail).toContain(`${kd.id} (selftest beyond)`);
  const latitude = cellWith({ holdsPerStandard: true, note: '', latitude: true });
  expect(latitude.status).toBe('holds');
  expect(latitude.detail).toContain('this engine takes it');
  // A claim the standard contradicts does not hold where the engine follows the standard.
  const m2 = buildModel(file, SEED_CLAIMS, nob, {
    claimVerdictOf: (id) => (id === 'C06' ? { holdsPerStandard: false, note: 'selftest: pretend the standard contradicts C06' } : claimVerdict(id)),
  });
  for (const e of allPass(m2, 'C06')) expect(m2.claims.find((c) => c.id === 'C06')!.engines[e]!.status).toBe('does-not-hold');
  // Untested claims are labelled so, not dropped.
  const untested = m.claims.filter((c) => !c.scenarios.length && !c.notObservable);
  expect(untested.length).toBeGreaterThan(0);
  for (const c of untested) for (const e of m.engineNames) expect(c.engines[e]!.status).toBe('untested');
  expect(m.claims.length).toBeGreaterThanOrEqual(SEED_CLAIMS.length);
});

test('wptreport export is valid against the format schema and maps every verdict to wpt statuses', () => {
  const file = sample();
  // Every verdict the captured run has, plus the two results may soon carry (derived in memory).
  const rows = [...file.rows, { ...file.rows[0], id: 'x.not-run', verdict: 'not-run' as never }, { ...file.rows[0], id: 'x.error', verdict: 'error' as never }];
  const reports = buildWptReports({ ...file, rows }, { start: Date.parse(file.date) - 60_000 });
  expect([...reports.keys()].sort()).toEqual([...new Set(file.rows.map((r) => r.engine))].sort());
  expect(new Set(rows.map((r) => r.verdict))).toEqual(new Set(['pass', 'known-deviation', 'inconclusive', 'timeout', 'not-run', 'error']));
  let checked = 0;
  for (const [engine, report] of reports) {
    expect(validateWptReport(report)).toEqual([]);
    const info = file.engines.find((e) => e.engine === engine)!;
    expect(report.run_info.browser_version).toBe(info.version);
    expect(report.time_start).toBeLessThanOrEqual(report.time_end);
    for (const r of rows.filter((x) => x.engine === engine)) {
      const t = report.results.find((x) => x.test === wptTestPath(r))!;
      expect(t.test).toBe(`/originproof/${r.area}/${r.id}`);
      expect([t.status, t.subtests[0].status], `${r.id} ${r.verdict}`).toEqual(WPT_STATUS[r.verdict]);
      expect(t.subtests[0].expected).toBe(r.verdict === 'fail' ? 'PASS' : r.verdict === 'fixed-deviation' ? 'FAIL' : undefined);
      expect(t.subtests.length).toBe(r.control ? 2 : 1);
      if (r.control) expect(t.subtests[1].status).toBe(r.control.ok ? 'PASS' : 'FAIL');
      checked++;
    }
  }
  expect(checked).toBe(rows.length);
  // The schema rejects what wpt.fyi would reject.
  const [, one] = [...reports][0];
  expect(validateWptReport({ ...one, run_info: { os: 'linux' } })).not.toEqual([]);
  expect(validateWptReport({ ...one, results: [{ ...one.results[0], status: 'pass' }] })).not.toEqual([]);
  expect(validateWptReport({ ...one, results: [{ ...one.results[0], test: 'originproof/x' }] })).not.toEqual([]);
});

test('compare lists changed verdicts and observations per engine, as text and as a page', async ({}, testInfo) => {
  const a = sample();
  expect(compareResults(a, a)).toMatchObject({ changed: [], added: [], removed: [], unchanged: a.rows.length });
  // In-memory edit of a copy, only to exercise the diff: one verdict and observation changed,
  // one observation changed under the same verdict, one row dropped, one engine build changed.
  const b: ResultsFile = JSON.parse(JSON.stringify(a));
  const target = b.rows.find((r) => r.verdict === 'pass' && r.observed && 'allowed' in r.observed)!;
  expect(target).toBeTruthy();
  target.verdict = 'fail';
  target.observed = { ...target.observed!, allowed: !target.observed!.allowed, _ms: 1 };
  const quiet = b.rows.find((r) => r !== target && r.verdict === 'pass' && r.engine !== target.engine && r.observed)!;
  quiet.observed = { ...quiet.observed!, extra: 'new' };
  // …and one whose server evidence changed (a request now carries a cookie).
  const heard = b.rows.find((r) => r !== target && r !== quiet && r.verdict === 'pass' && Object.keys(r.evidence.summary).length)!;
  const resp = Object.keys(heard.evidence.summary)[0];
  heard.evidence.summary[resp] = { ...heard.evidence.summary[resp], cookies: ['sid'] };
  const dropped = b.rows.pop()!;
  b.engines[0] = { ...b.engines[0], browser: `${b.engines[0].browser} (newer)` };
  const c = compareResults(a, b);
  expect(c.changed).toHaveLength(1);
  expect(c.changed[0]).toMatchObject({ id: target.id, engine: target.engine, old: 'pass', new: 'fail' });
  expect(c.changed[0].observedDiff).toEqual([`observed.allowed: ${JSON.stringify(!target.observed.allowed)} → ${JSON.stringify(target.observed.allowed)}`]);
  expect(c.observationOnly.map((r) => [r.id, r.engine, r.observedDiff])).toEqual(
    [
      [quiet.id, quiet.engine, ['observed.extra: (absent) → "new"']],
      [
        heard.id,
        heard.engine,
        [
          `evidence.${resp}.cookies: ${JSON.stringify(a.rows.find((r) => r.id === heard.id && r.engine === heard.engine)!.evidence.summary[resp].cookies)} → ["sid"]`,
        ],
      ],
    ].sort((x, y) => String(x[0]).localeCompare(String(y[0])) || String(x[1]).localeCompare(String(y[1]))),
  );
  expect(c.removed).toEqual([{ id: dropped.id, engine: dropped.engine, verdict: dropped.verdict }]);
  expect(c.engines).toHaveLength(1);
  const text = formatComparison(c, ['old.json', 'new.json']);
  expect(text).toContain(`${target.id} [${target.engine}]: pass → fail`);
  expect(text).toMatch(/summary: 1 verdict\(s\) changed \(1× pass → fail\)/);

  // The page: each change in its engine's section, with the builds compared.
  const html = testInfo.outputPath('compare.html');
  fs.writeFileSync(html, renderComparisonHtml(c, { old: { name: 'old.json', file: a }, new: { name: 'new.json', file: b } }));
  const page = await (await reportBrowser()).newPage();
  await page.goto(`file://${html}`);
  const section = page.locator(`#engine-${target.engine}`);
  const row = section.locator(`tr.chg[data-id="${target.id}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('pass');
  await expect(row).toContainText('fail');
  await expect(row).toContainText('observed.allowed');
  await expect(page.locator(`#engine-${quiet.engine} tr.chg[data-id="${quiet.id}"]`)).toContainText('observed.extra');
  await expect(page.locator(`#engine-${b.engines[0].engine}`)).toContainText('(newer)');
  await expect(page.locator('section.engine-changes')).toHaveCount(new Set(a.engines.map((e) => e.engine)).size);
  await page.close();
});

test('rows are rebuilt from attachments given as bodies (live run) or files (merged blob reports)', async ({}, testInfo) => {
  const file = sample();
  const c = new RowCollector();
  file.rows.forEach((row, i) => {
    const engine = file.engines.find((e) => e.engine === row.engine)!;
    const asFile = i % 2 === 1;
    const p = testInfo.outputPath(`row-${i}.json`);
    if (asFile) fs.writeFileSync(p, JSON.stringify(row));
    const attachments = [
      asFile
        ? { name: 'originproof-row', contentType: 'application/json', path: p }
        : { name: 'originproof-row', contentType: 'application/json', body: Buffer.from(JSON.stringify(row)) },
      { name: 'originproof-engine', contentType: 'application/json', body: Buffer.from(JSON.stringify(engine)) },
      { name: 'screenshot', contentType: 'image/png', path: '/nonexistent.png' },
    ];
    c.add({ attachments } as unknown as Parameters<RowCollector['add']>[0], row.id);
  });
  c.add(
    { attachments: [{ name: 'originproof-row', contentType: 'application/json', body: Buffer.from('{not json') }] } as unknown as Parameters<
      RowCollector['add']
    >[0],
    'broken',
  );
  const rebuilt = c.toResultsFile(new Date(file.date));
  expect(rebuilt.rows).toEqual(file.rows);
  expect(rebuilt.engines).toEqual(file.engines);
  expect(rebuilt.totals).toEqual(file.totals);
  expect(c.problems).toHaveLength(1);
  expect(c.problems[0]).toContain('broken');
});

test('a results file is untrusted input: bounded, schema-checked, every name a safe file name, every value escaped', async ({}, testInfo) => {
  const dir = testInfo.outputPath('hostile');
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const base = sample();
  const withRows = (edit: (rows: Array<Record<string, unknown>>, file: Record<string, unknown>) => void) => {
    const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
    edit(copy.rows as Array<Record<string, unknown>>, copy);
    return JSON.stringify(copy);
  };
  const refused: Array<[string, string, RegExp]> = [
    ['truncated', JSON.stringify(base).slice(0, 5000), /is not JSON .*truncated or half-written/],
    ['engine path', withRows((rows) => (rows[0].engine = '/../../../rt-pwned')), /rows\.0\.engine: an engine name is letters, digits/],
    ['engine record path', withRows((_, f) => ((f.engines as Array<Record<string, unknown>>)[0].engine = '../x')), /engines\.0\.engine/],
    ['row without fields', withRows((rows) => (rows[1] = { id: 'x' })), /rows\.1\.\w+: /],
    ['prototype verdict', withRows((rows) => (rows[0].verdict = '__proto__')), /rows\.0\.verdict/],
    ['prototype key', JSON.stringify(base).replace('"observed":{', '"observed":{"__proto__":{"polluted":1},'), /the key "__proto__" is refused/],
    [
      'evidence count',
      withRows((rows) => ((rows[0].evidence as { summary: Record<string, unknown> }).summary = { x: { count: '<img src=x onerror=alert(1)>' } })),
      /count/,
    ],
    [
      'deep observation',
      JSON.stringify(base).replace('"observed":{', `"observed":{"deep":${'['.repeat(20_000)}${']'.repeat(20_000)},`),
      /nests deeper than 64 levels/,
    ],
  ];
  for (const [what, text, why] of refused) {
    const file = write(`${what.replace(/ /g, '-')}.json`, text);
    expect(() => readResultsFile(file), what).toThrow(why);
    expect(() => readResultsFile(file), what).toThrow(/is not a usable originproof results file/);
  }
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();

  // Names that reach a path are refused even when a file was never read through the check.
  expect(() => outputPaths({}, dir).wptreport('/../../../rt-pwned')).toThrow(/cannot name a file/);
  expect(() => outputPaths({}, dir).wptreport('..')).toThrow(/cannot name a file/);
  expect(outputPaths({}, dir).wptreport('webdriver-my.browser_1')).toBe(path.join(dir, 'wptreport-webdriver-my.browser_1.json'));

  // Values that reach Markdown are escaped: a date or a scenario id cannot open HTML or leave a code span.
  const hostile = JSON.parse(JSON.stringify(base)) as ResultsFile;
  hostile.date = '<img src=x onerror=alert(1)>';
  hostile.rows[0].id = 'a` <script>x</script> `b';
  const md = renderMarkdown(buildModel(hostile, SEED_CLAIMS, []));
  expect(md).not.toContain('<img');
  expect(md).not.toContain('<script>');
  expect(md).toContain("`a' &lt;script>x&lt;/script> 'b`");
});

test('audit.md (also the step summary) keeps what a server sent as text: header values cannot open HTML or Markdown', () => {
  const sent = 'X-Evil: <img src=x onerror=alert(1)> [click](javascript:alert(1)) | `code`';
  const outcome = (engine: string, observed: string) =>
    ({
      probe: { intentId: 'reads-1', id: 'p1', title: `read <b>/api</b>` },
      intentTitle: 'reads <script>alert(1)</script>',
      engine,
      verdict: 'broken',
      message: `your server sent ${sent}`,
      observed,
      followsStandard: undefined,
      standard: {},
    }) as unknown as Parameters<typeof summarize>[0][number];
  const s = summarize([outcome('chromium', 'read'), outcome('firefox', `blocked ${sent}`)], ['chromium', 'firefox'], new Map([['reads-1', 1]]));
  expect(s.markdown).not.toMatch(/<img|<script|<b>|\]\(javascript:/);
  expect(s.markdown).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
});
