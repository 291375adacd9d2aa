/**
 * Every audit intent, in the order configs' reports list them. Adding an intent: its module in
 * this folder (schema, checks, derivation, probe kinds with judging words and explanation), and
 * its line here.
 */
import type { IntentModule, ProbeKind } from '../probe.ts';
import { reads } from './reads.ts';
import { isolated } from './isolated.ts';
import { sameSiteOnly } from './same-site-only.ts';
import { notFramed } from './not-framed.ts';
import { isolatedByDip } from './isolated-by-dip.ts';
import { websockets } from './websockets.ts';
import { credentiallessEmbeds } from './credentialless-embeds.ts';

export const INTENTS = [reads, isolated, sameSiteOnly, notFramed, isolatedByDip, websockets, credentiallessEmbeds] as const;

const modules: readonly IntentModule[] = INTENTS as unknown as IntentModule[];

/** The module of an intent id (`reads-0`), or undefined. */
export function intentModuleOf(intentId: string): IntentModule | undefined {
  const prefix = intentId.replace(/-\d+$/, '');
  return modules.find((m) => m.idPrefix === prefix);
}

/** An intent id's place in a report: the registry's order, then the config's index. */
export function intentRank(intentId: string): number {
  const m = intentModuleOf(intentId);
  return (m ? modules.indexOf(m) : modules.length) * 1e6 + Number(/-(\d+)$/.exec(intentId)?.[1] ?? 0);
}

/** The probe kind of a probe of `intentId`: its judging words and explanation. */
export function probeKindOf(intentId: string, kind: string): ProbeKind {
  const k = intentModuleOf(intentId)?.kinds[kind];
  if (!k) throw new Error(`originproof: no intent module declares the probe kind "${kind}" (intent ${intentId})`);
  return k;
}
