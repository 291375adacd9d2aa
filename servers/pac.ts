/**
 * A proxy auto-config file that sends only the catalog's hosts to the fixture network's proxy:
 * a person's everyday browser keeps reaching everything else directly while it runs the suite.
 */
import { catalogHosts } from '../protocol/origins.ts';

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
