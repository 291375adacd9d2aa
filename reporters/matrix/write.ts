/**
 * Writes every matrix output from one results document, atomically: matrix.html (self-contained),
 * matrix.md (and appended to $GITHUB_STEP_SUMMARY when set) and wptreport-<engine>.json.
 * Where they go: ORIGINPROOF_MATRIX_DIR (plain names) if set; else next to ORIGINPROOF_RESULTS
 * (<results>.matrix.html, <results>.matrix.md, <results>.wptreport-<engine>.json); else results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeAtomic, type ResultsFile } from '../../harness/judge/results.ts';
import { checkedName } from '../../protocol/names.ts';
import { buildModel, type MatrixModel } from './model.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { buildWptReports } from './wptreport.ts';
import { loadNotObservable } from './not-observable.ts';
import { SEED_CLAIMS } from './seed-claims.ts';

export interface MatrixOutputs {
  html: string;
  markdown: string;
  wptreport: (engine: string) => string;
}

/**
 * `name` inside `dir`, and nowhere else: an engine name from a results file is checked as a
 * file name (no separator, no "..") and the joined path must still sit directly in `dir`.
 */
export function fileIn(dir: string, name: string): string {
  const file = path.join(dir, name);
  if (path.dirname(path.resolve(file)) !== path.resolve(dir)) throw new Error(`originproof: ${JSON.stringify(name)} would be written outside ${dir}`);
  return file;
}

/** The file name part of a wptreport for `engine` (checked: it comes from the results file). */
function wptName(engine: string): string {
  return `wptreport-${checkedName(engine, 'the engine name')}.json`;
}

export function outputPaths(env: NodeJS.ProcessEnv = process.env, explicitDir?: string): MatrixOutputs {
  const dir = explicitDir ?? env.ORIGINPROOF_MATRIX_DIR;
  if (dir) return { html: fileIn(dir, 'matrix.html'), markdown: fileIn(dir, 'matrix.md'), wptreport: (e) => fileIn(dir, wptName(e)) };
  if (env.ORIGINPROOF_RESULTS) {
    const base = env.ORIGINPROOF_RESULTS.replace(/\.json$/i, '');
    const [at, stem] = [path.dirname(base), path.basename(base)];
    return { html: fileIn(at, `${stem}.matrix.html`), markdown: fileIn(at, `${stem}.matrix.md`), wptreport: (e) => fileIn(at, `${stem}.${wptName(e)}`) };
  }
  return {
    html: fileIn('results', 'matrix.html'),
    markdown: fileIn('results', 'matrix.md'),
    wptreport: (e) => fileIn('results', wptName(e)),
  };
}

export async function modelFor(file: ResultsFile, extraNotes: string[] = []): Promise<MatrixModel> {
  const nob = await loadNotObservable();
  const notes = [...extraNotes];
  if (nob.problem) notes.push(`scenarios/sop/not-observable.ts: ${nob.problem}.`);
  return buildModel(file, SEED_CLAIMS, nob.list, { notes });
}

export interface WriteOptions {
  outputs?: MatrixOutputs;
  times?: { start?: number; end?: number };
  notes?: string[];
  /** Append the Markdown to this file (default: $GITHUB_STEP_SUMMARY). */
  stepSummary?: string | null;
}

export async function writeMatrix(file: ResultsFile, opts: WriteOptions = {}): Promise<{ files: string[]; model: MatrixModel }> {
  const out = opts.outputs ?? outputPaths();
  const model = await modelFor(file, opts.notes);
  const md = renderMarkdown(model);
  writeAtomic(out.html, renderHtml(model));
  writeAtomic(out.markdown, md);
  const files = [out.html, out.markdown];
  for (const [engine, report] of buildWptReports(file, opts.times)) {
    const f = out.wptreport(engine);
    writeAtomic(f, `${JSON.stringify(report)}\n`);
    files.push(f);
  }
  const summary = opts.stepSummary === undefined ? process.env.GITHUB_STEP_SUMMARY : opts.stepSummary;
  if (summary) fs.appendFileSync(summary, `${md}\n`);
  return { files, model };
}
