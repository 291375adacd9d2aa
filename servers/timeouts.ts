/**
 * How long the proxy and the fixture servers wait on a peer. Without these, a client that stops
 * sending (a trickled body, a half-sent header block, a silent connection) holds a socket forever.
 */
export interface ServerTimeouts {
  /** The whole header block must arrive within this. */
  headersMs: number;
  /** Headers and body must arrive within this (a body trickled one byte at a time is cut off). */
  requestMs: number;
  /** A connection with no traffic either way is closed after this (also a response nobody reads). */
  idleMs: number;
  /** An idle keep-alive connection between requests is closed after this. */
  keepAliveMs: number;
  /** How often Node checks the header and request timeouts (its default is 30 s). */
  checkEveryMs: number;
  /** A CONNECT tunnel with no traffic either way is closed after this (a backstop: the server inside closes first). */
  tunnelIdleMs: number;
}

// Browsers on loopback send a request in milliseconds; the longest legitimate silence is a
// declared response's delay (at most 15 s) or a mailbox read (at most 10 s), both below idleMs.
export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 15_000,
  idleMs: 30_000,
  keepAliveMs: 20_000,
  checkEveryMs: 1_000,
  tunnelIdleMs: 60_000,
};

/** Options for http.createServer / https.createServer that only take effect at creation. */
export function creationOptions(t: ServerTimeouts): {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  connectionsCheckingInterval: number;
} {
  return { headersTimeout: t.headersMs, requestTimeout: t.requestMs, keepAliveTimeout: t.keepAliveMs, connectionsCheckingInterval: t.checkEveryMs };
}
