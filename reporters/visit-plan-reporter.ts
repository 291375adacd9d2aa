/**
 * Tells the visit service which visits this run (after --grep, --project and --shard) will ask
 * for, in Playwright's order, and how many may run at once: the service then starts them ahead of
 * the requests, interleaved across engines (harness/service/visit-scheduler.ts). Only an
 * optimisation: when no plan arrives, each visit starts when a test asks for it.
 */
import http from 'node:http';
import type { Reporter, FullConfig, Suite } from '@playwright/test/reporter';
import { SERVICE_ENV } from '../harness/service/client.ts';
import { VISIT_ANNOTATION } from './run-status.ts';
import type { PlannedRun } from '../harness/service/visit-scheduler.ts';

export default class VisitPlanReporter implements Reporter {
  onBegin(config: FullConfig, suite: Suite) {
    const url = process.env[SERVICE_ENV];
    if (!url) return;
    const visits = suite.allTests().flatMap((test) => {
      const key = test.annotations.find((a) => a.type === VISIT_ANNOTATION)?.description;
      const engine = test.parent.project()?.name;
      return key && engine ? [{ engine, key }] : [];
    });
    if (!visits.length) return;
    // Three visits more than workers: a visit spends part of its time waiting (a WebKit session's
    // MiniBrowser starting, a page loading, a report on the browser's schedule, a blocked frame
    // that never answers, popups opened two at a time), and the extra ones keep the cores busy meanwhile.
    // (Slots measured in docs/performance.md, "Scheduling".)
    const slots = Number(process.env.ORIGINPROOF_VISIT_SLOTS) || config.workers + 3;
    const plan: PlannedRun = { slots, visits };
    const req = http.request(`${url}/plan`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      if (res.statusCode !== 200) console.warn(`originproof: the visit service refused the run's plan (status ${res.statusCode}); visits start when asked for`);
    });
    req.on('error', (e) => console.warn(`originproof: could not send the run's plan to the visit service (${e.message}); visits start when asked for`));
    req.end(JSON.stringify(plan));
  }

  printsToStdio() {
    return false;
  }
}
