/**
 * The parsing area (header parsing at scale), when a run asks for it (`--grep parsing/…`, `npm run parsing`):
 * one Playwright test per visit of up to 200 variants, each variant still its own result row
 * (one `originproof-row` attachment each, so results/*.json, the matrix and merged blob reports
 * read them like any other; the test's `originproof-scenarios` annotation lists the variants it
 * stands for). Why not one test per variant: Playwright's cost per test would outweigh the
 * browser work for 10,000 variants per engine, where rows as attachments of one test cost almost
 * nothing (docs/performance.md, "Playwright's cost per test").
 *
 * Like conformance.spec.ts, workers declare the tests from the suite manifest and the visit
 * service executes and judges; a test passes when it got exactly one row per variant it was
 * planned with and every variant is `pass` or `known-deviation`.
 */
import { test, expect } from '../../harness/playwright/fixtures.ts';
import { readManifest } from '../../harness/playwright/suite-manifest.ts';
import { PASSING } from '../../harness/judge/verdicts.ts';
import { ROW_ATTACHMENT, ENGINE_ATTACHMENT } from '../../reporters/attachments.ts';
import { rowProblems, SCENARIOS_ANNOTATION, VISIT_ANNOTATION } from '../../reporters/run-status.ts';

const manifest = readManifest() ?? (await import('../../suites/conformance.ts')).suiteManifest();

for (const area of [...new Set(manifest.parsing.map((v) => v.area))]) {
  test.describe(area, () => {
    for (const visit of manifest.parsing.filter((v) => v.area === area)) {
      const annotation = [
        { type: SCENARIOS_ANNOTATION, description: visit.ids.join(' ') },
        { type: VISIT_ANNOTATION, description: visit.key },
      ];
      test(`${visit.key}: ${visit.ids.length} variants from ${visit.ids[0]}`, { tag: [`@${area}`], annotation }, async ({ service }, testInfo) => {
        testInfo.setTimeout(Math.max(testInfo.timeout, visit.testTimeoutMs));
        const { rows, engine } = await service.visitRows(visit.key);
        const failing: string[] = [];
        const counts: Record<string, number> = {};
        for (const row of rows) {
          counts[row.verdict] = (counts[row.verdict] ?? 0) + 1;
          await testInfo.attach(ROW_ATTACHMENT, { body: JSON.stringify(row), contentType: 'application/json' });
          if (!PASSING.includes(row.verdict)) failing.push(`${row.id}: ${row.verdict}: ${row.reason}`);
        }
        await testInfo.attach(ENGINE_ATTACHMENT, { body: JSON.stringify(engine), contentType: 'application/json' });
        testInfo.annotations.push({ type: 'verdicts', description: JSON.stringify(counts) });
        // Exactly one row per planned variant: a short, empty or repeated answer fails the visit.
        const problems = rowProblems(visit.ids, rows);
        expect(problems, `the visit service's rows for visit ${visit.key}: ${problems.slice(0, 10).join('; ')}`).toEqual([]);
        expect(failing.length, `${failing.length} of ${visit.ids.length} variants:\n${failing.slice(0, 25).join('\n')}`).toBe(0);
      });
    }
  });
}
