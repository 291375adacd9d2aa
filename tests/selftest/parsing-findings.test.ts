/**
 * The parsing findings report (harness/judge/parsing-findings.ts): disagreements grouped per engine,
 * header, difference and rule; each rule's count, reason and link, and how the other engines did
 * on the same variants. Synthetic rows; no browser.
 */
import { test, expect } from '@playwright/test';
import { differenceOf, findRootCauses, summarizeRules } from '../../harness/judge/parsing-findings.ts';
import type { ResultRow } from '../../harness/judge/results.ts';

function row(id: string, engine: string, verdict: ResultRow['verdict'], observed: Record<string, unknown>, reason = ''): ResultRow {
  return {
    id,
    area: 'parsing/x-frame-options',
    title: id,
    claims: [],
    probe: 'frame-load',
    engine: engine as ResultRow['engine'],
    expected: { blocked: false, observation: { rendered: true } },
    observed,
    verdict,
    reason,
    mismatches: [],
    control: null,
    deviation: verdict === 'known-deviation' ? { observed: { rendered: false }, reason, link: 'https://example.org/first-rule' } : null,
    evidence: { summary: {}, requests: [] },
    spec: [],
    durationMs: 1,
    visit: { id: 'v', page: 'https://site.test/', probes: 1, durationMs: 1, attempts: ['v'] },
  } as ResultRow;
}

const TWO_RULES = '[trims-vt] trims VT + [second] a second reading';
const rows = [
  row('a', 'chromium', 'known-deviation', { rendered: false }, TWO_RULES),
  row('b', 'chromium', 'known-deviation', { rendered: false }, TWO_RULES),
  row('c', 'chromium', 'fail', { rendered: false }),
  row('a', 'firefox', 'pass', { rendered: true }),
  row('b', 'firefox', 'fail', { rendered: false }),
];

test('a difference names each expected key that differs, expected → observed', () => {
  expect(differenceOf(rows[0])).toBe('rendered: true → false');
});

test('rows group by engine, header, difference and rule; other engines are counted on the same variants', () => {
  const causes = findRootCauses(rows, new Map(), new Map());
  const chromium = causes.filter((c) => c.engine === 'chromium');
  expect(chromium.map((c) => [c.count, c.rules])).toEqual([
    [2, ['second', 'trims-vt']],
    [1, []],
  ]);
  expect(chromium[0].others).toEqual({ firefox: { agree: 1, of: 2 } });
});

test("each rule keeps its own reason and link, also when a row's deviation carries several", () => {
  const rules = [
    { engine: 'chromium', slug: 'trims-vt', reason: 'trims VT + FF', link: 'https://example.org/first-rule' },
    { engine: 'chromium', slug: 'second', reason: 'a second reading', link: 'https://example.org/second-rule' },
  ];
  const summary = summarizeRules(rows, rules);
  expect(summary.map((s) => [s.rule, s.count, s.link, s.reason])).toEqual([
    ['trims-vt', 2, 'https://example.org/first-rule', 'trims VT + FF'],
    ['second', 2, 'https://example.org/second-rule', 'a second reading'],
  ]);
  // Without the rules, the link is the deviation's (the first rule's) and the reason is cut from it.
  expect(summarizeRules(rows).find((s) => s.rule === 'second')?.link).toBe('https://example.org/first-rule');
});
