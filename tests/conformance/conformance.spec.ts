/**
 * One Playwright test per visit per engine (the engine is the project), one step per scenario:
 * visits are the unit of scheduling, spread over all workers and shards, so a sharded run
 * executes each visit once, and each scenario is still its own result row and its own step in
 * Playwright's report, named with its verdict, the row its `originproof-row` attachment
 * (results/*.json, the matrix and merged blob reports read them). Each test asserts that it got exactly one row per
 * scenario it was planned with, so a service answering a short or empty list fails it.
 *
 * Why not one test per scenario: Playwright starts a new worker after every failed test, so a
 * run with many failing scenarios crawled (docs/performance.md, "Failing runs"). A failing
 * scenario now fails its step (a soft assertion) and its visit's test: one restart per failing visit.
 *
 * Selection stays plain Playwright: every visit test is tagged with its areas (`--grep cors/`),
 * seed claims (`--grep @C50`), the ids of its scenarios (`--grep cors.claims.c54-put-preflight`)
 * and @deviation-<engine> where a deviation is recorded; the terminal line leaves the tags off
 * (playwright.config.ts). A selected visit reports all its scenarios:
 * the visit runs whole either way.
 *
 * Workers declare the tests from the suite manifest (suites/conformance.ts); only the main process,
 * listing the tests before the global setup has run, plans the catalog itself.
 */
import { test, expect } from '../../harness/playwright/fixtures.ts';
import { readManifest } from '../../harness/playwright/suite-manifest.ts';
import { PASSING } from '../../harness/judge/verdicts.ts';
import { ROW_ATTACHMENT, ENGINE_ATTACHMENT } from '../../reporters/attachments.ts';
import { rowProblems, SCENARIOS_ANNOTATION, VISIT_ANNOTATION } from '../../reporters/run-status.ts';

const manifest = readManifest() ?? (await import('../../suites/conformance.ts')).suiteManifest();
const unique = (xs: string[]) => [...new Set(xs)];

for (const visit of manifest.visits) {
  const areas = unique(visit.scenarios.map((s) => s.area));
  const ids = visit.scenarios.map((s) => s.id);
  const tags = unique([
    ...areas.map((a) => `@${a}`),
    ...visit.scenarios.flatMap((s) => s.claims.map((c) => `@${c}`)),
    ...visit.scenarios.flatMap((s) => s.deviations.map((e) => `@deviation-${e}`)),
    ...ids.map((id) => `@${id}`),
  ]);
  const citations = unique(visit.scenarios.flatMap((s) => s.spec.map((c) => `${c.section} — ${c.url}`)));
  const annotation = [
    { type: SCENARIOS_ANNOTATION, description: ids.join(' ') },
    { type: VISIT_ANNOTATION, description: visit.key },
    ...citations.map((description) => ({ type: 'spec', description })),
  ];
  const title = `visit ${visit.key} (${visit.at}): ${ids.length === 1 ? ids[0] : `${ids.length} scenarios, ${ids[0]} …`}`;

  // The terminal line stays short when a visit spans many areas (each area is still a tag for --grep).
  test.describe(areas.length > 2 ? `${areas[0]} + ${areas.length - 1} more areas` : areas.join(' + '), () => {
    test(title, { tag: tags, annotation }, async ({ service }, testInfo) => {
      testInfo.setTimeout(Math.max(testInfo.timeout, visit.testTimeoutMs));
      const { rows, engine } = await service.visitRows(visit.key);
      await testInfo.attach(ENGINE_ATTACHMENT, { body: JSON.stringify(engine), contentType: 'application/json' });
      // Each row's step points at this test: without a location Playwright captures and
      // source-maps a stack per step, most of its workers' CPU in a full run.
      const location = { file: testInfo.file, line: testInfo.line, column: testInfo.column };
      for (const row of rows) {
        // A known deviation holds (its reason is shown); a deviation that no longer happens
        // ('fixed-deviation') fails like any other difference from the standard.
        if (row.verdict === 'known-deviation') testInfo.annotations.push({ type: 'known deviation', description: `${row.id}: ${row.reason}` });
        if (row.verdict === 'fixed-deviation') testInfo.annotations.push({ type: 'fixed-deviation', description: `${row.id}: ${row.reason}` });
        await test.step(
          `${row.id}: ${row.verdict}`,
          async (step) => {
            // The row travels as its step's attachment (testInfo.attach would add a step of its own per row).
            await step.attach(ROW_ATTACHMENT, { body: JSON.stringify(row), contentType: 'application/json' });
            // A row that holds needs no assertion of its own (an expect also captures a stack); one that does not fails here.
            if (PASSING.includes(row.verdict)) return;
            expect
              .soft(
                false,
                `${row.id} — ${row.verdict}: ${row.reason}\nexpected: ${JSON.stringify(row.expected.observation)}\nobserved: ${JSON.stringify(row.observed)}\ncontrol: ${JSON.stringify(row.control)}`,
              )
              .toBe(true);
          },
          { location },
        );
      }
      // Exactly one row per planned scenario: a short, empty or repeated answer fails the visit (its rows above are kept).
      expect(rowProblems(ids, rows), `the visit service's rows for visit ${visit.key}`).toEqual([]);
    });
  });
}
