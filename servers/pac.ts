/**
 * A proxy auto-config file that sends only the catalog's hosts to the fixture network's proxy:
 * a person's everyday browser keeps reaching everything else directly while it runs the suite.
 */
import { catalogHosts } from '../protocol/origins.ts';
import { hostAddressSpaces, type AddressSpace, type AddressSpaceEndpoints } from '../protocol/address-space.ts';

export function pacFile(proxyHostPort: string, hosts: string[] = catalogHosts()): string {
  return `// originproof: the catalog hosts go to the fixture network, everything else goes direct.
var CATALOG = ${JSON.stringify(hosts)};
function FindProxyForURL(url, host) {
  host = host.toLowerCase().replace(/\\.$/, '');
  for (var i = 0; i < CATALOG.length; i++) if (host === CATALOG[i]) return 'PROXY ${proxyHostPort}';
  return 'DIRECT';
}
`;
}

/**
 * The PAC file the harness's own browsers run with when address spaces are on: each catalog host
 * outside loopback goes to its address space's proxy listener, everything else to the loopback
 * listener (which refuses what is not in the catalog). Nothing goes direct.
 */
export function addressSpacePac(endpoints: AddressSpaceEndpoints, spaces: Map<string, AddressSpace> = hostAddressSpaces()): string {
  const table = Object.fromEntries([...spaces].map(([host, space]) => [host, `PROXY ${endpoints[space]}`]));
  return `// originproof: each host to the proxy listener of its address space (Local Network Access).
var SPACES = ${JSON.stringify(table)};
function FindProxyForURL(url, host) {
  host = host.toLowerCase().replace(/\\.$/, '');
  return Object.prototype.hasOwnProperty.call(SPACES, host) ? SPACES[host] : 'PROXY ${endpoints.loopback}';
}
`;
}

/** A PAC file as a data: URL (no fetch before the first request; both Chromium and Firefox take one). */
export function pacDataUrl(pac: string): string {
  return `data:application/x-ns-proxy-autoconfig;base64,${Buffer.from(pac).toString('base64')}`;
}
