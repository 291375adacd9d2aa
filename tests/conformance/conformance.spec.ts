/**
 * One Playwright test per scenario per engine (the engine is the project). The scenarios of one
 * visit form one group (a describe in 'default' mode): they stay together in one worker, while
 * visits spread over all workers and shards, so a sharded run executes each visit once.
 * Tags: the scenario's area (`--grep cors/`), seed claims (`--grep @C50`), and @deviation-<engine>
 * where a deviation is recorded for that engine (shown beside the title in the report's test list).
 *
 * Workers declare the tests from the suite manifest (harness/suite.ts); only the main process,
 * listing the tests before the global setup has run, plans the catalog itself.
 */
import { test, expect } from '../../harness/fixtures.ts';
import { readManifest } from '../../harness/suite-manifest.ts';
import { ROW_ATTACHMENT, ENGINE_ATTACHMENT } from '../../reporters/matrix/collect.ts';

const manifest = readManifest() ?? (await import('../../harness/suite.ts')).suiteManifest();

for (const visit of manifest.visits) {
  test.describe(`visit ${visit.key} (${visit.at})`, () => {
    test.describe.configure({ mode: 'default' });
    for (const s of visit.scenarios) {
      const tags = [`@${s.area}`, ...s.claims.map((c) => `@${c}`), ...s.deviations.map((e) => `@deviation-${e}`)];
      const annotation = s.spec.map((c) => ({ type: 'spec', description: `${c.section} — ${c.url}` }));
      test(s.id, { tag: tags, annotation }, async ({ service }, testInfo) => {
        testInfo.setTimeout(Math.max(testInfo.timeout, visit.testTimeoutMs));
        const { row, engine } = await service.row(s.id);
        await testInfo.attach(ROW_ATTACHMENT, { body: JSON.stringify(row), contentType: 'application/json' });
        await testInfo.attach(ENGINE_ATTACHMENT, { body: JSON.stringify(engine), contentType: 'application/json' });
        testInfo.annotations.push({ type: 'verdict', description: `${row.verdict}: ${row.reason}` });
        if (row.model) testInfo.annotations.push({ type: 'fetch model', description: row.model.trace.join(' → ') });
        // A known deviation is an expected failure: the test asserts the standard and fails, and
        // Playwright counts it as expected, not as a pass, showing the reason ('fail' annotation)
        // and the difference; a deviation that no longer happens fails like any other difference.
        if (row.verdict === 'known-deviation') test.fail(true, `known deviation: ${row.reason}`);
        if (row.verdict === 'fixed-deviation') testInfo.annotations.push({ type: 'fixed-deviation', description: row.reason });
        expect(
          row.verdict,
          `${row.verdict}: ${row.reason}\nexpected: ${JSON.stringify(row.expected.observation)}\nobserved: ${JSON.stringify(row.observed)}\ncontrol: ${JSON.stringify(row.control)}`,
        ).toBe('pass');
      });
    }
  });
}
