/**
 * web-platform-tests' report format (wptreport.json), one file per engine, so originproof's
 * results can be set beside wpt.fyi data. One wpt "test" per scenario at
 * /originproof/<area>/<id>, harness status OK (ERROR when inconclusive or a harness error,
 * TIMEOUT on timeout, SKIP when not run);
 * its subtest is the scenario's expectation, plus one for the control when there is one.
 * `expected` is written, as wptrunner does, only where the status differs from what the
 * harness expected: FAIL→PASS for a fail, PASS→FAIL for a deviation that no longer happens.
 * The format's schema (transcribed, with sources): tests/selftest/fixtures/wptreport.schema.json.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { EngineInfo, EngineName } from '../../engines/engine.ts';
import type { ResultRow, ResultsFile } from '../../harness/judge/results.ts';
import { shortJson } from './model.ts';

export type WptTestStatus = 'OK' | 'PASS' | 'FAIL' | 'ERROR' | 'TIMEOUT' | 'CRASH' | 'ASSERT' | 'PRECONDITION_FAILED' | 'SKIP';
export type WptSubtestStatus = 'PASS' | 'FAIL' | 'ERROR' | 'TIMEOUT' | 'ASSERT' | 'PRECONDITION_FAILED' | 'NOTRUN' | 'SKIP';

export interface WptSubtest {
  name: string;
  status: WptSubtestStatus;
  message: string | null;
  expected?: WptSubtestStatus;
}

export interface WptTest {
  test: string;
  subsuite: string;
  status: WptTestStatus;
  message: string | null;
  duration: number;
  expected?: WptTestStatus;
  subtests: WptSubtest[];
}

export interface WptReport {
  run_info: Record<string, unknown> & { product: string; browser_version: string; os: string };
  time_start: number;
  time_end: number;
  results: WptTest[];
}

export function wptTestPath(row: Pick<ResultRow, 'area' | 'id'>): string {
  return `/originproof/${row.area.split('/').map(encodeURIComponent).join('/')}/${encodeURIComponent(row.id)}`;
}

/** wpt.fyi product names where one fits (webkitgtk for the WebKitGTK MiniBrowser). */
export function wptProduct(info: EngineInfo | undefined, engine: EngineName): string {
  if (engine === 'webkit') return info?.flavour === 'system' ? 'webkitgtk' : 'webkit';
  return engine;
}

function wptOs(): string {
  return process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'win' : process.platform;
}

let revisionCache: string | undefined;
function revision(): string {
  if (revisionCache === undefined) {
    try {
      revisionCache = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      revisionCache = process.env.GITHUB_SHA ?? 'unknown';
    }
  }
  return revisionCache;
}

function message(r: ResultRow): string | null {
  switch (r.verdict) {
    case 'pass':
      return null;
    case 'known-deviation':
      return `known deviation: ${r.reason}; differs from the standard: ${r.mismatches.join('; ')}`;
    case 'fixed-deviation':
      return r.reason;
    case 'fail':
      return `${r.mismatches.join('; ')}; observed ${shortJson(r.observed, 400)}`;
    default:
      return r.reason;
  }
}

/** Harness and subtest status per verdict; `not-run` and `error` (results may carry them) say nothing about the engine. */
export const WPT_STATUS: Record<string, [WptTestStatus, WptSubtestStatus]> = {
  pass: ['OK', 'PASS'],
  'fixed-deviation': ['OK', 'PASS'],
  'known-deviation': ['OK', 'FAIL'],
  fail: ['OK', 'FAIL'],
  timeout: ['TIMEOUT', 'TIMEOUT'],
  inconclusive: ['ERROR', 'NOTRUN'],
  error: ['ERROR', 'NOTRUN'],
  'not-run': ['SKIP', 'NOTRUN'],
};

export function wptTest(r: ResultRow): WptTest {
  const [harness, status] = WPT_STATUS[r.verdict] ?? ['ERROR', 'NOTRUN'];
  const sub: WptSubtest = { name: r.title, status, message: message(r) };
  if (r.verdict === 'fail') sub.expected = 'PASS';
  if (r.verdict === 'fixed-deviation') sub.expected = 'FAIL';
  const subtests = [sub];
  if (r.control) {
    subtests.push({
      name: `control: the same probe in a permitted configuration succeeds (${r.title})`,
      status: r.control.ok ? 'PASS' : 'FAIL',
      message: r.control.ok ? null : `control observed ${shortJson(r.control.observed, 400)}`,
      ...(r.control.ok ? {} : { expected: 'PASS' as const }),
    });
  }
  const t: WptTest = {
    test: wptTestPath(r),
    subsuite: '',
    status: harness,
    message: harness === 'OK' ? null : r.reason,
    duration: Math.max(0, Math.round(r.durationMs ?? 0)),
    subtests,
  };
  if (harness !== 'OK') t.expected = 'OK';
  return t;
}

export function buildWptReports(file: ResultsFile, times: { start?: number; end?: number } = {}): Map<EngineName, WptReport> {
  const end = times.end ?? Date.parse(file.date);
  const start = Math.min(times.start ?? end, end);
  const out = new Map<EngineName, WptReport>();
  const engines = [...new Set(file.rows.map((r) => r.engine))].sort();
  for (const engine of engines) {
    const info = file.engines.find((e) => e.engine === engine);
    out.set(engine, {
      run_info: {
        product: wptProduct(info, engine),
        browser_version: info?.version || 'unknown',
        os: wptOs(),
        os_version: os.release(),
        processor: os.arch() === 'x64' ? 'x86_64' : os.arch(),
        revision: revision(),
        automation: true,
        suite: 'originproof',
        originproof: info
          ? {
              engine,
              browser: info.browser,
              build: info.flavour,
              backend: info.backend,
              executable: info.executable,
              non_default: info.nonDefault.map((n) => n.setting),
            }
          : { engine },
      },
      time_start: Math.round(start),
      time_end: Math.round(end),
      results: file.rows.filter((r) => r.engine === engine).map(wptTest),
    });
  }
  return out;
}
