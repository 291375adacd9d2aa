/**
 * The conformance suite's visits: the catalog planned into shared page visits. Computed the
 * same way (deterministically) by the visit service and by Playwright's main process, so a
 * visit key means the same visit everywhere.
 *
 * Workers never load the catalog: Playwright loads the test file again in every worker it
 * starts (and it starts a new one after every failed test), and importing and validating the
 * catalog costs seconds. The global setup writes the suite *manifest* (ids, tags, citations and
 * bounds: what declaring the tests needs) to a file; workers read that JSON instead, and the
 * visit service, which loaded the catalog once, executes and judges.
 */
import fs from 'node:fs';
import { loadCatalog } from '../scenarios/index.ts';
import { buildVisitPlan, planVisits, visitTimeoutMs, type PlannedVisit } from './planner.ts';

let cached: PlannedVisit[] | undefined;

export function suiteVisits(): PlannedVisit[] {
  cached ??= planVisits(loadCatalog());
  return cached;
}

/** What the visit service runs for the conformance suite (see harness/service/main.ts). */
export function serviceSuite(): { visits: PlannedVisit[] } {
  return { visits: suiteVisits() };
}

export interface ManifestScenario {
  id: string;
  area: string;
  claims: string[];
  spec: Array<{ url: string; section: string }>;
  /** Engines with a recorded deviation (tagged @deviation-<engine> in the report). */
  deviations: string[];
}

export interface ManifestVisit {
  key: string;
  at: string;
  /** How long a test of this visit may wait for its row: the whole visit's bound, twice, plus the engine's start. */
  testTimeoutMs: number;
  scenarios: ManifestScenario[];
}

export function suiteManifest(visits = suiteVisits()): ManifestVisit[] {
  return visits.map((v) => ({
    key: v.key,
    at: v.page.at,
    testTimeoutMs: 2 * visitTimeoutMs(buildVisitPlan(v, 'bound')) + 60_000,
    scenarios: v.scenarios.map((s) => ({
      id: s.id,
      area: s.area,
      claims: s.claims ?? [],
      spec: s.spec.map((c) => ({ url: c.url, section: c.section })),
      deviations: Object.keys(s.deviations ?? {}),
    })),
  }));
}

export function writeManifest(file: string): void {
  fs.writeFileSync(file, JSON.stringify(suiteManifest()));
}
