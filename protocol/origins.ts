/**
 * The origin catalog: the single source of truth for the fixture network.
 * Servers, the certificate's SANs, the proxy's host map and every scenario
 * refer to origins by these names only (in the spirit of wpt's get-host-info).
 */
import { getDomain } from 'tldts';

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
  /**
   * Local Network Access address space the browser is told the host is in (protocol/address-space.ts);
   * absent: loopback, where every listener of the fixture network really is.
   */
  addressSpace?: 'public' | 'local' | 'loopback';
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
  lnaPublic: { scheme: 'https', host: 'lna-public.test', port: 443, site: 'lna-public.test', role: 'public address space', addressSpace: 'public' },
  httpLnaPublic: { scheme: 'http', host: 'lna-public.test', port: 80, site: 'lna-public.test', role: 'public address space over http', addressSpace: 'public' },
  lnaLocal: { scheme: 'https', host: 'lna-local.test', port: 443, site: 'lna-local.test', role: 'local address space', addressSpace: 'local' },
  lnaLoopback: { scheme: 'https', host: 'lna-loopback.test', port: 443, site: 'lna-loopback.test', role: 'loopback address space', addressSpace: 'loopback' },
} as const satisfies Record<string, OriginEntry>;

/** A named origin of the catalog. */
export type CatalogOriginName = keyof typeof ORIGINS;
/**
 * An origin added at run time (the audit: a user's own servers, and the look-alike attacker
 * origins derived from them): named by its own serialization, e.g. `https://app.test`.
 */
export type ExtraOriginName = `http://${string}` | `https://${string}`;
export type OriginName = CatalogOriginName | ExtraOriginName;
/** The catalog's names only (extra origins are listed by extraOrigins()). */
export const ORIGIN_NAMES = Object.keys(ORIGINS) as CatalogOriginName[];

// Extra origins of this process, registered before any network, plan or scenario refers to them.
const extra = new Map<ExtraOriginName, OriginEntry>();

export function isCatalogOriginName(value: unknown): value is CatalogOriginName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ORIGINS, value);
}

export function isOriginName(value: unknown): value is OriginName {
  return isCatalogOriginName(value) || (typeof value === 'string' && extra.has(value as ExtraOriginName));
}

/** The entry of a catalog or registered extra origin. */
export function originEntry(name: OriginName): OriginEntry {
  const entry: OriginEntry | undefined = isCatalogOriginName(name) ? ORIGINS[name] : extra.get(name);
  if (!entry) throw new Error(`originproof: "${name}" is neither a catalog origin nor a registered extra origin`);
  return entry;
}

/**
 * The host's registrable domain by the Public Suffix List, private section included as browsers
 * use it (github.io is a public suffix): `app.example.co.uk` → `example.co.uk`, `sub.site.test` →
 * `site.test` (a name under no listed suffix falls under the implicit `*` rule). A host that is
 * itself a public suffix has no registrable domain: HTML's site is then the host.
 */
export function siteOfHost(host: string): string {
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/**
 * Parses `scheme://host[:port]` into an extra origin's entry, or says why it cannot be one: the
 * host must be a DNS name the catalog does not use (no IP literal, no localhost, no path).
 */
export function parseExtraOrigin(text: string, role: string): { name: ExtraOriginName; entry: OriginEntry } | { error: string } {
  const m = /^(https?):\/\/([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)(?::(\d{1,5}))?$/.exec(text);
  if (!m)
    return {
      error: `"${text}" is not an origin of the form https://host.test or http://host.test:8080 (lower-case DNS name with a dot, no path, no trailing slash)`,
    };
  const scheme = m[1] as Scheme;
  const host = m[2];
  const port = m[6] ? Number(m[6]) : defaultPort(scheme);
  if (port < 1 || port > 65535) return { error: `"${text}": port ${port} is out of range` };
  if (/^[\d.]+$/.test(host)) return { error: `"${text}": an IP address is not a virtual host; name it (e.g. https://app.test)` };
  if (catalogHosts().includes(host))
    return { error: `"${text}": ${host} belongs to the catalog (its own origins are the "someone else" side); pick another host` };
  const entry: OriginEntry = { scheme, host, port, site: siteOfHost(host), role };
  return { name: serialize(entry) as ExtraOriginName, entry };
}

/**
 * Adds origins to this process's network vocabulary (idempotent for the same origin). The
 * serialization becomes the name; what the origin is for goes in `role`.
 */
export function registerExtraOrigins(list: Array<{ origin: string; role: string }>): ExtraOriginName[] {
  return list.map(({ origin, role }) => {
    const parsed = parseExtraOrigin(origin, role);
    if ('error' in parsed) throw new Error(`originproof: ${parsed.error}`);
    if (parsed.name !== origin) throw new Error(`originproof: write the origin as "${parsed.name}" (its serialization), not "${origin}"`);
    if (!extra.has(parsed.name)) extra.set(parsed.name, parsed.entry);
    return parsed.name;
  });
}

/** Forgets every extra origin (tests that register different sets one after another). */
export function clearExtraOrigins(): void {
  extra.clear();
}

export function extraOrigins(): Array<{ name: ExtraOriginName; entry: OriginEntry }> {
  return [...extra].map(([name, entry]) => ({ name, entry }));
}

function serialize(o: OriginEntry): string {
  return `${o.scheme}://${o.host}${o.port === defaultPort(o.scheme) ? '' : `:${o.port}`}`;
}

export function defaultPort(scheme: Scheme): number {
  return scheme === 'https' ? 443 : 80;
}

/** ASCII serialization of the origin, as `location.origin` reports it. */
export function originUrl(name: OriginName): string {
  return serialize(originEntry(name));
}

/** The same origin written with its port spelled out, even when it is the default (C06). */
export function originUrlExplicitPort(name: OriginName): string {
  const o = originEntry(name);
  return `${o.scheme}://${o.host}:${o.port}`;
}

/** Every distinct virtual host of the catalog. */
export function catalogHosts(): string[] {
  return [...new Set(Object.values(ORIGINS).map((o) => o.host))].sort();
}

/** Every distinct virtual host, catalog and extra, for certificate SANs. */
export function allHosts(): string[] {
  return [...new Set([...catalogHosts(), ...[...extra.values()].map((o) => o.host)])].sort();
}

/** `host:port` → origin entry, the proxy's routing table. */
export function lookupAuthority(host: string, port: number): { name: OriginName; entry: OriginEntry } | undefined {
  const h = host.toLowerCase().replace(/\.$/, '');
  for (const name of ORIGIN_NAMES) {
    const entry: OriginEntry = ORIGINS[name];
    if (entry.host === h && entry.port === port) return { name, entry };
  }
  for (const [name, entry] of extra) if (entry.host === h && entry.port === port) return { name, entry };
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
  const x = originEntry(a);
  const y = originEntry(b);
  return x.site === y.site && x.scheme === y.scheme;
}
