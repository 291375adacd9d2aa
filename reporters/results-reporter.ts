/**
 * Collects every test's result row and the engines' records into results/conformance.json
 * (written atomically), and prints which builds were judged and the verdict counts.
 */
import path from 'node:path';
import type { Reporter, TestCase, TestResult, FullResult } from '@playwright/test/reporter';
import type { EngineInfo } from '../engines/engine.ts';
import { RESULTS_SCHEMA_VERSION, totalsOf, writeAtomic, type ResultRow, type ResultsFile } from '../harness/results.ts';

export default class ResultsReporter implements Reporter {
  private rows = new Map<string, ResultRow>();
  private engines = new Map<string, EngineInfo>();
  private outputFile: string;

  constructor(options: { outputFile?: string } = {}) {
    this.outputFile = options.outputFile ?? process.env.ORIGINPROOF_RESULTS ?? path.join('results', 'conformance.json');
  }

  onTestEnd(test: TestCase, result: TestResult) {
    for (const a of result.attachments) {
      if (!a.body) continue;
      if (a.name === 'originproof-row') {
        const row = JSON.parse(a.body.toString()) as ResultRow;
        this.rows.set(`${row.engine}|${row.id}`, row);
      } else if (a.name === 'originproof-engine') {
        const info = JSON.parse(a.body.toString()) as EngineInfo;
        this.engines.set(info.engine, info);
      }
    }
    void test;
  }

  onEnd(result: FullResult) {
    const rows = [...this.rows.values()].sort((a, b) => a.id.localeCompare(b.id) || a.engine.localeCompare(b.engine));
    if (!rows.length) return;
    const file: ResultsFile = {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      tool: 'originproof',
      date: new Date().toISOString(),
      engines: [...this.engines.values()].sort((a, b) => a.engine.localeCompare(b.engine)),
      totals: totalsOf(rows),
      rows,
    };
    writeAtomic(this.outputFile, JSON.stringify(file, null, 1));
    const lines = ['', 'originproof — engines judged:'];
    for (const e of file.engines) {
      lines.push(`  ${e.engine}: ${e.browser} [${e.flavour} build, ${e.backend}] ${e.executable}`);
      lines.push(`    non-default: ${e.nonDefault.map((n) => n.setting).join(' ') || '(none)'}`);
    }
    lines.push('originproof — verdicts:');
    for (const [engine, counts] of Object.entries(file.totals)) {
      lines.push(`  ${engine}: ${Object.entries(counts).map(([v, n]) => `${v} ${n}`).join(', ')}`);
    }
    lines.push(`results: ${this.outputFile} (run status: ${result.status})`);
    console.log(lines.join('\n'));
  }

  printsToStdio() {
    return false;
  }
}
