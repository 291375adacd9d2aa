/**
 * Every probe kind, registered once: each is a folder (probes/<kind>/: contract and outcome word
 * in index.ts, the browser-side runtime in runtime.js). A step kind registers in steps.ts; a kind
 * that drives its own contexts registers here.
 */
import localScheme from './local-scheme/index.ts';
import partition from './partition/index.ts';
import sequence from './sequence/index.ts';
import storageAccess from './storage-access/index.ts';
import websocket from './websocket/index.ts';
import { STEP_KINDS } from './steps.ts';
import type { z } from 'zod';
import type { OutcomeWord } from './outcome-words.ts';

export const PROBES = { ...STEP_KINDS, sequence, partition, 'local-scheme': localScheme, 'storage-access': storageAccess, websocket } as const;

export type ProbeKind = keyof typeof PROBES;
export const PROBE_KINDS = Object.keys(PROBES) as ProbeKind[];
/** Parameters as a scenario writes them. */
export type ProbeParams<K extends ProbeKind> = z.input<(typeof PROBES)[K]['params']>;
/** The full observation a probe of kind K can report. */
export type ProbeObservation<K extends ProbeKind> = z.infer<(typeof PROBES)[K]['observation']>;

/** Every probe kind's outcome word, typed by ProbeKind. */
export const OUTCOME_WORDS: Record<ProbeKind, OutcomeWord> = Object.fromEntries(PROBE_KINDS.map((k) => [k, PROBES[k].outcome])) as Record<
  ProbeKind,
  OutcomeWord
>;

/** Whether a (partial) observation of a probe records a block or an absence (see Contract.blocks). */
export function recordsBlock(kind: string, observation: Record<string, unknown>, params?: unknown): boolean {
  const c = PROBES[kind as ProbeKind];
  if (!c) return false;
  if (c.blocks(observation)) return true;
  if (kind === 'sequence') {
    const steps = (params as { steps?: Array<{ kind: string; params: unknown }> } | undefined)?.steps ?? [];
    const observed = (observation.steps ?? []) as Array<Record<string, unknown>>;
    return observed.some((o, i) => o && typeof o === 'object' && steps[i] && recordsBlock(steps[i].kind, o, steps[i].params));
  }
  return false;
}
