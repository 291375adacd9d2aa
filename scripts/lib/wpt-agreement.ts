/**
 * Whether a WPT run of the exports agrees with originproof: for each export and engine, the
 * standard's subtest fails exactly where originproof records a deviation of that engine for the
 * exported scenario, and the control passes. Rendered as the table docs/wpt.md carries.
 */
import { exportName, recordedExports, scenarioFor } from '../../reporters/wpt/select.ts';
import type { TestResult } from './wpt-results.ts';

export interface Agreement {
  name: string;
  scenario: string;
  engine: string;
  /** The standard's subtest and the control, as WPT reported them. */
  standard: string;
  control: string | undefined;
  deviationRecorded: boolean;
  agrees: boolean;
}

export function agreements(results: Record<string, TestResult[]>): Agreement[] {
  const out: Agreement[] = [];
  for (const arg of recordedExports()) {
    const name = exportName(arg);
    const { scenario } = scenarioFor(arg);
    for (const [engine, list] of Object.entries(results)) {
      const r = list.find((x) => x.test.endsWith(`/${name}.https.html`));
      if (!r) continue;
      const standard = r.harness !== 'OK' ? `harness ${r.harness}` : (r.subtests.find((s) => !s.name.startsWith('control:'))?.status ?? 'missing');
      const control = r.subtests.find((s) => s.name.startsWith('control:'))?.status;
      const deviationRecorded = !!scenario.deviations?.[engine as 'chromium'];
      const agrees = standard === (deviationRecorded ? 'FAIL' : 'PASS') && (control === undefined || control === 'PASS');
      out.push({ name, scenario: scenario.id, engine, standard, control, deviationRecorded, agrees });
    }
  }
  return out;
}

export function agreementTable(rows: Agreement[], engines: string[]): string {
  const names = [...new Set(rows.map((r) => r.name))];
  const cell = (r: Agreement | undefined) =>
    r
      ? `${r.standard}${r.control ? ` / control ${r.control}` : ''} — ${r.deviationRecorded ? 'deviation recorded' : 'pass recorded'} ${r.agrees ? '✓' : '✗'}`
      : 'not run';
  const lines = [`| export | ${engines.join(' | ')} |`, `| --- | ${engines.map(() => '---').join(' | ')} |`];
  for (const n of names)
    lines.push(`| [${n}](wpt/${n}/${n}.https.html) | ${engines.map((e) => cell(rows.find((r) => r.name === n && r.engine === e))).join(' | ')} |`);
  return lines.join('\n');
}
