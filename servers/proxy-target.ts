/**
 * Reading the destination of a proxy request: the authority of a CONNECT (`host:port`) or the
 * absolute-form target of a plain request (`http://host[:port]/path`). A malformed form gets a 400
 * that names what is malformed; a well-formed destination outside the catalog is the proxy's
 * business (403). Read literally, without URL normalisation, so what is checked is what was sent.
 */
export interface Destination {
  host: string;
  port: number;
}

export interface Malformed {
  status: 400 | 403;
  reason: string;
}

export function isMalformed(x: unknown): x is Malformed {
  return typeof x === 'object' && x !== null && 'reason' in x;
}

/** `host[:port]` (host a name or a [bracketed] IPv6 literal); `defaultPort` when the port may be left out. */
function parseAuthority(authority: string, defaultPort: number | undefined): Destination | Malformed {
  if (authority.includes('@')) return { status: 400, reason: `userinfo ("…@") is not allowed in a proxy destination: "${authority}"` };
  const m = /^(\[[^\]]*\]|[^:[\]]*)(?::(.*))?$/.exec(authority);
  if (!m) return { status: 400, reason: `malformed authority "${authority}" (expected host:port)` };
  const [, host, port] = m;
  if (host === '' || host === '[]') return { status: 400, reason: `empty host in "${authority}"` };
  if (port === undefined) {
    if (defaultPort === undefined) return { status: 400, reason: `CONNECT needs host:port (RFC 9110 §9.3.6), got "${authority}"` };
    return { host: host.toLowerCase(), port: defaultPort };
  }
  if (!/^\d+$/.test(port)) return { status: 400, reason: `port "${port}" is not a number` };
  const n = Number(port);
  if (n < 1 || n > 65535) return { status: 400, reason: `port ${port} is out of range (1–65535)` };
  return { host: host.toLowerCase(), port: n };
}

export function parseConnectTarget(target: string): Destination | Malformed {
  if (!target) return { status: 400, reason: 'empty CONNECT target' };
  return parseAuthority(target, undefined);
}

/** The destination and the origin-form path of `GET http://host[:port]/path?query`. */
export function parseAbsoluteTarget(target: string): (Destination & { path: string }) | Malformed {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(target)?.[1];
  if (!scheme) return { status: 400, reason: 'not an absolute-form proxy request (expected "GET http://host/path HTTP/1.1")' };
  if (scheme.toLowerCase() !== 'http') return { status: 403, reason: `scheme ${scheme.toLowerCase()}: is not proxied (https goes through CONNECT)` };
  const rest = target.slice(scheme.length + 1);
  if (!rest.startsWith('//')) return { status: 400, reason: `malformed absolute URL "${target}" (expected http://host/path)` };
  const end = rest.slice(2).search(/[/?#]/);
  const authority = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
  let path = end < 0 ? '/' : rest.slice(2 + end).replace(/#.*$/, '');
  if (!path.startsWith('/')) path = `/${path}`;
  const dest = parseAuthority(authority, 80);
  if (isMalformed(dest)) return { status: dest.status, reason: `malformed URL "${target}": ${dest.reason}` };
  return { ...dest, path };
}
