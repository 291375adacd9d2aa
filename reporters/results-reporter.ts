/**
 * Collects every test's result row and the engines' records into results/conformance.json
 * (written atomically), and prints which builds were judged and the verdict counts.
 * Rows are rebuilt by the same collector the matrix uses, so merged blob reports work too.
 */
import path from 'node:path';
import type { Reporter, TestCase, TestResult, FullResult } from '@playwright/test/reporter';
import { writeAtomic } from '../harness/results.ts';
import { RowCollector } from './matrix/collect.ts';

export default class ResultsReporter implements Reporter {
  private collector = new RowCollector();
  private outputFile: string;

  constructor(options: { outputFile?: string } = {}) {
    this.outputFile = options.outputFile ?? process.env.ORIGINPROOF_RESULTS ?? path.join('results', 'conformance.json');
  }

  onTestEnd(test: TestCase, result: TestResult) {
    this.collector.add(result, test.title);
  }

  onEnd(result: FullResult) {
    if (!this.collector.rows.size) return;
    const file = this.collector.toResultsFile();
    writeAtomic(this.outputFile, JSON.stringify(file, null, 1));
    const lines = ['', 'originproof — engines judged:'];
    for (const e of file.engines) {
      lines.push(`  ${e.engine}: ${e.browser} [${e.flavour} build, ${e.backend}] ${e.executable}`);
      lines.push(`    non-default: ${e.nonDefault.map((n) => n.setting).join(' ') || '(none)'}`);
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
    lines.push(`results: ${this.outputFile} (run status: ${result.status})`);
    console.log(lines.join('\n'));
  }

  printsToStdio() {
    return false;
  }
}
