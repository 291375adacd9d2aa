/**
 * The audit's own report: per intent and engine whether it holds, and for each broken
 * one what was observed, what the server sent and why by the standard; where engines disagree,
 * which one follows the standard. Printed at the end of `npm run audit`, and written as audit.md
 * (also appended to $GITHUB_STEP_SUMMARY when set) and audit.json in the output directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { writeAtomic } from '../harness/judge/results.ts';
import type { AuditOutcome, AuditVerdict } from '../audit/judge.ts';
import { intentModuleOf, intentRank } from '../audit/intents/index.ts';
import { escapeMarkdown as esc } from './matrix/markdown.ts';

export const AUDIT_ATTACHMENT = 'originproof-audit';

type Outcome = Omit<AuditOutcome, 'row'> & { intentTitle: string };
type IntentVerdict = AuditVerdict | 'incomplete';

/** One intent on one engine: the worst of its probes (error > broken > unsupported > inconclusive > holds). */
export function intentVerdict(outcomes: Outcome[], expected: number): IntentVerdict {
  for (const v of ['error', 'broken', 'unsupported', 'inconclusive'] as const) if (outcomes.some((o) => o.verdict === v)) return v;
  return outcomes.length < expected ? 'incomplete' : 'holds';
}

export interface AuditSummary {
  intents: Array<{ id: string; title: string; engines: Record<string, IntentVerdict> }>;
  /** Probes where engines did different things, with who follows the standard. */
  disagreements: string[];
  broken: string[];
  markdown: string;
  text: string;
}

/** `probesPerIntent`: each intent's probe count per engine, in the config's order. */
export function summarize(outcomes: Outcome[], engines: string[], probesPerIntent: Map<string, number>): AuditSummary {
  const byIntent = new Map<string, Outcome[]>([...probesPerIntent.keys()].map((id) => [id, []]));
  for (const o of outcomes) byIntent.set(o.probe.intentId, [...(byIntent.get(o.probe.intentId) ?? []), o]);
  for (const [id, list] of byIntent) if (!list.length) byIntent.delete(id);
  const intents = [...byIntent.entries()].map(([id, list]) => ({
    id,
    title: list[0].intentTitle,
    engines: Object.fromEntries(
      engines
        .map((e) =>
          intentVerdict(
            list.filter((o) => o.engine === e),
            probesPerIntent.get(id) ?? 0,
          ),
        )
        .map((v, i) => [engines[i], v]),
    ),
  }));
  const broken: string[] = [];
  for (const o of outcomes) if (o.verdict !== 'holds') broken.push(o.message);
  const disagreements: string[] = [];
  const byProbe = new Map<string, Outcome[]>();
  for (const o of outcomes) byProbe.set(o.probe.id, [...(byProbe.get(o.probe.id) ?? []), o]);
  for (const list of byProbe.values()) {
    const seen = new Set(list.map((o) => o.observed));
    if (seen.size < 2) continue;
    const follow = list.filter((o) => o.followsStandard === true).map((o) => o.engine);
    const deviate = list.filter((o) => o.followsStandard === false).map((o) => o.engine);
    const std = list.find((o) => o.standard.outcome)?.standard;
    disagreements.push(
      `${list[0].probe.title}: ${list.map((o) => `${o.engine} ${o.observed}`).join('; ')}. ` +
        (std
          ? `The standard says ${std.outcome}: ${follow.join(', ') || 'no engine'} follow${follow.length === 1 ? 's' : ''} it${deviate.length ? `, ${deviate.join(', ')} deviate${deviate.length === 1 ? 's' : ''}` : ''}.`
          : 'The standard cannot be judged from what the server sent.'),
    );
  }
  const mark: Record<IntentVerdict, string> = {
    holds: '✓ holds',
    broken: '✗ BROKEN',
    unsupported: '⊘ not supported by the engine',
    inconclusive: '? inconclusive',
    error: '! error',
    incomplete: '… incomplete',
  };
  // Titles, engine names and messages carry what the user's server sent: escaped, never markup.
  const table = [`| intent | ${engines.map(esc).join(' | ')} |`, `| --- | ${engines.map(() => '---').join(' | ')} |`];
  for (const i of intents) table.push(`| ${esc(i.title).replace(/\n/g, ' ')} | ${engines.map((e) => mark[i.engines[e]]).join(' | ')} |`);
  const markdown = [
    '# originproof audit',
    '',
    ...table,
    '',
    ...(broken.length ? ['## Not holding', '', ...broken.map((b) => `- ${esc(b).replace(/\n/g, '\n  ')}`), ''] : []),
    ...(disagreements.length ? ['## Engines disagree', '', ...disagreements.map((d) => `- ${esc(d).replace(/\n/g, ' ')}`), ''] : []),
  ].join('\n');
  const width = Math.min(90, Math.max(...intents.map((i) => i.title.length), 10));
  const text = [
    'originproof audit — intents × engines:',
    ...intents.map(
      (i) =>
        `  ${i.title.length > width ? `${i.title.slice(0, width - 1)}…` : i.title.padEnd(width)}  ${engines.map((e) => `${e} ${mark[i.engines[e]]}`).join('   ')}`,
    ),
  ].join('\n');
  return { intents, disagreements, broken, markdown, text };
}

export default class AuditReporter implements Reporter {
  private outcomes = new Map<string, Outcome>();
  private planned = new Map<string, Set<string>>();
  private engines: string[] = [];
  private outputDir: string;

  constructor(options: { outputDir?: string } = {}) {
    this.outputDir = options.outputDir ?? process.env.ORIGINPROOF_AUDIT_OUT ?? 'audit-report';
  }

  onBegin(_config: unknown, suite: { allTests(): TestCase[] }) {
    for (const t of suite.allTests()) {
      const engine = t.parent.project()?.name ?? '';
      if (!this.engines.includes(engine)) this.engines.push(engine);
      const intent = t.tags.map((tag) => tag.slice(1)).find((tag) => intentModuleOf(tag) && /-\d+$/.test(tag));
      if (intent) this.planned.set(intent, (this.planned.get(intent) ?? new Set()).add(t.title));
    }
  }

  onTestEnd(test: TestCase, result: TestResult) {
    const a = result.attachments.find((x) => x.name === AUDIT_ATTACHMENT);
    const text = a?.body?.toString('utf8') ?? (a?.path && fs.existsSync(a.path) ? fs.readFileSync(a.path, 'utf8') : undefined);
    if (!text) return;
    const o = JSON.parse(text) as Outcome;
    this.outcomes.set(`${o.engine}|${o.probe.id}`, o);
  }

  onEnd() {
    if (!this.outcomes.size) return;
    const outcomes = [...this.outcomes.values()];
    // In the registry's order of intents, each by its index in the config.
    const perIntent = new Map([...this.planned].sort(([a], [b]) => intentRank(a) - intentRank(b)).map(([k, v]) => [k, v.size]));
    const s = summarize(outcomes, this.engines, perIntent);
    fs.mkdirSync(this.outputDir, { recursive: true });
    writeAtomic(path.join(this.outputDir, 'audit.md'), s.markdown);
    writeAtomic(
      path.join(this.outputDir, 'audit.json'),
      JSON.stringify(
        {
          tool: 'originproof-audit',
          date: new Date().toISOString(),
          engines: this.engines,
          intents: s.intents,
          disagreements: s.disagreements,
          probes: outcomes,
        },
        null,
        1,
      ),
    );
    if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${s.markdown}\n`);
    const holding = s.intents.filter((i) => Object.values(i.engines).every((v) => v === 'holds')).length;
    console.log(
      [
        '',
        s.text,
        `${holding} of ${s.intents.length} intents hold in every engine; ${s.broken.length} probe results do not hold (details above and in ${path.join(this.outputDir, 'audit.md')})`,
        ...(s.disagreements.length ? ['engines disagree:', ...s.disagreements.map((d) => `  ${d}`)] : []),
        `reports: ${path.join(this.outputDir, 'html', 'index.html')} (npx playwright show-report ${path.join(this.outputDir, 'html')}), ${path.join(this.outputDir, 'audit.md')}, ${path.join(this.outputDir, 'matrix.html')}, ${path.join(this.outputDir, 'audit.json')}`,
      ].join('\n'),
    );
  }

  printsToStdio() {
    return false;
  }
}
