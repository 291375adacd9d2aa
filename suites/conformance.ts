/**
 * The conformance suite's composition root: the catalog planned into shared page visits, run by
 * the visit service on the local engines over fixture networks (serviceSuite(); the library,
 * harness/service/, knows none of the three), and the manifest workers declare tests from.
 * Visits are computed the same way (deterministically) by the visit service and by Playwright's
 * main process, so a visit key means the same visit everywhere.
 *
 * Workers never load the catalog: Playwright loads the test file again in every worker it
 * starts (and it starts a new one after every failed test), and importing and validating the
 * catalog costs seconds. The global setup writes the suite *manifest* (ids, tags, citations and
 * bounds: what declaring the tests needs) to a file; workers read that JSON instead, and the
 * visit service, which loaded the catalog once, executes and judges.
 *
 * The parsing area (header parsing at scale) is planned only when the run asks for it (parsingRequested()):
 * its visits join the service's, and the manifest lists them apart, one entry per visit.
 */
import fs from 'node:fs';
import { loadCatalog } from '../scenarios/index.ts';
import { loadParsingCatalog, parsingRequested, planParsingVisits } from '../scenarios/parsing/index.ts';
import { buildVisitPlan, planVisits, visitTimeoutMs, type PlannedVisit } from '../harness/plan/planner.ts';
import type { Scenario } from '../harness/scenario/scenario.ts';
import { chainMembers, chainVisits } from '../harness/plan/chains.ts';
import type { ServiceSuite } from '../harness/service/suite.ts';
import type { SuiteManifest } from '../harness/playwright/suite-manifest.ts';
import { localEngines } from '../engines/local.ts';

let cached: PlannedVisit[] | undefined;
let withParsing: PlannedVisit[] | undefined;

export function suiteVisits(): PlannedVisit[] {
  cached ??= chainVisits(planVisits(loadCatalog()));
  return cached;
}

/** The parsing area's visits when this run asks for it, else none. */
export function parsingVisits(): PlannedVisit[] {
  return runVisits().slice(suiteVisits().length);
}

/**
 * Every visit this run can execute: the suite's, and the parsing area's when the run asks for it.
 * The visit service knows both; each spec file declares tests for its own part.
 */
export function runVisits(): PlannedVisit[] {
  withParsing ??= [...suiteVisits(), ...(parsingRequested() ? planParsingVisits(loadParsingCatalog()) : [])];
  return withParsing;
}

/** Every scenario the run can execute, by id (reports look up the ones left without a row). */
export function runScenarios(): Map<string, Scenario> {
  return new Map(runVisits().flatMap((v) => v.scenarios.map((s) => [s.id, s] as const)));
}

/** What the visit service runs for the conformance suite (harness/service/main.ts loads this module): every visit of this run, on the local engines. */
export function serviceSuite(): ServiceSuite {
  return { visits: runVisits(), ...localEngines() };
}

const testTimeoutMs = (v: PlannedVisit) => 2 * visitTimeoutMs(buildVisitPlan(v, 'bound')) + 60_000;

export function suiteManifest(visits = suiteVisits(), parsing = parsingVisits()): SuiteManifest {
  // A chained visit's test may wait for every page of its chain: each one's bound, summed.
  const chains = chainMembers(visits);
  const boundMs = (v: PlannedVisit) => (v.chain ? chains.get(v.chain)!.reduce((sum, m) => sum + testTimeoutMs(m), 0) : testTimeoutMs(v));
  return {
    visits: visits.map((v) => ({
      key: v.key,
      at: v.page.at,
      testTimeoutMs: boundMs(v),
      scenarios: v.scenarios.map((s) => ({
        id: s.id,
        area: s.area,
        claims: s.claims ?? [],
        spec: s.spec.map((c) => ({ url: c.url, section: c.section })),
        deviations: Object.keys(s.deviations ?? {}),
      })),
    })),
    parsing: parsing.map((v) => ({ key: v.key, area: v.scenarios[0].area, testTimeoutMs: testTimeoutMs(v), ids: v.scenarios.map((s) => s.id) })),
  };
}

export function writeManifest(file: string): void {
  fs.writeFileSync(file, JSON.stringify(suiteManifest()));
}
