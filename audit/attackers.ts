/**
 * The "someone else" side of an intent: the requesters originproof knows to try against an
 * origin that may read. Each is where real misconfigurations leak: a reflected origin
 * lets any site in, a `null` allow-list entry lets sandboxed frames in, a suffix or prefix match
 * lets look-alike domains in, a scheme-blind match lets the http version in.
 */
import { defaultPort, siteOfHost, type OriginEntry } from '../protocol/origins.ts';

export type AttackerKind = 'other-site' | 'sibling' | 'null' | 'http' | 'suffix' | 'prefix' | 'frame';

export interface Attacker {
  kind: AttackerKind;
  /** Where its page runs: a catalog origin name, or an extra origin (registered for the run). */
  page: string;
  /** Extra origins this attacker needs registered (served by originproof, never forwarded). */
  registers: string[];
  /** Runs inside a frame of this page: an agent document on `frameAt` (sandboxed for `null`). */
  frame?: { at: string; sandbox?: string };
  /** The Origin its requests carry. */
  origin: string;
  /** Who it is, in a sentence's words. */
  label: string;
}

/** Names under a TLD reserved for tests and examples, which browsers never upgrade to https (RFC 6761). */
function reservedName(host: string): boolean {
  return /\.(test|example|invalid|localhost)$/.test(host);
}

function serialize(scheme: string, host: string, port: number): string {
  return `${scheme}://${host}${port === defaultPort(scheme as 'http' | 'https') ? '' : `:${port}`}`;
}

/** Attackers against `allowed` (an origin that may read); `other` is the catalog's other site. */
export function attackersOf(allowed: OriginEntry, allowedName: string): Attacker[] {
  const site = siteOfHost(allowed.host);
  const sibling = serialize(allowed.scheme, `sibling.${site}`, allowed.port);
  const suffix = serialize(allowed.scheme, `evil${site}`, allowed.port);
  const prefix = serialize(allowed.scheme, `${allowed.host}.evil.test`, allowed.port);
  const list: Attacker[] = [
    { kind: 'other-site', page: 'other', registers: [], origin: 'https://other.test', label: 'another site (https://other.test)' },
    { kind: 'sibling', page: sibling, registers: [sibling], origin: sibling, label: `a same-site sibling (${sibling})` },
    {
      kind: 'null',
      page: 'other',
      registers: [],
      frame: { at: 'other', sandbox: 'allow-scripts' },
      origin: 'null',
      label: 'an opaque origin (Origin: null, a sandboxed frame on https://other.test)',
    },
    { kind: 'suffix', page: suffix, registers: [suffix], origin: suffix, label: `a look-alike suffix origin (${suffix})` },
    { kind: 'prefix', page: prefix, registers: [prefix], origin: prefix, label: `a look-alike prefix origin (${prefix})` },
    {
      kind: 'frame',
      page: allowedName,
      registers: [],
      frame: { at: 'other' },
      origin: 'https://other.test',
      label: `another site in a frame inside ${allowedName} (https://other.test)`,
    },
  ];
  if (allowed.scheme === 'https') {
    const http = serialize('http', allowed.host, allowed.port === 443 ? 80 : allowed.port);
    const attacker: Attacker = reservedName(allowed.host)
      ? { kind: 'http', page: http, registers: [http], origin: http, label: `the http version of ${allowedName} (${http})` }
      : // Browsers upgrade a top-level http navigation to a public name (Chromium's HTTPS-Upgrades):
        // the http page runs as a frame of http://other.test, which no engine upgrades.
        {
          kind: 'http',
          page: 'httpOther',
          registers: [http],
          frame: { at: http },
          origin: http,
          label: `the http version of ${allowedName} (${http}, in a frame of http://other.test)`,
        };
    list.splice(3, 0, attacker);
  }
  return list;
}
