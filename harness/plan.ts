/**
 * What the Node side hands the fixture server for one browser visit: the page to serve,
 * the cookies to set first, and the probes the page's runtime runs. Shared by the planner,
 * the fixture server and (as JSON) the browser-side runtime.
 */
import type { DeclaredResponse } from '../servers/declared-response.ts';
import type { OriginName } from '../servers/origins.ts';

/** A target reference after planning: the catalog name kept, the concrete URL added. */
export interface ResolvedTarget {
  at: OriginName;
  response: string;
  url: string;
  origin: string;
  /** For agent targets with a mailbox: the key the agent posts to and the opener takes from. */
  mailKey?: string;
}

/** A browsing context the probe runs inside, outermost first (frames or popups of agent documents). */
export interface ResolvedContext {
  via: 'iframe' | 'popup';
  target: ResolvedTarget;
  sandbox?: string;
}

export interface PlannedProbe {
  /** Scenario id, or `<id>~control` for its control. */
  key: string;
  kind: string;
  params: Record<string, unknown>;
  context: ResolvedContext[];
  timeoutMs: number;
}

export interface VisitPlan {
  visitId: string;
  page: { at: OriginName; url: string; headers: Array<[string, string]> };
  /** Cookies set first-party on their origin before the page loads (a redirect chain through each origin). */
  cookies: Array<{ at: OriginName; setCookie: string }>;
  probes: PlannedProbe[];
  /** Declared responses per probe key. */
  responses: Record<string, Record<string, DeclaredResponse>>;
  concurrency: number;
}

/** What the page posts back. */
export interface VisitReport {
  visitId: string;
  /** `location.origin` and `location.href` of the runner page as the browser saw them. */
  self: { origin: string; href: string; userAgent: string; isSecureContext: boolean; crossOriginIsolated: boolean };
  observations: Record<string, Observation>;
  done: boolean;
}

export type Observation = Record<string, unknown> & { timedOut?: boolean; probeError?: string };

export const OP_PREFIX = '/__op';

export function responsePath(probeKey: string, response: string): string {
  return `${OP_PREFIX}/r/${encodeURIComponent(probeKey)}/${encodeURIComponent(response)}`;
}
