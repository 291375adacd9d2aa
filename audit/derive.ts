/**
 * Intents → probes. Each intent in the user's words becomes ordinary scenarios of the catalog's
 * probe kinds, planned and run like any other: the allowed requesters expect what the intent
 * grants, the attackers (audit/attackers.ts) expect nothing, and every expectation of "nothing"
 * carries a control in the same visit — the same request, from the same context, to a response on
 * the same origin that permits it — so a broken probe is never read as a held intent. What each
 * intent derives is its module's (audit/intents/); this walks the registry in its order.
 */
import { registerExtraOrigins, type OriginName } from '../protocol/origins.ts';
import { validateScenarios, type Scenario, type ScenarioInput } from '../harness/scenario/scenario.ts';
import { INTENTS } from './intents/index.ts';
import { onDeclared, type AuditIntent, type AuditProbe, type Builder, type DeriveContext, type IntentModule } from './probe.ts';
import type { AuditConfig } from './config.ts';

export type { AuditIntent, AuditProbe } from './probe.ts';

export interface AuditPlan {
  config: AuditConfig;
  scenarios: Scenario[];
  probes: Map<string, AuditProbe>;
  intents: AuditIntent[];
  /** Extra origin → the user's server behind it. */
  upstreams: Map<OriginName, string>;
}

/**
 * Every probe title unique in the plan (they are test titles): a config may state the same
 * endpoint, page or embed in two intents, or twice in one. A repeated title names its intent,
 * and a number when the intent repeats it too.
 */
function uniqueTitles(probes: Map<string, AuditProbe>): void {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (const p of probes.values()) counts.set(p.title, (counts.get(p.title) ?? 0) + 1);
  for (const p of probes.values()) {
    let title = (counts.get(p.title) ?? 0) > 1 ? `${p.title} (${p.intentId})` : p.title;
    for (let n = 2; seen.has(title); n++) title = `${p.title} (${p.intentId} #${n})`;
    seen.add(title);
    p.title = title;
  }
}

/** The probes of a validated config. Registers every origin they use (declared and derived) in this process. */
export function deriveAudit(config: AuditConfig): AuditPlan {
  const declared = new Map(config.origins.map((o) => [o.name as string, o]));
  registerExtraOrigins(config.origins.map((o) => ({ origin: o.name, role: o.entry.role })));
  const scenarios: ScenarioInput[] = [];
  const probes = new Map<string, AuditProbe>();
  const intents: AuditIntent[] = [];
  const registers: string[] = [];
  const ctx: DeriveContext = { declared, at: (text) => onDeclared(text, declared) as Exclude<ReturnType<typeof onDeclared>, string> };
  for (const m of INTENTS as unknown as IntentModule[]) {
    const entries = ((config as unknown as Record<string, unknown>)[m.key] as unknown[] | undefined) ?? [];
    entries.forEach((entry, i) => {
      const intent: AuditIntent = { id: `${m.idPrefix}-${i}`, title: m.title(entry), probes: [] };
      intents.push(intent);
      const b: Builder = { scenarios, probes, intent, registers };
      m.derive(b, entry, ctx);
    });
  }
  uniqueTitles(probes);
  registerExtraOrigins([...new Set(registers)].map((origin) => ({ origin, role: 'attacker (derived by originproof)' })));
  const upstreams = new Map<OriginName, string>();
  for (const o of config.origins) if (o.upstream) upstreams.set(o.name, o.upstream);
  return { config, scenarios: validateScenarios(config.file, scenarios), probes, intents, upstreams };
}
