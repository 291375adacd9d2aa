/**
 * `npm run parsing`: runs the parsing area engine by engine, then writes
 * results/parsing.json (the row schema of results/conformance.json) and results/parsing.md, the
 * findings report: wall time per engine, verdicts, and every disagreement with the model grouped
 * into root causes with a minimal reproducer each.
 *
 *   npm run parsing                               all three engines, one after the other
 *   npm run parsing -- --engines webkit           some engines (others' rows are kept from the last results file)
 *   npm run parsing -- --report results/parsing.json   only rebuild the report from a results file
 *   extra arguments after `--` go to `playwright test` (e.g. --grep parsing/x-frame-options)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENGINE_NAMES, type EngineName } from '../engines/engine.ts';
import { totalsOf, writeAtomic, type ResultRow, type ResultsFile } from '../harness/judge/results.ts';
import { readResultsFile } from '../reporters/matrix/collect.ts';
import { partialPath } from '../reporters/results-reporter.ts';
import { findRootCauses, summarizeRules, type RootCause } from '../harness/judge/parsing-findings.ts';
import { buildParsingScenarios, loadParsingCatalog } from '../scenarios/parsing/index.ts';
import { PARSING_RULES as RULES } from '../scenarios/deviations/index.ts';
import { ownFile, playwrightTest } from './lib/playwright-cli.ts';

const RESULTS = process.env.ORIGINPROOF_PARSING_RESULTS ?? path.join('results', 'parsing.json');
const REPORT = RESULTS.replace(/\.json$/, '.md');

interface Args {
  engines: EngineName[];
  reportOnly?: string;
  extra: string[];
}

function parseArgs(argv: string[]): Args {
  const out: Args = { engines: ENGINE_NAMES, extra: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--engines') {
      const names = (argv[++i] ?? '').split(',').filter(Boolean);
      const bad = names.filter((n) => !(ENGINE_NAMES as string[]).includes(n));
      if (bad.length || !names.length)
        throw new Error(`originproof parsing: --engines takes a comma-separated list of ${ENGINE_NAMES.join(', ')}; got ${argv[i]}`);
      out.engines = names as EngineName[];
    } else if (a === '--report') out.reportOnly = argv[++i];
    else out.extra.push(a);
  }
  return out;
}

function runEngine(engine: EngineName, extra: string[]): { file: string; wallMs: number; status: number } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'originproof-parsing-')), `${engine}.json`);
  const grep = extra.includes('--grep') || extra.some((a) => a.startsWith('--grep=')) ? [] : ['--grep', 'parsing/'];
  const started = Date.now();
  console.log(`originproof parsing: ${engine} …`);
  const args = [
    '--config',
    ownFile('playwright.config'),
    '--project',
    engine,
    ...grep,
    `--reporter=list,${ownFile('reporters', 'results-reporter')}`,
    ...extra,
  ];
  const run = playwrightTest(args, { env: { ...process.env, ORIGINPROOF_PARSING: '1', ORIGINPROOF_RESULTS: file } });
  const wallMs = Date.now() - started;
  const how = run.signal ? `, killed by ${run.signal}` : run.error ? `, could not run: ${run.error.message}` : `, exit ${run.status}`;
  console.log(`originproof parsing: ${engine} took ${(wallMs / 1000).toFixed(0)} s${how}`);
  return { file, wallMs, status: run.status ?? 1 };
}

type Timed = ResultsFile & { wallMs?: Record<string, number> };

function merge(previous: Timed | undefined, fresh: Array<{ engine: EngineName; data: ResultsFile; wallMs: number }>): Timed {
  const engines = new Set(fresh.map((f) => f.engine));
  const rows: ResultRow[] = [...(previous?.rows ?? []).filter((r) => !engines.has(r.engine)), ...fresh.flatMap((f) => f.data.rows)];
  const infos = [...(previous?.engines ?? []).filter((e) => !engines.has(e.engine)), ...fresh.flatMap((f) => f.data.engines)];
  const wallMs = { ...previous?.wallMs, ...Object.fromEntries(fresh.map((f) => [f.engine, f.wallMs])) };
  rows.sort((a, b) => a.id.localeCompare(b.id) || a.engine.localeCompare(b.engine));
  return {
    schemaVersion: fresh[0]?.data.schemaVersion ?? previous!.schemaVersion,
    tool: 'originproof',
    date: new Date().toISOString(),
    engines: infos,
    totals: totalsOf(rows),
    rows,
    wallMs,
  };
}

const fence = (s: string) => '```\n' + s + '\n```';

export function renderReport(data: Timed): string {
  const catalog = new Map(loadParsingCatalog().map((s) => [s.id, s]));
  const { stats } = buildParsingScenarios();
  const causes = findRootCauses(data.rows, catalog, stats.meta);
  const out: string[] = [
    '# originproof — header parsing',
    '',
    `Run ${data.date}. Variants in the catalog: ${catalog.size} per engine (${stats.ambiguous.length} left out as ambiguous: their outcome depends on a choice RFC 9110/9112 leave to the engine — NUL, bare CR, how many SP an obs-fold becomes).`,
    '',
  ];
  out.push('| engine | build | wall time | variants | verdicts |', '|---|---|---|---|---|');
  for (const e of data.engines) {
    const t = data.totals[e.engine] ?? {};
    const n = Object.values(t).reduce((a, b) => a + b, 0);
    const wall = data.wallMs?.[e.engine];
    out.push(
      `| ${e.engine} | ${e.browser} (${e.flavour}, ${e.backend}) | ${wall ? `${(wall / 60000).toFixed(1)} min` : '—'} | ${n} | ${Object.entries(t)
        .map(([v, c]) => `${v} ${c}`)
        .join(', ')} |`,
    );
  }
  const rules = summarizeRules(data.rows, RULES);
  out.push(
    '',
    '## Root causes per engine',
    '',
    "Every row that is not `pass`, grouped per engine by header, normalized difference (expected → observed) and recorded rule. Rows covered by a rule (scenarios/deviations/<engine>.ts, parsing: the engine's reading of the bytes, with a link) are `known-deviation`; anything else is a finding still to explain.",
    '',
  );
  for (const engine of [...new Set([...causes.map((c) => c.engine), ...rules.map((r) => r.engine)])].sort()) {
    const mine = causes.filter((c) => c.engine === engine);
    const unexplained = mine.filter((c) => !c.rules.length).reduce((a, c) => a + c.count, 0);
    out.push(`### ${engine}: ${mine.reduce((a, c) => a + c.count, 0)} variants disagree with the model (${unexplained} not covered by a rule)`, '');
    const myRules = rules.filter((r) => r.engine === engine).sort((a, b) => b.count - a.count);
    if (myRules.length) {
      out.push(
        'Recorded root causes:',
        '',
        '| rule | variants | headers | other engines agree with the model on these variants | link | reason |',
        '|---|---|---|---|---|---|',
      );
      for (const r of myRules)
        out.push(`| ${r.rule} | ${r.count} | ${r.areas.map(short).join(', ')} | ${fmtAgree(r.others)} | ${r.link} | ${cell(r.reason)} |`);
      out.push('');
    }
    out.push(
      'Groups:',
      '',
      '| header | difference | count | verdicts | rule | kinds of variation | other engines agree with the model |',
      '|---|---|---|---|---|---|---|',
    );
    for (const c of mine)
      out.push(
        `| ${short(c.area)} | ${cell(c.difference)} | ${c.count} | ${fmt(c.verdicts)} | ${c.rules.join(', ') || '—'} | ${c.families.join(', ')} | ${fmtAgree(c.others)} |`,
      );
    out.push('');
    for (const c of mine) {
      out.push(
        `#### ${engine} · ${short(c.area)} · ${c.rules.join(', ') || 'no rule'} · ${c.count} variant(s)`,
        '',
        `Difference: ${c.difference}`,
        '',
        `Kinds of variation: ${c.families.join(', ')}; mutations: ${c.mutations.join(', ')}`,
        '',
        `Minimal reproducer \`${c.reproducer.id}\`: ${c.reproducer.probe}`,
        '',
        fence(c.reproducer.bytes),
        '',
      );
    }
  }
  if (!causes.length) out.push('No disagreement with the model.');
  return out.join('\n') + '\n';
}

const fmt = (v: Record<string, number>) =>
  Object.entries(v)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
const fmtAgree = (others: RootCause['others']) =>
  Object.entries(others)
    .map(([e, o]) => `${e} ${o.agree}/${o.of}`)
    .join(', ') || '—';
const short = (area: string) => area.replace('parsing/', '');
const cell = (text: string) => text.replace(/\|/g, '\\|');

function main() {
  const args = parseArgs(process.argv.slice(2));
  const previous = fs.existsSync(RESULTS) ? (readResultsFile(RESULTS) as Timed) : undefined;
  let data: Timed;
  let status = 0;
  if (args.reportOnly) data = readResultsFile(args.reportOnly) as Timed;
  else {
    const fresh: Array<{ engine: EngineName; data: ResultsFile; wallMs: number }> = [];
    for (const engine of args.engines) {
      const r = runEngine(engine, args.extra);
      if (r.status !== 0) status = r.status;
      // An incomplete run (tests without a verdict) is written beside the file, as .partial.json.
      const file = fs.existsSync(r.file) ? r.file : partialPath(r.file);
      if (!fs.existsSync(file)) {
        console.error(`originproof parsing: ${engine} wrote no results (${r.file}); its rows are left out`);
        fs.rmSync(path.dirname(r.file), { recursive: true, force: true });
        status ||= 1;
        continue;
      }
      if (file !== r.file) console.error(`originproof parsing: ${engine}'s run is incomplete; its rows are taken from ${file}`);
      fresh.push({ engine, data: readResultsFile(file), wallMs: r.wallMs });
      fs.rmSync(path.dirname(r.file), { recursive: true, force: true });
    }
    if (!fresh.length) process.exit(status || 1);
    data = merge(previous, fresh);
    writeAtomic(RESULTS, JSON.stringify(data));
  }
  writeAtomic(REPORT, renderReport(data));
  console.log(`originproof parsing: ${RESULTS}, ${REPORT} (rules recorded: ${RULES.length})`);
  process.exit(status);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
