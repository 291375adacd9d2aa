/** Turns the server's request log for one probe into evidence that scenarios can expect on. */
import type { LoggedRequest } from '../../protocol/visit.ts';

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
  /** Catalog origin the first actual request reached (scheme + Host): shows an upgrade to https. */
  reached: string | null;
  /** The status the first WebSocket handshake was answered with (101: accepted), null when none was made. */
  handshake: number | null;
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
      reached: firstActual?.at ?? null,
      handshake: list.find((r) => r.webSocket)?.status ?? null,
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
  reached: null,
  handshake: null,
};
