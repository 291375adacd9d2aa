/**
 * The results file (results/conformance.json): run metadata and one row per scenario × engine.
 * Schema documented in docs/results-format.md; written atomically (temp file + rename).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EngineInfo, EngineName } from '../../engines/engine.ts';
import type { LoggedRequest, Observation } from '../../protocol/visit.ts';
import type { ResponseEvidence } from './evidence.ts';
import type { Verdict } from './verdict.ts';

export const RESULTS_SCHEMA_VERSION = 1;

export interface ResultRow {
  id: string;
  area: string;
  title: string;
  claims: string[];
  probe: string;
  engine: EngineName;
  expected: { blocked: boolean; observation: Record<string, unknown>; evidence?: Record<string, unknown> };
  observed: Observation | null;
  verdict: Verdict;
  reason: string;
  mismatches: string[];
  control: { expected: Record<string, unknown>; observed: Observation | null; ok: boolean } | null;
  deviation: { observed: Record<string, unknown>; reason: string; link: string } | null;
  evidence: { summary: Record<string, ResponseEvidence>; requests: LoggedRequest[] };
  spec: Array<{ url: string; section: string }>;
  /** Fetch scenarios: the Fetch model's steps on the declared responses (why the standard expects this). */
  model?: { trace: string[] };
  durationMs: number;
  /**
   * attempts: the visit ids tried (a second only when the first page never reported or one of its probes timed out);
   * chainedAfter: the visits whose pages ran before this one in the same browser context (a chain of stateless pages, harness/plan/chains.ts).
   */
  visit: { id: string; page: string; probes: number; durationMs: number; startedAt?: number; attempts: string[]; chainedAfter?: string[] };
}

/** How the run that wrote the file ended; a file without `complete` must not be read as a full run. */
export interface RunStatus {
  status: 'complete' | 'interrupted' | 'failed';
  /** Playwright's own status of the run. */
  playwright: string;
  /** Tests planned (selected) in this run, and how many ran. */
  planned: number;
  withRow: number;
  /** Rows `error` (infrastructure failed: the test threw, the engine died twice) and `not-run`. */
  errors: number;
  notRun: number;
}

export interface ResultsFile {
  schemaVersion: number;
  tool: 'originproof';
  date: string;
  /** Absent in files written before run status existed. */
  run?: RunStatus;
  engines: EngineInfo[];
  totals: Record<string, Record<string, number>>;
  rows: ResultRow[];
}

export function writeAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export function totalsOf(rows: ResultRow[]): ResultsFile['totals'] {
  const t: ResultsFile['totals'] = {};
  for (const r of rows) {
    t[r.engine] ??= {};
    t[r.engine][r.verdict] = (t[r.engine][r.verdict] ?? 0) + 1;
  }
  return t;
}
