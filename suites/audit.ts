/**
 * `npm run audit` as a Playwright suite: the config named by ORIGINPROOF_AUDIT_CONFIG, its probes
 * planned into visits exactly as the catalog's are, run by the visit service (harness/service/,
 * which loads this module as its suite: this is the audit's composition root) and declared as
 * tests from a manifest, like the conformance suite (suites/conformance.ts).
 */
import fs from 'node:fs';
import { buildVisitPlan, planVisits, visitTimeoutMs } from '../harness/plan/planner.ts';
import type { ServiceSuite } from '../harness/service/suite.ts';
import { localEngines } from '../engines/local.ts';
import { loadAuditConfig } from '../audit/config.ts';
import { deriveAudit, type AuditIntent, type AuditPlan, type AuditProbe } from '../audit/derive.ts';

export const AUDIT_CONFIG_ENV = 'ORIGINPROOF_AUDIT_CONFIG';
export const AUDIT_MANIFEST_ENV = 'ORIGINPROOF_AUDIT_MANIFEST';

let cached: Promise<AuditPlan> | undefined;

/** The plan of the config the environment names (derived once per process; registers its origins). */
export function auditPlanFromEnv(): Promise<AuditPlan> {
  const file = process.env[AUDIT_CONFIG_ENV];
  if (!file) throw new Error(`originproof: ${AUDIT_CONFIG_ENV} names no config; run \`npm run audit -- --config originproof.config.ts\``);
  cached ??= loadAuditConfig(file).then(deriveAudit);
  return cached;
}

/**
 * What the visit service runs for an audit (harness/service/main.ts loads it by ORIGINPROOF_SUITE_MODULE):
 * the config's probes on the local engines, each network forwarding the config's origins to the user's servers.
 */
export async function serviceSuite(): Promise<ServiceSuite> {
  const plan = await auditPlanFromEnv();
  return { visits: planVisits(plan.scenarios), ...localEngines({ upstreams: plan.upstreams, upstreamTimeoutMs: plan.config.upstreamTimeoutMs }) };
}

export interface AuditManifestVisit {
  key: string;
  at: string;
  testTimeoutMs: number;
  probes: AuditProbe[];
}

export interface AuditManifest {
  config: string;
  intents: AuditIntent[];
  visits: AuditManifestVisit[];
}

export function auditManifest(plan: AuditPlan): AuditManifest {
  return {
    config: plan.config.file,
    intents: plan.intents,
    visits: planVisits(plan.scenarios).map((v) => ({
      key: v.key,
      at: v.page.at,
      testTimeoutMs: 2 * visitTimeoutMs(buildVisitPlan(v, 'bound')) + 60_000,
      probes: v.scenarios.map((s) => plan.probes.get(s.id)!),
    })),
  };
}

export function writeAuditManifest(file: string, plan: AuditPlan): void {
  fs.writeFileSync(file, JSON.stringify(auditManifest(plan)));
}

/** The manifest the global setup wrote, or undefined in a process it has not run for (test listing). */
export function readAuditManifest(): AuditManifest | undefined {
  const file = process.env[AUDIT_MANIFEST_ENV];
  return file ? (JSON.parse(fs.readFileSync(file, 'utf8')) as AuditManifest) : undefined;
}
