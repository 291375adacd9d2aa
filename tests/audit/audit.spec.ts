/**
 * `npm run audit`: one Playwright test per derived probe per engine (the engine is the project),
 * grouped by visit like the conformance suite. A test passes when the intent holds there; it fails
 * with the explanation — what the engine did, what the server sent, which step of the standard
 * decides — when the intent is broken, and also when the probe proves nothing (inconclusive) or
 * the server did not answer (error): neither is ever a pass. Tags: the intent (`--grep @reads-0`)
 * and the probe kind.
 */
import { test, expect } from '../../harness/playwright/fixtures.ts';
import { ROW_ATTACHMENT, ENGINE_ATTACHMENT } from '../../reporters/attachments.ts';
import { AUDIT_ATTACHMENT } from '../../reporters/audit-reporter.ts';
import { judgeAudit } from '../../audit/judge.ts';
import { auditManifest, auditPlanFromEnv, readAuditManifest } from '../../suites/audit.ts';

const manifest = readAuditManifest() ?? auditManifest(await auditPlanFromEnv());
const intents = new Map(manifest.intents.map((i) => [i.id, i]));

for (const visit of manifest.visits) {
  test.describe(`visit ${visit.key} (${visit.at})`, () => {
    test.describe.configure({ mode: 'default' });
    for (const probe of visit.probes) {
      const intent = intents.get(probe.intentId)!;
      const annotation = [{ type: 'intent', description: intent.title }];
      test(probe.title, { tag: [`@${probe.intentId}`, `@${probe.kind}`], annotation }, async ({ service }, testInfo) => {
        testInfo.setTimeout(Math.max(testInfo.timeout, visit.testTimeoutMs));
        const { row, engine } = await service.row(probe.id);
        const outcome = judgeAudit(probe, row);
        await testInfo.attach(ROW_ATTACHMENT, { body: JSON.stringify(outcome.row), contentType: 'application/json' });
        await testInfo.attach(ENGINE_ATTACHMENT, { body: JSON.stringify(engine), contentType: 'application/json' });
        await testInfo.attach(AUDIT_ATTACHMENT, {
          body: JSON.stringify({ ...outcome, row: undefined, intentTitle: intent.title }),
          contentType: 'application/json',
        });
        testInfo.annotations.push({ type: 'verdict', description: `${outcome.verdict}: ${outcome.message}` });
        expect(outcome.verdict, outcome.message).toBe('holds');
      });
    }
  });
}
