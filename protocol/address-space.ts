/**
 * Local Network Access address spaces in the fixture network. Every listener is on loopback, so a
 * browser would see every page as loopback; instead each address space has a listener of its own
 * that the browser reaches directly, and the engine is told which space each listener's endpoint
 * is in (Chromium --ip-address-space-overrides), as web-platform-tests does with a port per space.
 */
import { ORIGIN_NAMES, ORIGINS, type OriginName, originEntry } from './origins.ts';

export const ADDRESS_SPACES = ['public', 'local', 'loopback'] as const;
export type AddressSpace = (typeof ADDRESS_SPACES)[number];

/** The address space the browser is told an origin's host is in (loopback unless the catalog says otherwise). */
export function addressSpaceOf(name: OriginName): AddressSpace {
  return originEntry(name).addressSpace ?? 'loopback';
}

/**
 * Catalog host → address space, for the hosts the catalog places in one (the Local Network Access
 * hosts); every origin of such a host must name the same space (checked).
 */
export function hostAddressSpaces(): Map<string, AddressSpace> {
  const seen = new Map<string, AddressSpace | 'none'>();
  for (const name of ORIGIN_NAMES) {
    const entry: { host: string; addressSpace?: AddressSpace } = ORIGINS[name];
    const space = entry.addressSpace ?? 'none';
    const before = seen.get(entry.host);
    if (before !== undefined && before !== space)
      throw new Error(`originproof: host ${entry.host} is in two address spaces (${before}, ${space}); one space per host`);
    seen.set(entry.host, space);
  }
  return new Map([...seen].filter((e): e is [string, AddressSpace] => e[1] !== 'none'));
}

/** Where each address space's proxy listener is: `127.0.0.1:PORT`. */
export type AddressSpaceEndpoints = Record<AddressSpace, string>;

/**
 * The fixture network's listeners per address space. \`direct\`: a listener per space reached
 * without a proxy, for a browser that counts a proxied resource as of no space (Chromium); the
 * browser maps each address-space host to the endpoint of its space.
 */
export interface AddressSpaceListeners {
  direct: AddressSpaceEndpoints;
}
