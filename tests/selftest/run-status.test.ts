/**
 * The results file says what it is: every planned test has a row — `error`
 * for a test that threw before its verdict, `not-run` for one the run never reached — the run
 * status is complete / interrupted / failed, and only a complete run replaces conformance.json.
 * Also: one conformance run per checkout (item 7). No browser: the reporter is fed the events
 * Playwright would send.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import type { FullResult, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import ResultsReporter, { partialPath } from '../../reporters/results-reporter.ts';
import { ROW_ATTACHMENT } from '../../reporters/matrix/collect.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { placeholderRow, rowProblems, SCENARIOS_ANNOTATION } from '../../reporters/run-status.ts';

const [a, b, c] = loadCatalog();

function fakeTest(id: string, engine: string): TestCase {
  return { title: id, parent: { project: () => ({ name: engine }) } } as unknown as TestCase;
}
function suiteOf(tests: TestCase[]): Suite {
  return { allTests: () => tests } as unknown as Suite;
}
function passedWithRow(id: string, engine: string): TestResult {
  const row = { ...placeholderRow(undefined, id, engine as 'chromium', 'not-run', ''), verdict: 'pass', reason: 'observed what the standard says' };
  return {
    status: 'passed',
    attachments: [{ name: ROW_ATTACHMENT, contentType: 'application/json', body: Buffer.from(JSON.stringify(row)) }],
    errors: [],
  } as unknown as TestResult;
}
const threw = {
  status: 'failed',
  attachments: [],
  errors: [{ message: 'Error: browser.newContext: Target page, context or browser has been closed' }],
} as unknown as TestResult;

function run(status: FullResult['status'], events: Array<[TestCase, TestResult]>, planned: TestCase[], dir: string) {
  const file = path.join(dir, 'conformance.json');
  const reporter = new ResultsReporter({ outputFile: file });
  reporter.onBegin({} as never, suiteOf(planned));
  for (const [t, r] of events) reporter.onTestEnd(t, r);
  const log = console.log;
  console.log = () => undefined;
  try {
    reporter.onEnd({ status, startTime: new Date(), duration: 1 } as FullResult);
  } finally {
    console.log = log;
  }
  return file;
}

test('an interrupted run writes every planned row beside the complete file, which stays untouched', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-status-'));
  const file = path.join(dir, 'conformance.json');
  fs.writeFileSync(file, 'the previous complete run');
  const tests = [fakeTest(a.id, 'chromium'), fakeTest(b.id, 'chromium'), fakeTest(c.id, 'chromium')];
  run('interrupted', [[tests[0], passedWithRow(a.id, 'chromium')]], tests, dir);
  expect(fs.readFileSync(file, 'utf8')).toBe('the previous complete run');
  const partial = JSON.parse(fs.readFileSync(partialPath(file), 'utf8'));
  expect(partial.run).toEqual({ status: 'interrupted', playwright: 'interrupted', planned: 3, withRow: 1, errors: 0, notRun: 2 });
  expect(partial.rows.map((r: { id: string; verdict: string }) => [r.id, r.verdict]).sort()).toEqual(
    [
      [a.id, 'pass'],
      [b.id, 'not-run'],
      [c.id, 'not-run'],
    ].sort(),
  );
  expect(partial.totals.chromium).toEqual({ pass: 1, 'not-run': 2 });
});

test('a test that threw gets an error row naming the cause, and the run is not complete', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-status-'));
  const tests = [fakeTest(a.id, 'firefox'), fakeTest(b.id, 'firefox')];
  const file = run(
    'failed',
    [
      [tests[0], passedWithRow(a.id, 'firefox')],
      [tests[1], threw],
    ],
    tests,
    dir,
  );
  expect(fs.existsSync(file)).toBe(false);
  const partial = JSON.parse(fs.readFileSync(partialPath(file), 'utf8'));
  expect(partial.run).toMatchObject({ status: 'failed', planned: 2, withRow: 2, errors: 1, notRun: 0 });
  const row = partial.rows.find((r: { id: string }) => r.id === b.id);
  expect(row.verdict).toBe('error');
  expect(row.reason).toContain('Target page, context or browser has been closed');
  expect(row.area).toBe(b.area);
});

test('rows are counted per scenario: a visit test whose answer left a scenario out gives it an error row, and the run is not complete', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-status-'));
  const visit = { ...fakeTest('visit g0c0', 'chromium'), annotations: [{ type: SCENARIOS_ANNOTATION, description: `${a.id} ${b.id}` }] } as unknown as TestCase;
  const file = run('passed', [[visit, passedWithRow(a.id, 'chromium')]], [visit], dir);
  expect(fs.existsSync(file)).toBe(false);
  const partial = JSON.parse(fs.readFileSync(partialPath(file), 'utf8'));
  expect(partial.run).toMatchObject({ status: 'failed', planned: 2, withRow: 2, errors: 1, notRun: 0 });
  const missing = partial.rows.find((r: { id: string }) => r.id === b.id);
  expect(missing.verdict).toBe('error');
  expect(missing.reason).toBe("the visit's rows left this scenario out (the test passed)");
});

test('rowProblems: one row per planned scenario, nothing missing, repeated or unplanned', () => {
  expect(rowProblems(['x', 'y'], [{ id: 'y' }, { id: 'x' }])).toEqual([]);
  expect(rowProblems(['x', 'y'], [{ id: 'x' }, { id: 'x' }, { id: 'z' }])).toEqual([
    'no row for y',
    '2 rows for x',
    'a row for z, which this visit was not planned with',
  ]);
  expect(rowProblems(['x'], [])).toEqual(['no row for x']);
});

test('a complete run replaces conformance.json', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-status-'));
  const tests = [fakeTest(a.id, 'webkit')];
  const file = run('passed', [[tests[0], passedWithRow(a.id, 'webkit')]], tests, dir);
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).run).toMatchObject({ status: 'complete', planned: 1, withRow: 1 });
  expect(fs.existsSync(partialPath(file))).toBe(false);
});

test('a second conformance run in the same checkout refuses, naming the first; a stale lock is taken over', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'op-lock-'));
  const lock = path.join(dir, 'run.lock');
  const claim = (file: string) =>
    spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', `import('${path.resolve('harness/service/run-lock.ts')}').then((m) => m.claimRunLock(${JSON.stringify(file)}))`],
      {
        encoding: 'utf8',
        env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'TEST_WORKER_INDEX' && k !== 'ORIGINPROOF_RUN_LOCK_HELD')),
      },
    );
  // Held by a live process (this test's own pid): the second run must refuse.
  fs.writeFileSync(lock, String(process.pid));
  const second = claim(lock);
  expect(second.status).not.toBe(0);
  expect(second.stderr).toContain(`another conformance run (pid ${process.pid})`);
  // Left by a dead process: taken over.
  const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
  fs.writeFileSync(lock, String(dead));
  expect(claim(lock).status).toBe(0);
  expect(fs.existsSync(lock)).toBe(false); // released when that run exited
});
