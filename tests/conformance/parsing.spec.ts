/**
 * The parsing area (issue 16), when a run asks for it (`--grep parsing/…`, `npm run parsing`):
 * one Playwright test per visit of up to 200 variants, each variant still its own result row
 * (one `originproof-row` attachment each, so results/*.json, the matrix and merged blob reports
 * read them like any other; the test's `originproof-scenarios` annotation lists the variants it
 * stands for). Why not one test per variant: measured on this machine, Playwright costs ~12 ms of
 * CPU and ~18 ms of wall time per test with the list and HTML reporters (5,000 empty tests: 95 s),
 * ~3 min per engine for 10,000 variants before any browser work, against ~1 ms per row as
 * attachments of one test (5,000 rows in 25 tests: 6 s).
 */
import { test, expect } from '../../harness/fixtures.ts';
import { runVisits } from '../../harness/suite.ts';
import { PASSING } from '../../harness/verdict.ts';
import { ROW_ATTACHMENT, ENGINE_ATTACHMENT } from '../../reporters/matrix/collect.ts';
import { parsingRequested } from '../../scenarios/parsing/index.ts';
import { SCENARIOS_ANNOTATION } from '../../reporters/run-status.ts';

if (parsingRequested()) {
  const visits = runVisits().filter((v) => v.scenarios[0].area.startsWith('parsing/'));
  for (const area of [...new Set(visits.map((v) => v.scenarios[0].area))]) {
    test.describe(area, () => {
      for (const visit of visits.filter((v) => v.scenarios[0].area === area)) {
        const ids = visit.scenarios.map((s) => s.id);
        const annotation = [{ type: SCENARIOS_ANNOTATION, description: ids.join(' ') }];
        test(`${visit.key}: ${ids.length} variants from ${ids[0]}`, { tag: [`@${area}`], annotation }, async ({ runner }, testInfo) => {
          testInfo.setTimeout(Math.max(testInfo.timeout, runner.testTimeoutMs(visit.scenarios[0])));
          const failing: string[] = [];
          const counts: Record<string, number> = {};
          for (const s of visit.scenarios) {
            const row = await runner.run(s);
            counts[row.verdict] = (counts[row.verdict] ?? 0) + 1;
            await testInfo.attach(ROW_ATTACHMENT, { body: JSON.stringify(row), contentType: 'application/json' });
            if (!PASSING.includes(row.verdict)) failing.push(`${row.id}: ${row.verdict}: ${row.reason}`);
          }
          const { engine } = await runner.outcome(visit.scenarios[0]);
          await testInfo.attach(ENGINE_ATTACHMENT, { body: JSON.stringify(engine), contentType: 'application/json' });
          testInfo.annotations.push({ type: 'verdicts', description: JSON.stringify(counts) });
          expect(failing.length, `${failing.length} of ${ids.length} variants:\n${failing.slice(0, 25).join('\n')}`).toBe(0);
        });
      }
    });
  }
}
