/** Turns the server's request log for one probe into evidence that scenarios can expect on. */
import type { LoggedRequest, ReceivedReport } from '../../protocol/visit.ts';
import { parseResponseUrl } from '../../protocol/paths.ts';
import { ORIGIN_NAMES, originUrl } from '../../protocol/origins.ts';

export interface ResponseEvidence {
  arrived: boolean;
  count: number;
  preflight: boolean;
  preflightCount: number;
  actual: boolean;
  actualCount: number;
  methods: string[];
  origin: string | null;
  cookies: string[];
  acrMethod: string | null;
  acrHeaders: string | null;
  secFetchSite: string | null;
  secFetchMode: string | null;
  secFetchDest: string | null;
  secFetchUser: string | null;
  /** Sec-Fetch-Storage-Access of the first actual request. */
  secFetchStorageAccess: string | null;
  /** Sec-Fetch-Storage-Access of every actual request in order (a retry shows as a second entry). */
  storageAccessSent: Array<string | null>;
  /** Cookie names of the last actual request (a retried request's). */
  cookiesLast: string[];
  /** Catalog origin the first actual request reached (scheme + Host): shows an upgrade to https. */
  reached: string | null;
  /** The status the first WebSocket handshake was answered with (101: accepted), null when none was made. */
  handshake: number | null;
  /** Every report the requests carried, in a stable order, URLs named as `origin:response`. */
  reports: ReportSeen[];
}

/** A received report, as a scenario expects on it: the fields that say what was reported. */
export interface ReportSeen {
  type: string;
  /** The document the report is about. */
  url: string | null;
  /** The body's own type (COEP: corp, navigation, worker initialization; COOP: navigation-to-response, …). */
  bodyType: string | null;
  disposition: string | null;
  effectivePolicy: string | null;
  blockedURL: string | null;
  destination: string | null;
  /** CSP's violated directive (a report-uri report, or a Reporting API csp-violation). */
  directive: string | null;
}

/** A URL of the fixture network as `origin:response` (or `origin` for another path on it): stable across visits. */
export function nameUrl(url: unknown): string | null {
  if (typeof url !== 'string' || !url) return null;
  const declared = parseResponseUrl(url);
  if (declared) return `${declared.at}:${declared.response}`;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return url;
  }
  return ORIGIN_NAMES.find((n) => originUrl(n) === origin) ?? url;
}

function field(body: Record<string, unknown>, ...names: string[]): string | null {
  for (const n of names) if (typeof body[n] === 'string') return body[n] as string;
  return null;
}

export function reportSeen(r: ReceivedReport): ReportSeen {
  const b = r.body;
  const csp = r.type === 'csp-report';
  return {
    type: r.type,
    url: nameUrl(r.url ?? null),
    bodyType: csp ? null : field(b, 'type'),
    disposition: field(b, 'disposition'),
    effectivePolicy: field(b, 'effectivePolicy', 'effective-policy'),
    blockedURL: nameUrl(field(b, 'blockedURL', 'blocked-uri', 'blockedURI')),
    destination: field(b, 'destination'),
    directive: field(b, 'effectiveDirective', 'effective-directive', 'violated-directive'),
  };
}

function reportOrder(a: ReportSeen, b: ReportSeen): number {
  const key = (r: ReportSeen) => [r.type, r.bodyType ?? '', r.disposition ?? '', r.blockedURL ?? '', r.url ?? ''].join('\u0000');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

export function cookieNames(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(/;\s*/)
    .map((c) => c.split('=')[0].trim())
    .filter(Boolean)
    .sort();
}

/** Summary per declared response name. A preflight is an OPTIONS carrying Access-Control-Request-Method. */
export function summarize(requests: LoggedRequest[]): Record<string, ResponseEvidence> {
  const by = new Map<string, LoggedRequest[]>();
  for (const r of requests) if (r.response) by.set(r.response, [...(by.get(r.response) ?? []), r]);
  const out: Record<string, ResponseEvidence> = {};
  for (const [name, list] of by) {
    const pre = list.filter((r) => r.method === 'OPTIONS' && r.acrMethod !== undefined);
    const actual = list.filter((r) => !pre.includes(r));
    const firstActual = actual[0];
    out[name] = {
      arrived: list.length > 0,
      count: list.length,
      preflight: pre.length > 0,
      preflightCount: pre.length,
      actual: actual.length > 0,
      actualCount: actual.length,
      methods: actual.map((r) => r.method),
      origin: firstActual?.origin ?? null,
      cookies: cookieNames(firstActual?.cookie),
      acrMethod: pre[0]?.acrMethod ?? null,
      acrHeaders: pre[0]?.acrHeaders ?? null,
      secFetchSite: firstActual?.secFetchSite ?? null,
      secFetchMode: firstActual?.secFetchMode ?? null,
      secFetchDest: firstActual?.secFetchDest ?? null,
      secFetchUser: firstActual?.secFetchUser ?? null,
      secFetchStorageAccess: firstActual?.secFetchStorageAccess ?? null,
      storageAccessSent: actual.map((r) => r.secFetchStorageAccess ?? null),
      cookiesLast: cookieNames(actual.at(-1)?.cookie),
      reached: firstActual?.at ?? null,
      handshake: list.find((r) => r.webSocket)?.status ?? null,
      reports: list
        .flatMap((r) => r.reports ?? [])
        .map(reportSeen)
        .sort(reportOrder),
    };
  }
  return out;
}

/** Evidence for a response nobody requested: "it never arrived". */
export const NOTHING_ARRIVED: ResponseEvidence = {
  arrived: false,
  count: 0,
  preflight: false,
  preflightCount: 0,
  actual: false,
  actualCount: 0,
  methods: [],
  origin: null,
  cookies: [],
  acrMethod: null,
  acrHeaders: null,
  secFetchSite: null,
  secFetchMode: null,
  secFetchDest: null,
  secFetchUser: null,
  secFetchStorageAccess: null,
  storageAccessSent: [],
  cookiesLast: [],
  reached: null,
  handshake: null,
  reports: [],
};
