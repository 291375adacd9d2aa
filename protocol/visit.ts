/**
 * The visit protocol's messages. A plan: what the Node side hands the fixture server for one
 * browser visit (the page to serve, the cookies to set first, the probes the page's runtime
 * runs). A report: what the page posts back. A logged request: what the server saw, the
 * evidence. Shared by the planner, the fixture server and (as JSON) the browser-side runtime.
 */
import type { DeclaredResponse } from './declared-response.ts';
import type { OriginName } from './origins.ts';

/** A target reference after planning: the catalog name kept, the concrete URL added. */
export interface ResolvedTarget {
  at: OriginName;
  response: string;
  url: string;
  origin: string;
  /** For agent targets with a mailbox: the key the agent posts to and the opener takes from. */
  mailKey?: string;
  /** The mailbox key under which the server announces that this response was requested. */
  arrivalKey?: string;
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

/** The Local Network Access permissions: to a local address, to a loopback address. */
export const LNA_PERMISSIONS = ['local-network', 'loopback-network'] as const;
export type LnaPermission = (typeof LNA_PERMISSIONS)[number];

/**
 * A permission granted through the automation protocol for one visit. Storage Access:
 * `embeddedOrigin`'s documents under the top-level `origin` (the pair it is keyed by). Local
 * Network Access: the top-level `origin` alone (no embeddedOrigin).
 */
export type PageGrant =
  | {
      name: 'storage-access';
      /** granted, or denied (a refusal the user would have given at the prompt). */
      state: 'granted' | 'denied';
      origin: OriginName;
      embeddedOrigin: OriginName;
    }
  | { name: LnaPermission; state: 'granted' | 'denied'; origin: OriginName; embeddedOrigin?: undefined };

export interface VisitPlan {
  visitId: string;
  page: { at: OriginName; url: string; headers: Array<[string, string]> };
  /** Cookies set first-party on their origin before the page loads (a redirect chain through each origin). */
  cookies: Array<{ at: OriginName; setCookie: string }>;
  /** Permissions the engine grants in the visit's fresh context before the page loads (Storage Access: embedded origin under a top-level origin; Local Network Access: the page's origin). */
  grants?: PageGrant[];
  probes: PlannedProbe[];
  /** Declared responses per probe key. */
  responses: Record<string, Record<string, DeclaredResponse>>;
  concurrency: number;
  /** Where the page goes once it has reported everything (serve mode: the next visit of a person's browser). */
  then?: string;
  /** A chained visit (harness/plan/chains.ts): the next page of its chain, which the page opens once it has reported, in a new top-level window without an opener, before closing itself. */
  next?: string;
}

/** What the page posts back. */
export interface VisitReport {
  visitId: string;
  /** `location.origin` and `location.href` of the runner page as the browser saw them. */
  self: { origin: string; href: string; userAgent: string; isSecureContext: boolean; crossOriginIsolated: boolean };
  observations: Record<string, Observation>;
  done: boolean;
  /** The visit's secret, as posted (the server checks it and keeps it out of the stored report). */
  secret?: string;
}

export type Observation = Record<string, unknown> & { timedOut?: boolean; probeError?: string };

/** One request the fixture server received for a visit: the evidence a verdict can rest on. */
export interface LoggedRequest {
  /** Milliseconds since the visit was registered. */
  t: number;
  visitId: string;
  /** Probe key the request belongs to, when the URL says. */
  probe?: string;
  /** Declared response name, for `/__op/r/...` requests. */
  response?: string;
  /** Catalog origin that received the request (from scheme + Host, checked against what the proxy admitted). */
  at?: OriginName;
  method: string;
  path: string;
  origin?: string;
  cookie?: string;
  referer?: string;
  secFetchSite?: string;
  secFetchMode?: string;
  secFetchDest?: string;
  secFetchUser?: string;
  /** Storage Access Headers: none, inactive or active (the requester's storage-access status). */
  secFetchStorageAccess?: string;
  acrMethod?: string;
  acrHeaders?: string;
  /** Request headers the probe set itself (names beginning with x-op-), and authorization. */
  custom?: Record<string, string>;
  contentType?: string;
  /** A WebSocket handshake (RFC 6455 §4.1): its Sec-WebSocket-* fields as sent. */
  webSocket?: { key: boolean; version?: string; protocol?: string; extensions?: string };
  status?: number;
  /** Requests for a user's own server (the audit): every request header line as the browser sent it. */
  headers?: Array<[string, string]>;
  /** What the user's server answered: status and header lines as it sent them (the model reasons over these). */
  answer?: { status: number; headers: Array<[string, string]> };
  /** A write into the visit (results, mail) the server refused, and why: forged or misplaced. */
  refused?: string;
  /**
   * What the fixture server wrote on the wire in answer: the status and the header lines, read back
   * from the bytes of the response head as they went out (Node's own serialization, or the raw
   * bytes), one character per byte, CR LF removed (a folded value's continuation is a line of its
   * own). The judge holds them against the declaration (served-as-declared).
   */
  sent?: { status: number; lines: string[] };
  /** The user's server the request went to, and why no answer came when none did (down, not HTTP, silent). */
  upstream?: { url: string; error?: string };
  /**
   * The reports a POST carried, parsed from its body: `application/reports+json` (the Reporting
   * API: type, url, body each), or `application/csp-report` (CSP's report-uri, as type
   * `csp-report`). Absent for any other request.
   */
  reports?: ReceivedReport[];
}

/** One report as the fixture endpoint received it. */
export interface ReceivedReport {
  type: string;
  url?: string;
  body: Record<string, unknown>;
}
