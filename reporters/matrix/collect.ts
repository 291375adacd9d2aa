/**
 * Rebuilds result rows and engine records from Playwright test results. Everything the matrix
 * needs travels in two attachments per test ('originproof-row', 'originproof-engine'), so the
 * same code works in the live run and in `playwright merge-reports` over blob reports from
 * sharded jobs (where an attachment may arrive as a body or as a file path).
 */
import fs from 'node:fs';
import type { TestResult } from '@playwright/test/reporter';
import type { EngineInfo } from '../../engines/engine.ts';
import { RESULTS_SCHEMA_VERSION, totalsOf, type ResultRow, type ResultsFile } from '../../harness/judge/results.ts';
import { readResultsText } from '../../harness/judge/results-schema.ts';
import { ENGINE_ATTACHMENT, ROW_ATTACHMENT } from '../attachments.ts';

export { ENGINE_ATTACHMENT, ROW_ATTACHMENT };

type Attachment = TestResult['attachments'][number];

function attachmentText(a: Attachment): string | undefined {
  if (a.body) return a.body.toString('utf8');
  if (a.path && fs.existsSync(a.path)) return fs.readFileSync(a.path, 'utf8');
  return undefined;
}

export class RowCollector {
  readonly rows = new Map<string, ResultRow>();
  readonly engines = new Map<string, EngineInfo>();
  /** Attachments that could not be read or parsed (reported, never silently dropped). */
  readonly problems: string[] = [];

  /** Takes the last attempt's row for each engine × scenario (a retry replaces an earlier attempt); returns this result's rows. */
  add(result: TestResult, testTitle = ''): ResultRow[] {
    const added: ResultRow[] = [];
    for (const a of result.attachments) {
      if (a.name !== ROW_ATTACHMENT && a.name !== ENGINE_ATTACHMENT) continue;
      const text = attachmentText(a);
      if (text === undefined) {
        this.problems.push(`${testTitle}: attachment ${a.name} has neither body nor readable path`);
        continue;
      }
      try {
        if (a.name === ROW_ATTACHMENT) {
          const row = JSON.parse(text) as ResultRow;
          this.rows.set(`${row.engine}|${row.id}`, row);
          added.push(row);
        } else {
          const info = JSON.parse(text) as EngineInfo;
          this.engines.set(info.engine, info);
        }
      } catch (e) {
        this.problems.push(`${testTitle}: attachment ${a.name} is not JSON (${(e as Error).message})`);
      }
    }
    return added;
  }

  sortedRows(): ResultRow[] {
    return [...this.rows.values()].sort((a, b) => a.id.localeCompare(b.id) || a.engine.localeCompare(b.engine));
  }

  /** The same document results-reporter writes (results/conformance.json). */
  toResultsFile(date = new Date(), extraRows: ResultRow[] = []): ResultsFile {
    const rows = [...this.sortedRows(), ...extraRows].sort((a, b) => a.id.localeCompare(b.id) || a.engine.localeCompare(b.engine));
    return {
      schemaVersion: RESULTS_SCHEMA_VERSION,
      tool: 'originproof',
      date: date.toISOString(),
      engines: [...this.engines.values()].sort((a, b) => a.engine.localeCompare(b.engine)),
      totals: totalsOf(rows),
      rows,
    };
  }
}

/** Reads and checks a results file (results/conformance.json or a copy): bounded, schema-checked, one clear error. */
export function readResultsFile(file: string): ResultsFile {
  return readResultsText(file);
}
