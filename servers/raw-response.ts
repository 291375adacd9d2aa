/**
 * Writes a declared response byte for byte on the socket, for header lines Node's http layer
 * refuses to send: control bytes (0x00–0x08, 0x0A–0x1F, 0x7F) in a value, CR LF inside a value
 * (obsolete line folding), or a field name that is not a token. Node's `writeHead` validates
 * every name and value and throws on these, so the parsing catalog could never
 * reach the browser with them.
 *
 * A declared header line is a pair of byte strings: each character is one byte (code points
 * 0x00–0xFF, the same "latin1" convention Node uses for header strings). The line goes on the
 * wire as `name: value CRLF`, exactly as Node writes the lines it accepts, so a value's own
 * leading or trailing whitespace, and a CR LF SP inside it, reach the browser unchanged.
 *
 * What cannot be sent, by construction:
 *  - characters above 0xFF (not bytes): refused with an error naming the header;
 *  - anything over a plain-http origin: those requests pass the proxy's http.request/llhttp,
 *    which re-parses and re-serializes the response (and rejects control bytes), so raw
 *    variants are served on https origins only (the CONNECT tunnel copies bytes unchanged);
 *  - keep-alive: the response says `Connection: close` and the socket is ended after it,
 *    because Node's own response object for this request never writes and would otherwise
 *    hold every later response on the connection.
 */
import type { ServerResponse } from 'node:http';

import type { HeaderLine } from '../protocol/header-bytes.ts';

export { needsRawWrite, unsendableHeader, type HeaderLine } from '../protocol/header-bytes.ts';

function assertBytes(what: string, s: string): void {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) {
      throw new Error(
        `originproof: ${what} has the character U+${s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} at ${i}, which is not a byte; write UTF-8 as its bytes (one character per byte)`,
      );
    }
  }
}

const REASONS: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  404: 'Not Found',
  500: 'Internal Server Error',
};

/** The exact bytes of the response: status line, each declared line as `name: value`, framing, body. */
export function rawResponseBytes(status: number, headers: HeaderLine[], body: Buffer): Buffer {
  let head = `HTTP/1.1 ${status} ${REASONS[status] ?? 'Status'}\r\n`;
  for (const [name, value] of headers) {
    assertBytes(`header name ${JSON.stringify(name)}`, name);
    assertBytes(`the value of header ${JSON.stringify(name)}`, value);
    head += `${name}: ${value}\r\n`;
  }
  const hasLength = headers.some(([n]) => n.toLowerCase() === 'content-length');
  const bodyless = status === 204 || status === 304;
  if (!hasLength && !bodyless) head += `Content-Length: ${body.length}\r\n`;
  head += 'Connection: close\r\n\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), bodyless ? Buffer.alloc(0) : body]);
}

/**
 * Writes the response on the request's socket and closes it once the bytes are out, and returns
 * the bytes written. A line that is not bytes gets a 500 naming the cause instead (nothing hangs,
 * nothing crashes), and nothing is returned.
 */
export function writeRawResponse(res: ServerResponse, status: number, headers: HeaderLine[], body: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = rawResponseBytes(status, headers, body);
  } catch (e) {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(`originproof: declared response could not be sent: ${(e as Error).message}`);
    return undefined;
  }
  if (res.socket) res.socket.end(bytes);
  else res.destroy();
  return res.socket ? bytes : undefined;
}
