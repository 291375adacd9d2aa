/**
 * Where serve mode's columns go: into a results file beside whatever columns it already holds
 * (an automated run's chromium/firefox/webkit, other people's browsers), one column per browser,
 * replaced as a whole when the same column runs again; then the matrix from that file.
 * Every write is atomic, so a crash never leaves a half-written file.
 */
import fs from 'node:fs';
import type { EngineInfo } from '../engines/engine.ts';
import { RESULTS_SCHEMA_VERSION, totalsOf, writeAtomic, type ResultRow, type ResultsFile } from '../harness/judge/results.ts';
import { readResultsFile } from '../reporters/matrix/collect.ts';
import { writeMatrix, type MatrixOutputs } from '../reporters/matrix/write.ts';

export class ResultsSink {
  constructor(
    readonly resultsFile: string,
    private readonly matrix: MatrixOutputs,
  ) {
    // Fail at start, not after a person's run: an existing file must be one we can add to.
    this.read();
  }

  private read(): ResultsFile {
    if (!fs.existsSync(this.resultsFile)) {
      return { schemaVersion: RESULTS_SCHEMA_VERSION, tool: 'originproof', date: new Date().toISOString(), engines: [], totals: {}, rows: [] };
    }
    try {
      return readResultsFile(this.resultsFile);
    } catch (e) {
      throw new Error(`originproof serve: cannot add columns to ${this.resultsFile}: ${(e as Error).message} (choose another file with --results)`, {
        cause: e,
      });
    }
  }

  /** Replaces one column (rows and engine record), keeping every other. */
  /** The columns the results file holds already. */
  columns(): string[] {
    return this.read().engines.map((e) => e.engine);
  }

  writeColumn(info: EngineInfo, rows: ResultRow[]): ResultsFile {
    const file = this.read();
    const kept = file.rows.filter((r) => r.engine !== info.engine);
    const all = [...kept, ...rows].sort((a, b) => a.id.localeCompare(b.id) || a.engine.localeCompare(b.engine));
    const next: ResultsFile = {
      ...file,
      date: new Date().toISOString(),
      engines: [...file.engines.filter((e) => e.engine !== info.engine), info].sort((a, b) => a.engine.localeCompare(b.engine)),
      totals: totalsOf(all),
      rows: all,
    };
    writeAtomic(this.resultsFile, JSON.stringify(next, null, 1));
    return next;
  }

  async writeMatrix(): Promise<string[]> {
    const file = this.read();
    if (!file.rows.length) return [];
    return (await writeMatrix(file, { outputs: this.matrix, stepSummary: null })).files;
  }
}
