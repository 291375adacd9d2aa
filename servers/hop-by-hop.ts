/** Forwarding a message: what belongs to the connection stays behind (the proxy and the user-server gateway). */
/** Hop-by-hop fields (RFC 9110 §7.6.1) describe one connection and are never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Header lines (raw name/value pairs) minus hop-by-hop fields and those Connection names, minus `drop`. */
export function endToEnd(rawHeaders: string[], drop: string[] = []): string[] {
  const listed = new Set<string>(drop);
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === 'connection') for (const n of rawHeaders[i + 1].split(',')) listed.add(n.trim().toLowerCase());
  }
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (!HOP_BY_HOP.has(name) && !listed.has(name)) out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return out;
}
