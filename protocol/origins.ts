/**
 * The origin catalog: the single source of truth for the fixture network.
 * Servers, the certificate's SANs, the proxy's host map and every scenario
 * refer to origins by these names only (in the spirit of wpt's get-host-info).
 */
export type Scheme = 'http' | 'https';

export interface OriginEntry {
  /** Virtual host the browser sees. */
  host: string;
  scheme: Scheme;
  /** Port the browser uses; the default port for the scheme is written implicitly in URLs. */
  port: number;
  /** Registrable domain ("site" in the HTML standard's sense, without scheme). */
  site: string;
  /** One line for reports: why this origin is in the catalog. */
  role: string;
}

export const ORIGINS = {
  site: { scheme: 'https', host: 'site.test', port: 443, site: 'site.test', role: 'primary origin' },
  sub: { scheme: 'https', host: 'sub.site.test', port: 443, site: 'site.test', role: 'same site, other host' },
  www: { scheme: 'https', host: 'www.site.test', port: 443, site: 'site.test', role: 'same site, other host' },
  httpSite: { scheme: 'http', host: 'site.test', port: 80, site: 'site.test', role: 'same host, other scheme' },
  sitePort: { scheme: 'https', host: 'site.test', port: 8443, site: 'site.test', role: 'same host, other port' },
  httpSitePort: { scheme: 'http', host: 'site.test', port: 8080, site: 'site.test', role: 'other scheme and port' },
  httpSub: { scheme: 'http', host: 'sub.site.test', port: 80, site: 'site.test', role: 'same site over http' },
  other: { scheme: 'https', host: 'other.test', port: 443, site: 'other.test', role: 'other site' },
  otherSub: { scheme: 'https', host: 'sub.other.test', port: 443, site: 'other.test', role: 'other site, subdomain' },
  httpOther: { scheme: 'http', host: 'other.test', port: 80, site: 'other.test', role: 'other site over http' },
} as const satisfies Record<string, OriginEntry>;

export type OriginName = keyof typeof ORIGINS;
export const ORIGIN_NAMES = Object.keys(ORIGINS) as OriginName[];

export function isOriginName(value: unknown): value is OriginName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ORIGINS, value);
}

export function defaultPort(scheme: Scheme): number {
  return scheme === 'https' ? 443 : 80;
}

/** ASCII serialization of the origin, as `location.origin` reports it. */
export function originUrl(name: OriginName): string {
  const o: OriginEntry = ORIGINS[name];
  const port = o.port === defaultPort(o.scheme) ? '' : `:${o.port}`;
  return `${o.scheme}://${o.host}${port}`;
}

/** The same origin written with its port spelled out, even when it is the default (C06). */
export function originUrlExplicitPort(name: OriginName): string {
  const o: OriginEntry = ORIGINS[name];
  return `${o.scheme}://${o.host}:${o.port}`;
}

/** Every distinct virtual host, for certificate SANs. */
export function catalogHosts(): string[] {
  return [...new Set(Object.values(ORIGINS).map((o) => o.host))].sort();
}

/** `host:port` → origin entry, the proxy's routing table. */
export function lookupAuthority(host: string, port: number): { name: OriginName; entry: OriginEntry } | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  for (const name of ORIGIN_NAMES) {
    const entry: OriginEntry = ORIGINS[name];
    if (entry.host === h && entry.port === port) return { name, entry };
  }
  return undefined;
}

/** Which catalog origin a request reached, from its scheme and Host header. */
export function originFromHost(scheme: Scheme, hostHeader: string | undefined): OriginName | undefined {
  if (!hostHeader) return undefined;
  const m = /^([^:]+)(?::(\d+))?$/.exec(hostHeader.trim());
  if (!m) return undefined;
  const port = m[2] ? Number(m[2]) : defaultPort(scheme);
  const found = lookupAuthority(m[1], port);
  return found && found.entry.scheme === scheme ? found.name : undefined;
}

export function sameSite(a: OriginName, b: OriginName): boolean {
  // Schemeful same-site, as the HTML standard defines it today.
  return ORIGINS[a].site === ORIGINS[b].site && ORIGINS[a].scheme === ORIGINS[b].scheme;
}
