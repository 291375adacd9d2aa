/**
 * Chains of small stateless visits: a browser context is the costly part of a visit that holds
 * one or two scenarios (a WebDriver session in WebKitGTK: a browser, a network and a web process),
 * and about thirty visits of the catalog are such pages: a top-level document with headers of its
 * own (a COOP × COEP pair, an Origin-Agent-Cluster frame) and a probe that reads what the page
 * became. A chain runs them one after another in one context: each page, once it has reported,
 * opens the next as a new top-level window without an opener (a browsing context group of its
 * own, so no agent cluster or document.domain outlives a page) and closes itself.
 *
 * What the pages of a chain do share is the context's state (cookies, storage, cache), so only
 * visits that cannot write or read any join one: no cookies or grants on the page, no Set-Cookie
 * in any declared response, and probes only of kinds that open documents and read them (frames,
 * popups, the page itself), never storage, cookies, workers or permissions.
 */
import { walk, type Scenario } from '../scenario/scenario.ts';
import type { PlannedVisit } from './planner.ts';

/** Probe kinds (sequence steps included) that touch no cookie, storage, cache entry, worker or permission, and need no click. */
export const STATELESS_KINDS: ReadonlySet<string> = new Set(['isolation', 'gated', 'document-domain', 'window-access', 'sequence', 'popup', 'frame-view']);
/** A visit of more scenarios than this is worth its own context. */
export const CHAIN_MEMBER_MAX = 3;
/** Pages a chain runs one after another (a longer chain holds its last page's test longer). */
export const CHAIN_LENGTH = 8;

/** Every probe kind a scenario runs: its probe, its sequence steps and its control's patch. */
function kindsOf(s: Scenario): string[] {
  const kinds: string[] = [];
  walk([s.probe, s.control?.patch?.probe ?? {}], [], (obj) => {
    if (typeof obj.kind === 'string') kinds.push(obj.kind);
  });
  return kinds;
}

function declaresCookie(s: Scenario): boolean {
  return /"set-cookie"/i.test(JSON.stringify([s.responses ?? {}, s.page?.headers ?? [], s.control?.patch?.responses ?? {}]));
}

/** Whether a visit may share its context with the other pages of a chain (see the module's comment). */
export function chainable(v: PlannedVisit): boolean {
  if (v.scenarios.length > CHAIN_MEMBER_MAX || v.concurrency || v.page.cookies.length || v.page.grants?.length) return false;
  return v.scenarios.every((s) => !s.waits && !s.oneAtATime && !declaresCookie(s) && !s.setup && kindsOf(s).every((k) => STATELESS_KINDS.has(k)));
}

/** The same visits, the chainable ones (in plan order, CHAIN_LENGTH at a time) marked with their chain's key. */
export function chainVisits(visits: PlannedVisit[]): PlannedVisit[] {
  const members = visits.filter(chainable);
  const chainOf = new Map<string, string>();
  for (let i = 0; i + 1 < members.length; i += CHAIN_LENGTH) {
    const chain = members.slice(i, i + CHAIN_LENGTH);
    if (chain.length < 2) break;
    for (const m of chain) chainOf.set(m.key, `chain-${chain[0].key}`);
  }
  return visits.map((v) => (chainOf.has(v.key) ? { ...v, chain: chainOf.get(v.key) } : v));
}

/** The members of each chain, in the order they run. */
export function chainMembers(visits: PlannedVisit[]): Map<string, PlannedVisit[]> {
  const chains = new Map<string, PlannedVisit[]>();
  for (const v of visits) if (v.chain) chains.set(v.chain, [...(chains.get(v.chain) ?? []), v]);
  return chains;
}
