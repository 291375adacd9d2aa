/**
 * Markdown for a CI job summary (GITHUB_STEP_SUMMARY allows 1 MiB per step), in the order of the
 * HTML page: engines (boundary-touching settings named), verdict counts, where engines disagree
 * (what each did, in a word), recorded deviations, what needs attention, and the seed claims per
 * engine. Long lists are cut with a note pointing at matrix.html.
 */
import { CLAIM_STATUSES, shortJson, type MatrixModel, type ScenarioRow } from './model.ts';

const ICON: Record<string, string> = {
  pass: '✅ pass',
  'known-deviation': '🟡 known-deviation',
  'fixed-deviation': '🟣 fixed-deviation',
  fail: '❌ fail',
  inconclusive: '⚪ inconclusive',
  timeout: '⏱️ timeout',
  'not-run': '— not run',
  holds: '✅ holds',
  'does-not-hold': '❌ does not hold',
  deviates: '🟠 deviates (not judged)',
  'not-observable': '👁️ not observable',
  undetermined: '🟡 undetermined',
  untested: '— untested',
};

/**
 * Free text for Markdown (also rendered as GitHub's step summary): no HTML (entities for & < >),
 * and every character Markdown gives a meaning escaped, so a header value a server sent stays text.
 */
export function escapeMarkdown(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]{}()#+!|~]/g, '\\$&');
}

/** Cell text: no pipes or newlines, bounded length. */
export function md(s: unknown, max = 200): string {
  const t = String(s ?? '')
    .replace(/\r?\n/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Inline code: a backtick in the value would end the span early, so it becomes a quote. */
export function code(s: unknown, max = 200): string {
  return `\`${md(String(s ?? '').replace(/`/g, "'"), max)}\``;
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function capped<T>(list: T[], max: number, render: (items: T[]) => string[]): string[] {
  const out = render(list.slice(0, max));
  if (list.length > max) out.push('', `_…and ${list.length - max} more; see matrix.html._`);
  return out;
}

/** A cell: verdict icon and what the engine did, e.g. "🟡 blocked (standard: readable)". */
function cell(s: ScenarioRow, e: string): string {
  const r = s.cells[e as keyof ScenarioRow['cells']];
  const o = s.outcomes[e as keyof ScenarioRow['outcomes']];
  if (!r || !o) return 'not run';
  const icon = (ICON[r.verdict] ?? r.verdict).split(' ')[0];
  const std = r.verdict !== 'pass' && s.expectedOutcome && s.expectedOutcome.word !== o.word && !o.observedWord ? ` (standard: ${s.expectedOutcome.word})` : '';
  return `${icon} ${md(o.word, 40)}${std}`;
}

export function renderMarkdown(m: MatrixModel, opts: { maxRows?: number } = {}): string {
  const max = opts.maxRows ?? 150;
  const L: string[] = [];
  L.push(`## originproof conformance matrix`, '');
  L.push(
    `Run of ${md(m.date, 64)}: **${m.scenarios.length}** scenarios × **${m.engineNames.length}** engines = ${m.cellCount} results; engines disagree on **${m.disagreements}** scenario(s).`,
    '',
  );
  L.push(
    ...enginesSection(m),
    ...verdictsSection(m),
    ...disagreeSection(m, max),
    ...deviationsSection(m, max),
    ...attentionSection(m, max),
    ...claimsSection(m),
  );
  L.push('');
  return L.join('\n');
}

function enginesSection(m: MatrixModel): string[] {
  const L: string[] = [];
  const E = m.engineNames;
  L.push('### Engines judged', '');
  L.push(
    ...table(
      ['engine', 'browser', 'build', 'backend', 'executable', 'settings that touch the origin boundary', 'other non-default settings'],
      E.map((e) => {
        const i = m.engines.find((x) => x.engine === e);
        const boundary = i?.nonDefault.filter((n) => n.boundary) ?? [];
        return i
          ? [
              md(e),
              md(i.browser),
              md(i.flavour),
              md(i.backend),
              code(i.executable),
              boundary.length ? boundary.map((n) => code(n.setting, 80)).join(' ') : '(none: as shipped)',
              String(i.nonDefault.length - boundary.length),
            ]
          : [md(e), '?', '?', '?', '?', '?', '?'];
      }),
    ),
  );
  const profiled = E.map((e) => m.engines.find((x) => x.engine === e)).filter((i) => i?.profile);
  if (profiled.length) {
    L.push('', '### What a visit runs in', '');
    for (const i of profiled) {
      const p = i!.profile!;
      L.push(
        `- **${md(i!.engine)}**: ${md(p.kind, 400)} (${md(p.how, 200)}); permissions granted: ${p.permissions.length ? p.permissions.map((x) => md(x)).join(', ') : 'none'}`,
      );
      for (const effect of p.effects) L.push(`  - ${md(effect, 400)}`);
      if (p.areas.length) L.push(`  - verdicts that depend on this kind of profile: ${p.areas.map((a) => `\`${md(a)}\``).join(', ')}`);
    }
  }
  return L;
}

function verdictsSection(m: MatrixModel): string[] {
  const L: string[] = [];
  const E = m.engineNames;
  const VERDICTS = m.verdicts;
  L.push('', '### Verdicts', '');
  L.push(
    ...table(
      ['engine', ...VERDICTS, 'total'],
      E.map((e) => [md(e), ...VERDICTS.map((v) => String(m.totals[e][v] ?? 0)), String(VERDICTS.reduce((n, v) => n + (m.totals[e][v] ?? 0), 0))]),
    ),
  );
  for (const n of m.notes) L.push('', `> ${md(n, 400)}`);
  return L;
}

function disagreeSection(m: MatrixModel, max: number): string[] {
  const L: string[] = [];
  const E = m.engineNames;
  const dis = m.scenarios.filter((s) => s.disagree);
  L.push('', `### Engines disagree (${dis.length})`, '');
  if (!dis.length) L.push('_Every engine reached the same verdict on every scenario._');
  else
    L.push(
      ...capped(dis, max, (xs) =>
        table(
          ['scenario', ...E.map((e) => md(e))],
          xs.map((s) => [`${code(s.id)} ${md(s.title, 120)}`, ...E.map((e) => cell(s, e))]),
        ),
      ),
    );
  return L;
}

function deviationsSection(m: MatrixModel, max: number): string[] {
  const L: string[] = [];
  const E = m.engineNames;
  const kd = m.scenarios.flatMap((s) => E.flatMap((e) => (s.cells[e]?.verdict === 'known-deviation' ? [s.cells[e]!] : [])));
  L.push('', `### Recorded deviations from the standard (${kd.length})`, '');
  if (!kd.length) L.push('_None observed in this run._');
  else
    L.push(
      ...capped(kd, max, (xs) =>
        table(
          ['scenario', 'engine', 'outcome', 'reason', 'link'],
          xs.map((r) => [
            code(r.id),
            md(r.engine),
            md(m.scenarios.find((s) => s.id === r.id)?.outcomes[r.engine]?.word ?? ''),
            md(r.deviation?.reason ?? r.reason),
            r.deviation?.link ? md(r.deviation.link, 300) : '',
          ]),
        ),
      ),
    );
  return L;
}

function attentionSection(m: MatrixModel, max: number): string[] {
  const L: string[] = [];
  const E = m.engineNames;
  const attention = m.scenarios.flatMap((s) =>
    E.flatMap((e) => (s.cells[e] && !['pass', 'known-deviation'].includes(s.cells[e]!.verdict) ? [s.cells[e]!] : [])),
  );
  L.push('', `### Needs attention: anything but a pass or a recorded deviation (${attention.length})`, '');
  if (!attention.length) L.push('_Nothing: every result is a pass or a recorded deviation._');
  else
    L.push(
      ...capped(attention, max, (xs) =>
        table(
          ['scenario', 'engine', 'verdict', 'reason', 'observed'],
          xs.map((r) => [code(r.id), md(r.engine), ICON[r.verdict] ?? r.verdict, md(r.reason), code(shortJson(r.observed, 120))]),
        ),
      ),
    );
  return L;
}

function claimsSection(m: MatrixModel): string[] {
  const L: string[] = [];
  const E = m.engineNames;
  L.push('', '### Seed claims', '');
  L.push(
    ...table(
      ['engine', ...CLAIM_STATUSES.map((s) => ICON[s])],
      E.map((e) => [md(e), ...CLAIM_STATUSES.map((s) => String(m.claimTotals[e][s]))]),
    ),
  );
  L.push('');
  L.push(
    ...table(
      ['claim', 'scenarios', ...E.map((e) => md(e))],
      m.claims.map((c) => [
        `**${md(c.id, 40)}** ${md(c.text, 90)}`,
        String(c.scenarios.length),
        ...E.map((e) => {
          const x = c.engines[e]!;
          return x.status === 'does-not-hold' || x.status === 'undetermined' ? `${ICON[x.status]}: ${md(x.detail, 140)}` : ICON[x.status];
        }),
      ]),
    ),
  );
  return L;
}
