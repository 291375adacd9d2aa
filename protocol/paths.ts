/**
 * The URL layout of the visit protocol: every endpoint the fixture server answers under
 * `/__op`, written once. The planner builds URLs with these builders, the fixture server
 * registers its routes from the same patterns, and the request log reads a request target
 * back with `matchOpPath` (the path exactly as sent: `//evil.test/__op/r/P/N` is not `/__op/r/P/N`).
 */
import { isOriginName, ORIGINS, originUrl, originUrlExplicitPort, type OriginName } from './origins.ts';

export const OP_PREFIX = '/__op';

/** Route patterns in fastify's syntax; each `:name` is one path segment. */
export const OP_ROUTES = {
  /** The runner page of a visit. */
  visit: `${OP_PREFIX}/visit/:visitId`,
  /** Where an engine starts a visit that sets cookies first (redirects through the cookie steps). */
  start: `${OP_PREFIX}/start/:visitId`,
  /** One step of the cookie prelude: sets the cookies of one origin, redirects onwards. */
  cookie: `${OP_PREFIX}/cookie/:visitId/:step`,
  /** Where the runner page posts its observations. */
  results: `${OP_PREFIX}/results/:visitId`,
  /** Mailbox for documents that cannot postMessage their opener (severed by COOP). */
  mail: `${OP_PREFIX}/mail/:visitId/:key`,
  /** One long-poll for several mail keys of a visit (`?keys=<JSON array>&wait=<ms>`): a document's waits share one connection. */
  mailAny: `${OP_PREFIX}/mail-any/:visitId`,
  /** A response declared by the scenario whose probe key is `probe`. */
  response: `${OP_PREFIX}/r/:probe/:name`,
} as const;

export type OpRoute = keyof typeof OP_ROUTES;

/** The probe runtime (static files). */
export const RUNTIME_PREFIX = `${OP_PREFIX}/runtime/`;

/** Query parameters the planner adds to target URLs. */
export const OP_QUERY = {
  /** The visit a request belongs to. */
  visit: 'v',
  /** The probe key a request belongs to. */
  probe: 'p',
  /** Mailbox key an agent document reports to. */
  mailbox: 'mail',
} as const;

function fill(pattern: string, params: Record<string, string | number>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params[name])));
}

export const opPath = {
  runtime: (file: string) => `${RUNTIME_PREFIX}${file}`,
  visit: (visitId: string) => fill(OP_ROUTES.visit, { visitId }),
  start: (visitId: string) => fill(OP_ROUTES.start, { visitId }),
  cookie: (visitId: string, step: number) => fill(OP_ROUTES.cookie, { visitId, step }),
  results: (visitId: string) => fill(OP_ROUTES.results, { visitId }),
  mail: (visitId: string, key: string) => fill(OP_ROUTES.mail, { visitId, key }),
  mailAny: (visitId: string) => fill(OP_ROUTES.mailAny, { visitId }),
  response: (probeKey: string, response: string) => fill(OP_ROUTES.response, { probe: probeKey, name: response }),
};

export interface ResponseUrlOptions {
  /** Write the port even when it is the scheme's default (`https://site.test:443`). */
  explicitPort?: boolean;
  /** Add `p=<probe key>` (the planner does, so requests of agent documents are attributed too). */
  withProbe?: boolean;
  /** Mailbox key (below the probe key) the document at this URL reports to. */
  mailbox?: string;
  /** Extra query text appended verbatim. */
  query?: string;
}

/** The mailbox key a document reports to: below its probe key, so probes never share one. */
export function mailboxKey(probeKey: string, mailbox: string): string {
  return `${probeKey}/${mailbox}`;
}

/**
 * A document's request for a real click of the driver (at a point of the top-level viewport) is
 * mail under `<probe>/click/<n>`; the harness answers under `<probe>/clicked/<n>` once the driver
 * has clicked (or could not).
 */
export function clickRequestKey(probeKey: string, n: string): string {
  return mailboxKey(probeKey, `click/${n}`);
}

export function clickedKey(probeKey: string, n: string): string {
  return mailboxKey(probeKey, `clicked/${n}`);
}

/** The probe key and number of a click request's mail key, or undefined for other mail. */
export function parseClickRequest(key: string): { probeKey: string; n: string } | undefined {
  const m = /^([^/]+)\/click\/([A-Za-z0-9_-]+)$/.exec(key);
  return m ? { probeKey: m[1], n: m[2] } : undefined;
}

/**
 * The mailbox key under which the server announces that a declared response was requested: the
 * runtime waits on it (a navigation or form submission has arrived) instead of sleeping.
 */
export function arrivalKey(probeKey: string, response: string): string {
  return mailboxKey(probeKey, `arrived/${response}`);
}

/**
 * Query parameters that attribute a request for a user's own server to its visit and probe (issue
 * 15). The gateway removes them before forwarding, so the user's server sees the path as written.
 */
export const UPSTREAM_QUERY = { visit: '__opv', probe: '__opp' } as const;

/** The URL of `path` on a user's server behind `at`, marked with the visit and probe it belongs to. */
export function upstreamUrl(at: OriginName, path: string, probeKey: string, visitId: string): string {
  const mark = `${UPSTREAM_QUERY.visit}=${encodeURIComponent(visitId)}&${UPSTREAM_QUERY.probe}=${encodeURIComponent(probeKey)}`;
  const hash = path.indexOf('#');
  const bare = hash < 0 ? path : path.slice(0, hash);
  return `${originUrl(at)}${bare}${bare.includes('?') ? '&' : '?'}${mark}`;
}

/**
 * Reads the attribution back from a request target and gives the target as the user's server
 * must see it (the two parameters cut out, everything else byte for byte).
 */
export function splitUpstreamTarget(target: string): { forwarded: string; visitId?: string; probe?: string } {
  const q = target.indexOf('?');
  if (q < 0) return { forwarded: target };
  let visitId: string | undefined;
  let probe: string | undefined;
  const kept = target
    .slice(q + 1)
    .split('&')
    .filter((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      const decode = () => {
        try {
          return decodeURIComponent(value);
        } catch {
          return value;
        }
      };
      if (name === UPSTREAM_QUERY.visit) visitId = decode();
      else if (name === UPSTREAM_QUERY.probe) probe = decode();
      else return true;
      return false;
    });
  return { forwarded: kept.length ? `${target.slice(0, q)}?${kept.join('&')}` : target.slice(0, q), visitId, probe };
}

/** The URL of a declared response of `probeKey` on a catalog origin, inside one visit. */
export function responseUrl(at: OriginName, probeKey: string, response: string, visitId: string, options: ResponseUrlOptions = {}): string {
  const base = options.explicitPort ? originUrlExplicitPort(at) : originUrl(at);
  let url = `${base}${opPath.response(probeKey, response)}?${OP_QUERY.visit}=${encodeURIComponent(visitId)}`;
  if (options.withProbe) url += `&${OP_QUERY.probe}=${encodeURIComponent(probeKey)}`;
  if (options.mailbox) url += `&${OP_QUERY.mailbox}=${encodeURIComponent(mailboxKey(probeKey, options.mailbox))}`;
  if (options.query) url += `&${options.query}`;
  return url;
}

const COMPILED = Object.entries(OP_ROUTES).map(([route, pattern]) => {
  const names: string[] = [];
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'));
  return { route: route as OpRoute, names, re: new RegExp(`^${source}$`) };
});

export interface OpTarget {
  route: OpRoute;
  params: Record<string, string>;
}

/**
 * Which endpoint an origin-form request target names, read literally (no URL resolution, so a
 * target that merely contains an endpoint's path names none). Undefined for anything else,
 * including segments that do not percent-decode.
 */
export function matchOpPath(target: string): OpTarget | undefined {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  for (const { route, names, re } of COMPILED) {
    const m = re.exec(path);
    if (!m) continue;
    try {
      return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The query parameters of a request target (empty when there is no query). */
export function queryOf(target: string): URLSearchParams {
  const q = target.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
}

/** The visit a request belongs to: its `v` parameter, else the visit its endpoint names. */
export function visitIdOf(target: string): string | undefined {
  return queryOf(target).get(OP_QUERY.visit) ?? matchOpPath(target)?.params.visitId;
}

/** Reads back a URL made by `responseUrl` (the model follows redirects with it). */
export function parseResponseUrl(url: string): { at: OriginName; probeKey: string; response: string; visitId?: string } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const at = (Object.keys(ORIGINS) as OriginName[]).find((name) => originUrl(name) === u.origin) ?? (isOriginName(u.origin) ? u.origin : undefined);
  const m = matchOpPath(u.pathname);
  if (!at || m?.route !== 'response') return undefined;
  return { at, probeKey: m.params.probe, response: m.params.name, visitId: u.searchParams.get(OP_QUERY.visit) ?? undefined };
}

/**
 * The fragment parameter that hands a visit's secret to its own documents: a fragment is never
 * sent in a request or a Referer, so no server (a user's least of all) learns it from a URL.
 */
export const SECRET_FRAGMENT = 'op-secret';

/** `url` with the visit's secret as its fragment (the URL must have none). */
export function withSecret(url: string, secret: string): string {
  if (url.includes('#')) throw new Error(`originproof: ${url} already has a fragment; the visit's secret cannot ride on it`);
  return `${url}#${SECRET_FRAGMENT}=${secret}`;
}
