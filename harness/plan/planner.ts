/**
 * From scenarios to visits: scenarios that share a page (origin, headers, cookies) share one
 * browser visit, in chunks, so hundreds of scenarios cost a handful of page loads while each
 * stays its own Playwright test. A control runs in the same visit as its scenario.
 */
import { isOriginName, originUrl, type OriginName } from '../../protocol/origins.ts';
import type { DeclaredResponse } from '../../protocol/declared-response.ts';
import type { PageGrant, PlannedProbe, VisitPlan, ResolvedContext } from '../../protocol/visit.ts';
import { arrivalKey, mailboxKey, opPath, responseUrl, upstreamUrl } from '../../protocol/paths.ts';
import { isUpstreamPath } from '../../probes/contract.ts';
import { deepMerge } from '../scenario/match.ts';
import { walk, type Scenario } from '../scenario/scenario.ts';

export const DEFAULT_PAGE_ORIGIN: OriginName = 'site';
// An upper bound, not a wait: probes settle on events. Generous because a loaded CI machine is slow.
export const DEFAULT_PROBE_TIMEOUT_MS = 8000;
export const CHUNK_SIZE = 120;
export const CONCURRENCY = 4;
// Popup visits (scenarios marked `serial`) share a visit only with each other and open a few popups
// at a time: every popup is a new top-level window (and renderer), so fewer run at once than frames.
// One-at-a-time visits (`oneAtATime`) are chunked alike and run one probe at a time.
export const SERIAL_CHUNK_SIZE = 16;
export const POPUP_CONCURRENCY = 2;
// Waiting visits (scenarios marked `waits`: a report on the browser's schedule) cost little CPU
// while they wait, so many run at once: a document's waits share one long-poll (core.js), which
// leaves the browser's connections to the page's origin free for the reports themselves.
export const WAIT_CONCURRENCY = 24;

export function controlKey(id: string): string {
  return `${id}~control`;
}

export function pageOf(s: Scenario): {
  at: OriginName;
  headers: Array<[string, string]>;
  cookies: Array<{ at: OriginName; setCookie: string }>;
  grants?: PageGrant[];
} {
  return {
    at: (s.page?.at ?? DEFAULT_PAGE_ORIGIN) as OriginName,
    headers: (s.page?.headers ?? []) as Array<[string, string]>,
    cookies: (s.page?.cookies ?? []) as Array<{ at: OriginName; setCookie: string }>,
    // Absent unless granted, so the visit keys (and the golden visit plan) of every other page stay as they were.
    ...(s.page?.grants ? { grants: s.page.grants as PageGrant[] } : {}),
  };
}

export interface PlannedVisit {
  /** Stable across runs and shards: derived from the page and the chunk index. */
  key: string;
  page: ReturnType<typeof pageOf>;
  scenarios: Scenario[];
  /** Probes in flight, when a catalog asks for other than CONCURRENCY (the parsing area: cheap fetches). */
  concurrency?: number;
  /** The chain (chains.ts) whose browser context this visit's page shares with the pages before it. */
  chain?: string;
}

/** Deterministic: the same catalog always yields the same visits, in every worker and shard. */
export function planVisits(scenarios: Scenario[], chunkSize = CHUNK_SIZE, concurrency?: number): PlannedVisit[] {
  const groups = new Map<string, Scenario[]>();
  for (const s of scenarios) {
    const page = JSON.stringify(pageOf(s));
    const key = s.solo ? `solo:${s.id}` : s.oneAtATime ? `one:${page}` : s.serial ? `serial:${page}` : s.waits ? `waits:${page}` : page;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const visits: PlannedVisit[] = [];
  let g = 0;
  for (const [key, list] of groups) {
    const size = key.startsWith('serial:') || key.startsWith('one:') ? Math.min(chunkSize, SERIAL_CHUNK_SIZE) : chunkSize;
    for (let i = 0; i < list.length; i += size) {
      visits.push({ key: `g${g}c${i / size}`, page: pageOf(list[0]), scenarios: list.slice(i, i + size), ...(concurrency ? { concurrency } : {}) });
    }
    g++;
  }
  return visits;
}

/** Adds `url` and `origin` to every target reference ({at, response}) inside a value. */
export function resolveTargets<T>(value: T, probeKey: string, visitId: string): T {
  const copy = structuredClone(value);
  walk(copy, [], (obj) => {
    if (typeof obj.at === 'string' && typeof obj.response === 'string' && isOriginName(obj.at)) {
      const at = obj.at;
      const { explicitPort, mailbox, query } = obj as { explicitPort?: boolean; mailbox?: string; query?: string };
      obj.url = isUpstreamPath(obj.response)
        ? upstreamUrl(at, obj.response, probeKey, visitId)
        : responseUrl(at, probeKey, obj.response, visitId, { explicitPort, mailbox, query, withProbe: true });
      obj.origin = originUrl(at);
      // The mailbox key is handed to the runtime as data, so it never parses the URL layout.
      if (typeof mailbox === 'string') obj.mailKey = mailboxKey(probeKey, mailbox);
      // Where the server announces that this response was requested (see OP.arrived in the runtime).
      obj.arrivalKey = arrivalKey(probeKey, obj.response as string);
    }
  });
  return copy;
}

/** The control's probe and responses: the scenario with its targets moved home, or patched. */
export function controlOf(s: Scenario): { probe: Scenario['probe']; responses: Record<string, DeclaredResponse> } | undefined {
  if (!s.control) return undefined;
  let probe = structuredClone(s.probe);
  let responses = structuredClone((s.responses ?? {}) as Record<string, DeclaredResponse>);
  if (s.control.sameOrigin) {
    const home = pageOf(s).at;
    walk(probe, [], (obj) => {
      if (typeof obj.at === 'string' && isOriginName(obj.at)) obj.at = home;
    });
  }
  if (s.control.patch?.probe) probe = deepMerge(probe, s.control.patch.probe);
  if (s.control.patch?.responses) responses = deepMerge(responses, s.control.patch.responses);
  return { probe, responses };
}

/**
 * The control probe a scenario's row reads in its visit. Scenarios of one visit whose controls are
 * the same probe against the same responses share the first one's: one run of it proves the probe
 * works in that visit for all of them (a COOP visit's severed popups share one kept popup).
 */
const sharedControls = new WeakMap<PlannedVisit, Map<string, string>>();
export function controlKeyIn(visit: PlannedVisit, id: string): string {
  let keys = sharedControls.get(visit);
  if (!keys) {
    keys = new Map();
    const first = new Map<string, string>();
    for (const s of visit.scenarios) {
      const control = controlOf(s);
      if (!control) continue;
      const same = JSON.stringify(control);
      if (!first.has(same)) first.set(same, controlKey(s.id));
      keys.set(s.id, first.get(same)!);
    }
    sharedControls.set(visit, keys);
  }
  return keys.get(id) ?? controlKey(id);
}

function planProbe(key: string, probe: Scenario['probe'], visitId: string): PlannedProbe {
  return {
    key,
    kind: probe.kind,
    params: resolveTargets(probe.params, key, visitId),
    context: resolveTargets((probe.context ?? []) as unknown as ResolvedContext[], key, visitId),
    timeoutMs: probe.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
  };
}

export function buildVisitPlan(visit: PlannedVisit, visitId: string, concurrency = CONCURRENCY): VisitPlan {
  const probes: PlannedProbe[] = [];
  const responses: VisitPlan['responses'] = {};
  for (const s of visit.scenarios) {
    probes.push(planProbe(s.id, s.probe, visitId));
    responses[s.id] = (s.responses ?? {}) as Record<string, DeclaredResponse>;
    const control = controlOf(s);
    if (control && controlKeyIn(visit, s.id) === controlKey(s.id)) {
      probes.push(planProbe(controlKey(s.id), control.probe, visitId));
      responses[controlKey(s.id)] = control.responses;
    }
  }
  const pageUrl = `${originUrl(visit.page.at)}${opPath.visit(visitId)}`;
  return {
    visitId,
    page: { at: visit.page.at, url: pageUrl, headers: visit.page.headers },
    cookies: visit.page.cookies,
    ...(visit.page.grants ? { grants: visit.page.grants } : {}),
    probes,
    responses,
    concurrency: visit.scenarios.some((s) => s.solo || s.oneAtATime)
      ? 1
      : visit.scenarios.some((s) => s.serial)
        ? Math.min(concurrency, POPUP_CONCURRENCY)
        : visit.scenarios.some((s) => s.waits)
          ? WAIT_CONCURRENCY
          : (visit.concurrency ?? concurrency),
  };
}

/** The URL the engine opens: the cookie prelude first when the page declares cookies. */
export function startUrl(plan: VisitPlan): string {
  return plan.cookies.length ? `${originUrl(plan.page.at)}${opPath.start(plan.visitId)}` : plan.page.url;
}

/** Upper bound for a whole visit: probes run `concurrency` at a time, each within its own bound. */
export function visitTimeoutMs(plan: VisitPlan): number {
  const rounds = Math.ceil(plan.probes.length / Math.max(1, plan.concurrency));
  const longest = Math.max(0, ...plan.probes.map((p) => p.timeoutMs));
  return rounds * longest + 10_000;
}
