/**
 * The conformance matrix, next to Playwright's HTML report: scenarios (rows, grouped by area
 * and by seed claim) × engines (columns), each cell a verdict with expected vs observed and the
 * server evidence on demand. Writes matrix.html, matrix.md (+ $GITHUB_STEP_SUMMARY) and
 * wptreport-<engine>.json; see reporters/matrix/write.ts for where.
 *
 * Everything is rebuilt from the tests' attachments, so it works the same in a live run and in
 *   npx playwright merge-reports --reporter=html,./reporters/results-reporter.ts,./reporters/matrix-reporter.ts <blob dir>
 * over blob reports from sharded CI jobs.
 */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { RowCollector } from './matrix/collect.ts';
import { writeMatrix, outputPaths } from './matrix/write.ts';

export interface MatrixReporterOptions {
  /** Directory for matrix.html, matrix.md and wptreport-<engine>.json (default: see write.ts). */
  outputDir?: string;
}

export default class MatrixReporter implements Reporter {
  private collector = new RowCollector();
  private outputDir: string | undefined;

  constructor(options: MatrixReporterOptions = {}) {
    this.outputDir = options.outputDir;
  }

  onTestEnd(test: TestCase, result: TestResult) {
    this.collector.add(result, test.title);
  }

  async onEnd(result: FullResult) {
    if (!this.collector.rows.size) return;
    const notes = this.collector.problems.length
      ? [`${this.collector.problems.length} attachment(s) could not be read: ${this.collector.problems.slice(0, 3).join('; ')}`]
      : [];
    const startTime = result.startTime instanceof Date ? result.startTime.getTime() : undefined;
    const { files, model } = await writeMatrix(this.collector.toResultsFile(), {
      outputs: outputPaths(process.env, this.outputDir),
      times: { start: startTime, end: startTime !== undefined ? startTime + result.duration : Date.now() },
      notes,
    });
    console.log(
      `originproof matrix: ${model.scenarios.length} scenarios × ${model.engineNames.length} engines, engines disagree on ${model.disagreements}; ${files.join(', ')}`,
    );
    for (const p of this.collector.problems) console.log(`originproof matrix: ${p}`);
  }

  printsToStdio() {
    return false;
  }
}
