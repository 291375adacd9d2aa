/**
 * Which declared header lines the fixture network can put on the wire, and which of them need
 * the raw writer (servers/raw-response.ts) because Node's http layer refuses them. Pure; shared
 * by the declared-response renderer (it refuses the unsendable) and the server (it routes the rest).
 * A header line is a pair of byte strings: one character a byte (0x00–0xFF).
 */
export type HeaderLine = [string, string];

// Bytes Node's http layer accepts in a header value (lib/_http_common.js checkInvalidHeaderChar).
const NODE_VALUE_OK = /^[\t\x20-\x7e\x80-\xff]*$/;
// RFC 9110 token: what Node accepts as a field name (checkIsHttpToken).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** True when Node's `writeHead` would refuse one of these header lines. */
export function needsRawWrite(headers: HeaderLine[]): boolean {
  return headers.some(([name, value]) => !TOKEN.test(name) || !NODE_VALUE_OK.test(value));
}

/**
 * Why a declared line cannot go on the wire at all, or undefined. Everything Node refuses is still
 * sendable raw, except what is not bytes, and what would break the message's framing: a name that
 * is empty or holds ":", CR or LF, and a CR LF in a value that does not start a folded line.
 */
export function unsendableHeader(name: string, value: string): string | undefined {
  const notByte = [...name, ...value].find((c) => c.charCodeAt(0) > 0xff);
  if (notByte)
    return `the character U+${notByte.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not a byte; write UTF-8 as its bytes (one character per byte)`;
  if (!name || /[:\r\n]/.test(name)) return 'a field name must be non-empty and hold no ":", CR or LF';
  if (/\r\n(?![ \t])/.test(value)) return 'a CR LF inside a value must start a folded line (be followed by SP or HTAB); otherwise it would end the line';
  return undefined;
}
