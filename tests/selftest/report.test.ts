/**
 * The conformance report: the HTML matrix rendered from a real (captured) results file opens in
 * a real browser with engine columns, scenario rows, on-demand evidence and working filters; a
 * 2,500-scenario matrix stays usable; the Markdown summary, the seed-claims view, the wptreport
 * export (validated against the format's schema), `compare`, and rebuilding rows from
 * attachments (live run and merged blob reports).
 *
 * The fixture (fixtures/results-sample.json) is rows copied from a real run:
 *   ORIGINPROOF_RESULTS=/tmp/x.json npx playwright test --grep "sop/origin|sop/document-domain"
 * (see fixtures/README.md). Tests that need other shapes derive them in memory and say so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, chromium, type Browser } from '@playwright/test';
import type { ResultRow, ResultsFile } from '../../harness/results.ts';
import { readResultsFile, RowCollector } from '../../reporters/matrix/collect.ts';
import { buildModel } from '../../reporters/matrix/model.ts';
import { outputPaths, writeMatrix } from '../../reporters/matrix/write.ts';
import { buildWptReports, wptTestPath } from '../../reporters/matrix/wptreport.ts';
import { SEED_CLAIMS } from '../../reporters/matrix/seed-claims.ts';
import { findSharedSeedClaims, parseSeedClaims } from '../../reporters/matrix/seed-claims-parse.ts';
import { CLAIM_VERDICTS } from '../../reporters/claims-verdicts.ts';
import { validateWptReport } from '../../scripts/wptreport.ts';
import { compareResults, formatComparison } from '../../scripts/compare.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const FIXTURE = path.join(here, 'fixtures', 'results-sample.json');
const sample = (): ResultsFile => readResultsFile(FIXTURE);

async function launchChromium(): Promise<Browser> {
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  if (bundled && fs.existsSync(bundled)) return chromium.launch({ args });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args });
}

let browser: Browser;
test.beforeAll(async () => {
  browser = await launchChromium();
});
test.afterAll(async () => {
  await browser?.close();
});

test('the HTML matrix renders engine columns and scenario rows in a real browser', async ({}, testInfo) => {
  const file = sample();
  const dir = testInfo.outputPath('matrix');
  const { model } = await writeMatrix(file, { outputs: outputPaths({}, dir), stepSummary: null });
  const engines = model.engineNames;
  const ids = [...new Set(file.rows.map((r) => r.id))];
  expect(engines.length).toBeGreaterThanOrEqual(2);

  const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`file://${path.join(dir, 'matrix.html')}`);

  // Header: one column per engine, naming the build; engines table with executable and backend.
  const heads = page.locator('#matrix thead th');
  await expect(heads).toHaveCount(engines.length + 1);
  for (const [i, e] of engines.entries()) {
    const info = file.engines.find((x) => x.engine === e)!;
    await expect(heads.nth(i + 1)).toContainText(e);
    await expect(heads.nth(i + 1)).toContainText(info.browser);
    await expect(page.locator('#engines')).toContainText(info.executable);
    await expect(page.locator('#engines')).toContainText(info.backend);
  }
  // Rows: one per scenario, grouped under area headers, one cell per engine.
  await expect(page.locator('#matrix tr[id^="s-"]')).toHaveCount(ids.length);
  for (const a of new Set(file.rows.map((r) => r.area))) await expect(page.locator('#matrix tr.area', { hasText: a })).toHaveCount(1);
  const first = file.rows[0];
  const row = page.locator(`[id="s-${first.id}"]`);
  await expect(row.locator('td.cell')).toHaveCount(engines.length);
  for (const [i, e] of engines.entries()) {
    const r = file.rows.find((x) => x.id === first.id && x.engine === e);
    if (r) await expect(row.locator('td.cell').nth(i).locator('summary')).toHaveText(r.verdict);
  }
  // Evidence on demand: expected vs observed appear when a cell opens.
  await row.locator('td.cell').first().locator('summary').click();
  await expect(row.locator('td.cell').first().locator('.lazy')).toContainText('expected');
  await expect(row.locator('td.cell').first().locator('.lazy')).toContainText('observed');
  await expect(row.locator('td.cell').first().locator('.lazy')).toContainText('server evidence');

  // Summary counts match the results.
  for (const e of engines) {
    const passes = file.rows.filter((r) => r.engine === e && r.verdict === 'pass').length;
    await expect(page.locator('table.counts').first().locator('tr', { hasText: e }).locator('td').first()).toHaveText(String(passes));
  }
  // Disagreements stand out, and the filter shows exactly them.
  await expect(page.locator('#matrix tr.disagree')).toHaveCount(model.disagreements);
  await page.locator('#f-dis').check();
  await expect(page.locator('#matrix tr[id^="s-"]:not(.hide)')).toHaveCount(model.disagreements);
  await page.locator('#f-dis').uncheck();
  await page.locator('#f-verdict').selectOption('known-deviation');
  const kd = new Set(file.rows.filter((r) => r.verdict === 'known-deviation').map((r) => r.id)).size;
  await expect(page.locator('#matrix tr[id^="s-"]:not(.hide)')).toHaveCount(kd);
  await page.locator('#f-verdict').selectOption('');

  const shot = testInfo.outputPath('matrix.png');
  await page.screenshot({ path: shot, fullPage: false });
  await testInfo.attach('matrix screenshot', { path: shot, contentType: 'image/png' });
  // A copy that outlives the next run's test-results/ cleanup.
  const keep = path.join(root, 'results', 'selftest');
  fs.mkdirSync(keep, { recursive: true });
  fs.copyFileSync(shot, path.join(keep, 'report-matrix.png'));

  // Seed-claims view: every seed claim is a row, with a status per engine.
  await page.locator('.tabs button[data-tab="claims"]').click();
  await expect(page.locator('#tab-claims')).toBeVisible();
  await expect(page.locator('#tab-claims tr[id^="c-"]')).toHaveCount(model.claims.length);
  for (const c of ['C01', 'C41', 'C83']) await expect(page.locator(`[id="c-${c}"] td.st`)).toHaveCount(engines.length);
  await page.screenshot({ path: testInfo.outputPath('claims.png') });
  fs.copyFileSync(testInfo.outputPath('claims.png'), path.join(keep, 'report-claims.png'));

  expect(errors).toEqual([]);
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  await page.close();
});

test('a 2,500-scenario × 3-engine matrix stays usable', async ({}, testInfo) => {
  // Load test only: the sample's real rows repeated under new ids (the observations are the real ones).
  const file = sample();
  const ids = [...new Set(file.rows.map((r) => r.id))];
  const rows: ResultRow[] = [];
  for (let i = 0; rows.length / file.engines.length < 2500; i++) {
    for (const r of file.rows) rows.push({ ...r, id: `${r.id}.copy${i}`, area: `${r.area}-${i % 25}` });
  }
  const big: ResultsFile = { ...file, rows };
  const dir = testInfo.outputPath('big');
  const t0 = Date.now();
  await writeMatrix(big, { outputs: outputPaths({}, dir), stepSummary: null });
  const renderMs = Date.now() - t0;
  const html = path.join(dir, 'matrix.html');
  const sizeMb = fs.statSync(html).size / 1e6;
  testInfo.annotations.push({
    type: 'size',
    description: `${rows.length} results (${ids.length} real scenarios repeated): ${sizeMb.toFixed(1)} MB, rendered in ${renderMs} ms`,
  });
  expect(fs.statSync(path.join(dir, 'matrix.md')).size).toBeLessThan(1024 * 1024);

  const page = await browser.newPage();
  const t1 = Date.now();
  await page.goto(`file://${html}`);
  await expect(page.locator('#f-count')).toContainText(`of ${new Set(rows.map((r) => r.id)).size} scenarios`);
  const loadMs = Date.now() - t1;
  const t2 = Date.now();
  await page.locator('#f-area').selectOption(`${file.rows[0].area}-3`);
  await expect(page.locator('#f-count')).not.toContainText(/^\d{4} of/);
  const filterMs = Date.now() - t2;
  testInfo.annotations.push({ type: 'timing', description: `load ${loadMs} ms, filter ${filterMs} ms` });
  expect(loadMs).toBeLessThan(30_000);
  expect(filterMs).toBeLessThan(5_000);
  await page.close();
});

test('the Markdown summary names the engines, counts verdicts and goes to GITHUB_STEP_SUMMARY', async ({}, testInfo) => {
  const file = sample();
  const summary = testInfo.outputPath('step-summary.md');
  fs.writeFileSync(summary, '# earlier step\n');
  await writeMatrix(file, { outputs: outputPaths({}, testInfo.outputPath('md')), stepSummary: summary });
  const md = fs.readFileSync(summary, 'utf8');
  expect(md.startsWith('# earlier step\n## originproof conformance matrix')).toBe(true);
  for (const e of file.engines) {
    expect(md).toContain(e.browser);
    expect(md).toContain(e.executable);
  }
  expect(md).toContain('### Verdicts');
  expect(md).toContain('### Seed claims');
  for (const r of file.rows.filter((x) => x.verdict === 'known-deviation')) expect(md).toContain(`\`${r.id}\``);
  expect(fs.readFileSync(testInfo.outputPath('md', 'matrix.md'), 'utf8')).toBe(md.slice('# earlier step\n'.length, -1));
});

test('seed claims: the embedded copy matches the shared list; holds / does not hold / deviates / not observable', async () => {
  const shared = findSharedSeedClaims(root);
  test.skip(!shared, 'the shared seed-claims.md is not on this machine');
  expect(SEED_CLAIMS).toEqual(parseSeedClaims(fs.readFileSync(shared!, 'utf8')));
  expect(SEED_CLAIMS.length).toBeGreaterThanOrEqual(40);

  const file = sample();
  const nob = [{ claim: 'C75', reason: 'process isolation is invisible to page script' }];
  const m = buildModel(file, SEED_CLAIMS, nob);
  const c75 = m.claims.find((c) => c.id === 'C75')!;
  for (const e of m.engineNames) expect(c75.engines[e]!.status).toBe('not-observable');
  // A claim whose scenarios all pass holds.
  const c01 = m.claims.find((c) => c.id === 'C01')!;
  for (const e of m.engineNames) {
    const mine = file.rows.filter((r) => r.engine === e && r.claims.includes('C01'));
    if (mine.length && mine.every((r) => r.verdict === 'pass')) expect(c01.engines[e]!.status).toBe('holds');
  }
  // A deviation is judged against the claim's words: unjudged → deviates; refutedBy → does not
  // hold; beyondClaim → holds and is listed; a latitude claim holds and says the engine took it.
  // (Derived in memory: one captured known-deviation row re-tagged with a claim made up here.)
  const kd = file.rows.find((r) => r.verdict === 'known-deviation')!;
  expect(kd).toBeTruthy();
  const tagged: ResultsFile = { ...file, rows: file.rows.map((r) => ({ ...r, claims: r.id === kd.id ? ['CX1'] : r.claims })) };
  const cellOf = () => buildModel(tagged, SEED_CLAIMS, nob).claims.find((c) => c.id === 'CX1')!.engines[kd.engine]!;
  try {
    expect(cellOf().status).toBe('deviates');
    expect(cellOf().detail).toContain(kd.id);
    CLAIM_VERDICTS.CX1 = { holdsPerStandard: true, note: '', refutedBy: [{ id: kd.id, engines: [kd.engine], why: 'selftest refutes' }] };
    expect(cellOf()).toMatchObject({ status: 'does-not-hold', detail: `${kd.id}: selftest refutes` });
    CLAIM_VERDICTS.CX1 = {
      holdsPerStandard: true,
      note: '',
      refutedBy: [{ id: kd.id, engines: ['no-such-engine'], why: 'x' }],
      beyondClaim: [{ id: /./, why: 'selftest beyond' }],
    };
    expect(cellOf().status).toBe('holds');
    expect(cellOf().detail).toContain(`${kd.id} (selftest beyond)`);
    CLAIM_VERDICTS.CX1 = { holdsPerStandard: true, note: '', latitude: true };
    expect(cellOf().status).toBe('holds');
    expect(cellOf().detail).toContain('this engine takes it');
  } finally {
    delete CLAIM_VERDICTS.CX1;
  }
  // A claim the standard contradicts does not hold where the engine follows the standard.
  CLAIM_VERDICTS.C06 = { holdsPerStandard: false, note: 'selftest: pretend the standard contradicts C06' };
  try {
    const m2 = buildModel(file, SEED_CLAIMS, nob);
    const c06 = m2.claims.find((c) => c.id === 'C06')!;
    for (const e of m2.engineNames) {
      const mine = file.rows.filter((r) => r.engine === e && r.claims.includes('C06'));
      if (mine.length && mine.every((r) => r.verdict === 'pass')) expect(c06.engines[e]!.status).toBe('does-not-hold');
    }
  } finally {
    delete CLAIM_VERDICTS.C06;
  }
  // Untested claims are labelled so, not dropped.
  const untested = m.claims.filter((c) => !c.scenarios.length && !c.notObservable);
  for (const c of untested) for (const e of m.engineNames) expect(c.engines[e]!.status).toBe('untested');
  expect(m.claims.length).toBeGreaterThanOrEqual(SEED_CLAIMS.length);
});

test('wptreport export is valid against the format schema and maps verdicts to wpt statuses', async () => {
  const file = sample();
  const reports = buildWptReports(file, { start: Date.parse(file.date) - 60_000 });
  expect([...reports.keys()].sort()).toEqual([...new Set(file.rows.map((r) => r.engine))].sort());
  for (const [engine, report] of reports) {
    expect(validateWptReport(report)).toEqual([]);
    const info = file.engines.find((e) => e.engine === engine)!;
    expect(report.run_info.browser_version).toBe(info.version);
    expect(report.time_start).toBeLessThanOrEqual(report.time_end);
    for (const r of file.rows.filter((x) => x.engine === engine)) {
      const t = report.results.find((x) => x.test === wptTestPath(r))!;
      expect(t.test).toBe(`/originproof/${r.area}/${r.id}`);
      const status = t.subtests[0].status;
      if (r.verdict === 'pass') expect([t.status, status, t.subtests[0].expected]).toEqual(['OK', 'PASS', undefined]);
      if (r.verdict === 'known-deviation') expect([t.status, status, t.subtests[0].expected]).toEqual(['OK', 'FAIL', undefined]);
      if (r.verdict === 'fail') expect([status, t.subtests[0].expected]).toEqual(['FAIL', 'PASS']);
      if (r.verdict === 'timeout') expect([t.status, status]).toEqual(['TIMEOUT', 'TIMEOUT']);
      if (r.verdict === 'inconclusive') expect([t.status, status]).toEqual(['ERROR', 'NOTRUN']);
      if (r.control) expect(t.subtests[1].status).toBe(r.control.ok ? 'PASS' : 'FAIL');
    }
  }
  // The schema rejects what wpt.fyi would reject.
  const [, one] = [...reports][0];
  expect(validateWptReport({ ...one, run_info: { os: 'linux' } })).not.toEqual([]);
  expect(validateWptReport({ ...one, results: [{ ...one.results[0], status: 'pass' }] })).not.toEqual([]);
  expect(validateWptReport({ ...one, results: [{ ...one.results[0], test: 'originproof/x' }] })).not.toEqual([]);
});

test('compare lists changed verdicts with the observed difference', async () => {
  const a = sample();
  expect(compareResults(a, a)).toMatchObject({ changed: [], added: [], removed: [], unchanged: a.rows.length });
  // In-memory edit of a copy, only to exercise the diff: one verdict and observation changed, one row dropped.
  const b: ResultsFile = JSON.parse(JSON.stringify(a));
  const target = b.rows.find((r) => r.verdict === 'pass' && r.observed && 'allowed' in r.observed)!;
  target.verdict = 'fail';
  target.observed = { ...target.observed!, allowed: !target.observed!.allowed, _ms: 1 };
  const dropped = b.rows.pop()!;
  const c = compareResults(a, b);
  expect(c.changed).toHaveLength(1);
  expect(c.changed[0]).toMatchObject({ id: target.id, engine: target.engine, old: 'pass', new: 'fail' });
  expect(c.changed[0].observedDiff).toEqual([`observed.allowed: ${JSON.stringify(!target.observed.allowed)} → ${JSON.stringify(target.observed.allowed)}`]);
  expect(c.removed).toEqual([{ id: dropped.id, engine: dropped.engine, verdict: dropped.verdict }]);
  const text = formatComparison(c, ['old.json', 'new.json']);
  expect(text).toContain(`${target.id} [${target.engine}]: pass → fail`);
  expect(text).toMatch(/summary: 1 verdict\(s\) changed \(1× pass → fail\)/);
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
