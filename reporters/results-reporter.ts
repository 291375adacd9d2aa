/**
 * Collects every test's result row and the engines' records into results/conformance.json
 * (written atomically), and prints which builds were judged and the verdict counts.
 * Rows are rebuilt by the same collector the matrix uses, so merged blob reports work too.
 *
 * The file always says what it is: every planned test has a row (`error` for a test that threw
 * before its verdict, `not-run` for one the run never reached) and `run.status` is complete,
 * interrupted or failed. Only a complete run replaces conformance.json; any other is written
 * beside it as conformance.partial.json, leaving the last complete file untouched.
 */
import path from 'node:path';
import type { Reporter, TestCase, TestResult, FullResult, FullConfig, Suite } from '@playwright/test/reporter';
import { writeAtomic } from '../harness/judge/results.ts';
import { RowCollector } from './matrix/collect.ts';
import { runScenarios } from '../suites/conformance.ts';
import type { Scenario } from '../harness/scenario/scenario.ts';
import { errorOf, placeholderRow, plannedTests, runStatus, type PlannedTest } from './run-status.ts';

export function partialPath(file: string): string {
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.partial${ext}`;
}

export default class ResultsReporter implements Reporter {
  private collector = new RowCollector();
  private outputFile: string;
  private planned: PlannedTest[] = [];
  private lastResult = new Map<TestCase, TestResult>();
  /**
   * Per test, the scenarios its last result carried a row for (a row's engine column may differ
   * from the project: the webdriver engine's is ORIGINPROOF_WEBDRIVER_NAME, so rows are matched
   * to the planned scenarios of their test, not by engine name).
   */
  private rowed = new Map<TestCase, Set<string>>();

  constructor(options: { outputFile?: string } = {}) {
    this.outputFile = options.outputFile ?? process.env.ORIGINPROOF_RESULTS ?? path.join('results', 'conformance.json');
  }

  onBegin(_config: FullConfig, suite: Suite) {
    this.planned = plannedTests(suite);
  }

  onTestEnd(test: TestCase, result: TestResult) {
    this.lastResult.set(test, result);
    this.rowed.set(test, new Set(this.collector.add(result, test.title).map((r) => r.id)));
  }

  onEnd(result: FullResult) {
    if (!this.planned.length && !this.collector.rows.size) return;
    let catalog: Map<string, Scenario> | undefined;
    const scenario = (id: string) => (catalog ??= runScenarios()).get(id);
    let withRow = 0;
    const extra = [];
    // Counted per scenario: a visit test whose service answered a short list leaves the missing scenarios without a verdict.
    for (const p of this.planned) {
      if (this.rowed.get(p.test)?.has(p.id) || this.collector.rows.has(`${p.engine}|${p.id}`)) {
        withRow++;
        continue;
      }
      const last = this.lastResult.get(p.test);
      const ran = !!last && last.status !== 'skipped';
      if (ran) withRow++;
      const why = ran && this.rowed.get(p.test)?.size ? `the visit's rows left this scenario out (the test ${last.status})` : errorOf(ran ? last : undefined);
      extra.push(placeholderRow(scenario(p.id), p.id, p.engine, ran ? 'error' : 'not-run', why));
    }
    const file = this.collector.toResultsFile(new Date(), extra);
    file.run = runStatus(result, this.planned.length, withRow, file.rows.filter((r) => r.verdict === 'error').length);
    const target = file.run.status === 'complete' ? this.outputFile : partialPath(this.outputFile);
    writeAtomic(target, JSON.stringify(file, null, 1));
    const lines = ['', 'originproof — engines judged:'];
    for (const e of file.engines) {
      lines.push(`  ${e.engine}: ${e.browser} [${e.flavour} build, ${e.backend}] ${e.executable}`);
      lines.push(`    non-default: ${e.nonDefault.map((n) => n.setting).join(' ') || '(none)'}`);
      if (e.profile) lines.push(`    a visit runs in: ${e.profile.kind}; permissions granted: ${e.profile.permissions.join(', ') || 'none'}`);
    }
    lines.push('originproof — verdicts:');
    for (const [engine, counts] of Object.entries(file.totals)) {
      lines.push(
        `  ${engine}: ${Object.entries(counts)
          .map(([v, n]) => `${v} ${n}`)
          .join(', ')}`,
      );
    }
    for (const p of this.collector.problems) lines.push(`  unreadable attachment: ${p}`);
    const r = file.run;
    lines.push(
      `run: ${r.status} — ${r.withRow} of ${r.planned} planned tests have a verdict; ${r.errors} error, ${r.notRun} not run (Playwright: ${r.playwright})`,
    );
    lines.push(
      r.status === 'complete' ? `results: ${target}` : `results: ${target} (${r.status}; the last complete results file ${this.outputFile} was left as it was)`,
    );
    console.log(lines.join('\n'));
  }

  printsToStdio() {
    return false;
  }
}
