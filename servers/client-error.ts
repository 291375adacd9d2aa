/**
 * A request the HTTP parser rejects (or that timed out) gets an answer that says why, on the proxy
 * and the fixture servers alike: a browser shown an empty response would take it for a block.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ServerTimeouts } from './timeouts.ts';

interface ParserError extends Error {
  code?: string;
  reason?: string;
}

const REASONS: Record<string, string> = {
  HPE_INVALID_METHOD: 'the method is not an HTTP method this server knows',
  HPE_INVALID_URL: 'the request target is not a valid URL or path',
  HPE_INVALID_CONSTANT: 'this is not an HTTP/1.x request line',
  HPE_INVALID_VERSION: 'the HTTP version is not 1.0 or 1.1',
  HPE_INVALID_HEADER_TOKEN: 'a header line is not "name: value" with a valid field name',
  HPE_INVALID_CONTENT_LENGTH: 'the Content-Length is not a single decimal number',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'both Content-Length and Transfer-Encoding are present',
  HPE_INVALID_TRANSFER_ENCODING: 'the Transfer-Encoding is not one this server can read',
  HPE_INVALID_CHUNK_SIZE: 'a chunk size of the chunked body is not hexadecimal',
  HPE_CR_EXPECTED: 'lines must end in CRLF',
  HPE_LF_EXPECTED: 'lines must end in CRLF',
};

function explain(err: ParserError, t: ServerTimeouts): { status: number; reason: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      reason: `the request did not arrive in time (header block within ${t.headersMs / 1000} s, whole request within ${t.requestMs / 1000} s)`,
    };
  }
  if (err.code === 'HPE_HEADER_OVERFLOW') return { status: 431, reason: 'the header block is larger than this server accepts' };
  const known = err.code ? REASONS[err.code] : undefined;
  const detail = [err.code, err.reason ?? err.message].filter(Boolean).join(': ');
  return { status: 400, reason: known ? `${known} (${detail})` : detail || 'unreadable request' };
}

export function answerClientError(err: ParserError, socket: Duplex, who: string, t: ServerTimeouts): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, reason } = explain(err, t);
  const body = `originproof ${who}: malformed request: ${reason}\n`;
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    // The peer may never read: do not let the half-closed socket linger.
    setTimeout(() => socket.destroy(), 1000).unref();
  } else socket.destroy();
}
