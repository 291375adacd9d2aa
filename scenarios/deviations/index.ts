/**
 * Every recorded engine deviation, one registry per engine family (registry.ts describes the
 * forms). Catalog loading applies the observed entries to the scenarios they name; the CORS and
 * parsing builders read the model variants and header readings from here.
 */
import type { EngineFamily } from '../../engines/engine.ts';
import type { EngineRule } from '../parsing/build.ts';
import { chromium } from './chromium.ts';
import { firefox } from './firefox.ts';
import { webkit } from './webkit.ts';
import type { EngineDeviations, FetchModelDeviation, ObservedDeviation } from './registry.ts';

export type { EngineDeviations, FetchModelDeviation, ObservedDeviation, ParsingReading, Why } from './registry.ts';

export const DEVIATIONS: Record<EngineFamily, EngineDeviations> = { chromium, firefox, webkit };
const FAMILIES = Object.keys(DEVIATIONS) as EngineFamily[];

/** The Fetch model variants each engine follows (the CORS catalog, the audit's explanations). */
export const ENGINE_VARIANTS: Partial<Record<string, FetchModelDeviation[]>> = Object.fromEntries(
  FAMILIES.map((e) => [e, DEVIATIONS[e].fetchModel]).filter(([, v]) => v.length),
);

/** How each engine reads header bytes where it differs from the parsing model. */
export const PARSING_RULES: EngineRule[] = FAMILIES.flatMap((engine) => DEVIATIONS[engine].parsing.map((r) => ({ engine, ...r })));

/** A deviation as a scenario carries it (merged into the expectation when judged). */
export interface AppliedDeviation {
  observed: Record<string, unknown>;
  evidence?: Record<string, Record<string, unknown>>;
  reason: string;
  link: string;
}

const names = (d: ObservedDeviation, id: string) => (d.scenarios instanceof RegExp ? d.scenarios.test(id) : d.scenarios.includes(id));

/** The observed entries naming this scenario, per engine; two entries of one engine for one scenario are an error. */
export function recordedDeviations(id: string, registry = DEVIATIONS): Partial<Record<EngineFamily, AppliedDeviation>> | undefined {
  const out: Partial<Record<EngineFamily, AppliedDeviation>> = {};
  for (const engine of FAMILIES) {
    const found = registry[engine].observed.filter((d) => names(d, id));
    if (found.length > 1) throw new Error(`originproof deviations: ${engine} records ${found.length} deviations for scenario "${id}"; keep one`);
    const [d] = found;
    if (d) out[engine] = { observed: d.observed, ...(d.evidence ? { evidence: d.evidence } : {}), reason: d.reason, link: d.link };
  }
  return Object.keys(out).length ? out : undefined;
}

/** Whether an engine's registry records an observed deviation for this scenario (such scenarios carry a control). */
export function hasRecordedDeviation(id: string): boolean {
  return recordedDeviations(id) !== undefined;
}

/** The scenarios with their recorded deviations attached; a scenario whose builder already computed one for that engine is an error. */
export function withRecordedDeviations<T extends { id: string }>(list: T[], registry = DEVIATIONS): T[] {
  return list.map((s) => {
    const recorded = recordedDeviations(s.id, registry);
    if (!recorded) return s;
    const own = (s as { deviations?: Record<string, unknown> }).deviations ?? {};
    const twice = Object.keys(recorded).filter((e) => e in own);
    if (twice.length) throw new Error(`originproof deviations: scenario "${s.id}" has a ${twice.join(', ')} deviation from its model and one recorded by id`);
    return { ...s, deviations: { ...own, ...recorded } };
  });
}

/**
 * Entries that no longer say anything, over the scenarios as built (both catalogs): an observed
 * entry naming no scenario (a renamed or removed one) or a pattern matching none; a Fetch model
 * variant or a header reading whose reason no scenario's deviation carries (it changes nothing).
 */
export function staleDeviationEntries(
  scenarios: Array<{ id: string; deviations?: Partial<Record<string, { reason: string }>> }>,
  registry = DEVIATIONS,
): string[] {
  const ids = new Set(scenarios.map((s) => s.id));
  const stale: string[] = [];
  for (const engine of FAMILIES) {
    const reasons = scenarios.flatMap((s) => s.deviations?.[engine]?.reason ?? []);
    const used = (reason: string) => reasons.some((r) => r.includes(reason));
    for (const d of registry[engine].observed) {
      if (d.scenarios instanceof RegExp) {
        const pattern = d.scenarios;
        if (![...ids].some((id) => pattern.test(id))) stale.push(`${engine}: ${pattern} matches no scenario`);
      } else for (const id of d.scenarios) if (!ids.has(id)) stale.push(`${engine}: deviation for unknown scenario "${id}"`);
    }
    for (const v of DEVIATIONS[engine].fetchModel)
      if (!used(v.reason)) stale.push(`${engine}: Fetch model variant ${JSON.stringify(v.variant)} changes no scenario`);
    for (const r of registry[engine].parsing) if (!used(`[${r.slug}] ${r.reason}`)) stale.push(`${engine}: header reading ${r.slug} changes no scenario`);
  }
  return stale;
}
