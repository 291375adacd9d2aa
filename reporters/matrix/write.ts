/**
 * Writes every matrix output from one results document, atomically: matrix.html (self-contained),
 * matrix.md (and appended to $GITHUB_STEP_SUMMARY when set) and wptreport-<engine>.json.
 * Where they go: ORIGINPROOF_MATRIX_DIR (plain names) if set; else next to ORIGINPROOF_RESULTS
 * (<results>.matrix.html, <results>.matrix.md, <results>.wptreport-<engine>.json); else results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeAtomic, type ResultsFile } from '../../harness/judge/results.ts';
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

export function outputPaths(env: NodeJS.ProcessEnv = process.env, explicitDir?: string): MatrixOutputs {
  const dir = explicitDir ?? env.ORIGINPROOF_MATRIX_DIR;
  if (dir) return { html: path.join(dir, 'matrix.html'), markdown: path.join(dir, 'matrix.md'), wptreport: (e) => path.join(dir, `wptreport-${e}.json`) };
  if (env.ORIGINPROOF_RESULTS) {
    const base = env.ORIGINPROOF_RESULTS.replace(/\.json$/i, '');
    return { html: `${base}.matrix.html`, markdown: `${base}.matrix.md`, wptreport: (e) => `${base}.wptreport-${e}.json` };
  }
  return {
    html: path.join('results', 'matrix.html'),
    markdown: path.join('results', 'matrix.md'),
    wptreport: (e) => path.join('results', `wptreport-${e}.json`),
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
