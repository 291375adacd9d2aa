/**
 * One Playwright test per scenario per engine (the engine is the project). Scenarios that
 * share a page share one browser visit; each test reads its own row from it.
 */
import { test, expect } from '../../harness/fixtures.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { PASSING } from '../../harness/verdict.ts';
import { ROW_ATTACHMENT, ENGINE_ATTACHMENT } from '../../reporters/matrix/collect.ts';

const catalog = loadCatalog();
const areas = [...new Set(catalog.map((s) => s.area))];

for (const area of areas) {
  test.describe(area, () => {
    for (const s of catalog.filter((x) => x.area === area)) {
      const tags = (s.claims ?? []).map((c) => `@${c}`);
      test(
        `${s.id}`,
        { tag: tags, annotation: s.spec.map((c) => ({ type: 'spec', description: `${c.section} — ${c.url}` })) },
        async ({ runner, engine }, testInfo) => {
          testInfo.setTimeout(Math.max(testInfo.timeout, runner.testTimeoutMs(s)));
          const row = await runner.run(s);
          await testInfo.attach(ROW_ATTACHMENT, { body: JSON.stringify(row), contentType: 'application/json' });
          await testInfo.attach(ENGINE_ATTACHMENT, { body: JSON.stringify(engine.info), contentType: 'application/json' });
          testInfo.annotations.push({ type: 'verdict', description: `${row.verdict}: ${row.reason}` });
          if (row.verdict === 'known-deviation') testInfo.annotations.push({ type: 'known-deviation', description: row.reason });
          if (row.verdict === 'fixed-deviation') testInfo.annotations.push({ type: 'fixed-deviation', description: row.reason });
          expect(
            PASSING.includes(row.verdict),
            `${row.verdict}: ${row.reason}\nexpected: ${JSON.stringify(row.expected.observation)}\nobserved: ${JSON.stringify(row.observed)}\ncontrol: ${JSON.stringify(row.control)}`,
          ).toBe(true);
        },
      );
    }
  });
}
