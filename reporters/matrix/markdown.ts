/**
 * Markdown for a CI job summary (GITHUB_STEP_SUMMARY allows 1 MiB per step): engines, verdict
 * counts, where engines disagree, what needs attention, recorded deviations and the seed
 * claims per engine. Long lists are cut with a note pointing at matrix.html.
 */
import { VERDICTS } from '../../harness/verdict.ts';
import { CLAIM_STATUSES, shortJson, type MatrixModel } from './model.ts';

const ICON: Record<string, string> = {
  pass: '✅ pass',
  'known-deviation': '🟡 known-deviation',
  'fixed-deviation': '🟣 fixed-deviation',
  fail: '❌ fail',
  inconclusive: '⚪ inconclusive',
  timeout: '⏱️ timeout',
  holds: '✅ holds',
  'does-not-hold': '❌ does not hold',
  deviates: '🟠 deviates (not judged)',
  'not-observable': '👁️ not observable',
  undetermined: '🟡 undetermined',
  untested: '— untested',
};

/** Cell text: no pipes or newlines, bounded length. */
export function md(s: unknown, max = 200): string {
  const t = String(s ?? '')
    .replace(/\r?\n/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function capped<T>(list: T[], max: number, render: (items: T[]) => string[]): string[] {
  const out = render(list.slice(0, max));
  if (list.length > max) out.push('', `_…and ${list.length - max} more; see matrix.html._`);
  return out;
}

export function renderMarkdown(m: MatrixModel, opts: { maxRows?: number } = {}): string {
  const max = opts.maxRows ?? 150;
  const E = m.engineNames;
  const L: string[] = [];
  L.push(`## originproof conformance matrix`, '');
  L.push(
    `Run of ${m.date}: **${m.scenarios.length}** scenarios × **${E.length}** engines = ${m.cellCount} results; engines disagree on **${m.disagreements}** scenario(s).`,
    '',
  );
  L.push('### Engines judged', '');
  L.push(
    ...table(
      ['engine', 'browser', 'build', 'backend', 'executable', 'non-default settings'],
      E.map((e) => {
        const i = m.engines.find((x) => x.engine === e);
        return i
          ? [
              e,
              md(i.browser),
              i.flavour,
              i.backend,
              `\`${md(i.executable)}\``,
              i.nonDefault.length ? i.nonDefault.map((n) => `\`${md(n.setting, 80)}\``).join(' ') : '(none)',
            ]
          : [e, '?', '?', '?', '?', '?'];
      }),
    ),
  );
  L.push('', '### Verdicts', '');
  L.push(
    ...table(
      ['engine', ...VERDICTS, 'total'],
      E.map((e) => [e, ...VERDICTS.map((v) => String(m.totals[e][v])), String(VERDICTS.reduce((n, v) => n + m.totals[e][v], 0))]),
    ),
  );
  for (const n of m.notes) L.push('', `> ${md(n, 400)}`);

  const dis = m.scenarios.filter((s) => s.disagree);
  L.push('', `### Engines disagree (${dis.length})`, '');
  if (!dis.length) L.push('_Every engine reached the same verdict on every scenario._');
  else
    L.push(
      ...capped(dis, max, (xs) =>
        table(
          ['scenario', ...E],
          xs.map((s) => [`\`${s.id}\``, ...E.map((e) => (s.cells[e] ? ICON[s.cells[e]!.verdict] : 'not run'))]),
        ),
      ),
    );

  const attention = m.scenarios.flatMap((s) =>
    E.flatMap((e) => (s.cells[e] && !['pass', 'known-deviation'].includes(s.cells[e]!.verdict) ? [s.cells[e]!] : [])),
  );
  L.push('', `### Needs attention: fail, fixed-deviation, inconclusive, timeout (${attention.length})`, '');
  if (!attention.length) L.push('_Nothing: every result is a pass or a recorded deviation._');
  else
    L.push(
      ...capped(attention, max, (xs) =>
        table(
          ['scenario', 'engine', 'verdict', 'reason', 'observed'],
          xs.map((r) => [`\`${r.id}\``, r.engine, ICON[r.verdict], md(r.reason), `\`${md(shortJson(r.observed, 120))}\``]),
        ),
      ),
    );

  const kd = m.scenarios.flatMap((s) => E.flatMap((e) => (s.cells[e]?.verdict === 'known-deviation' ? [s.cells[e]!] : [])));
  L.push('', `### Recorded deviations from the standard (${kd.length})`, '');
  if (!kd.length) L.push('_None observed in this run._');
  else
    L.push(
      ...capped(kd, max, (xs) =>
        table(
          ['scenario', 'engine', 'reason', 'link'],
          xs.map((r) => [`\`${r.id}\``, r.engine, md(r.deviation?.reason ?? r.reason), r.deviation?.link ? md(r.deviation.link, 300) : '']),
        ),
      ),
    );

  L.push('', '### Seed claims', '');
  L.push(
    ...table(
      ['engine', ...CLAIM_STATUSES.map((s) => ICON[s])],
      E.map((e) => [e, ...CLAIM_STATUSES.map((s) => String(m.claimTotals[e][s]))]),
    ),
  );
  L.push('');
  L.push(
    ...table(
      ['claim', 'scenarios', ...E],
      m.claims.map((c) => [
        `**${c.id}** ${md(c.text, 90)}`,
        String(c.scenarios.length),
        ...E.map((e) => {
          const x = c.engines[e]!;
          return x.status === 'does-not-hold' || x.status === 'undetermined' ? `${ICON[x.status]}: ${md(x.detail, 140)}` : ICON[x.status];
        }),
      ]),
    ),
  );
  L.push('');
  return L.join('\n');
}
