/**
 * Raw clients for the network self-tests: exact bytes in, everything the peer sent out, so a
 * test sees what a browser would (including an empty answer or a connection that never ends).
 */
import net from 'node:net';
import tls from 'node:tls';

export interface RawAnswer {
  /** Every byte the peer sent, as latin1 text. */
  text: string;
  /** The peer closed the connection (rather than our own bound ending the wait). */
  closed: boolean;
}

function collect(socket: net.Socket, boundMs: number): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let text = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => finish(false), boundMs);
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
  });
}

/** Sends `text` on a fresh TCP connection to 127.0.0.1:port and returns what came back. */
export function rawRequest(port: number, text: string | Buffer, boundMs = 5000): Promise<RawAnswer> {
  const s = net.connect(port, '127.0.0.1', () => s.write(text));
  return collect(s, boundMs);
}

/** Like rawRequest, but rejects unless the peer answered and closed within the bound. */
export async function rawExchange(port: number, text: string | Buffer, boundMs = 5000): Promise<string> {
  const r = await rawRequest(port, text, boundMs);
  if (!r.closed) throw new Error(`no complete answer within ${boundMs} ms; got ${JSON.stringify(r.text.slice(0, 200))}`);
  return r.text;
}

/** A TLS connection opened directly on a listener, with the given server name (SNI). */
export function tlsDirect(port: number, servername: string, text: string, boundMs = 5000): Promise<RawAnswer> {
  const t = tls.connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false }, () => t.write(text));
  return collect(t, boundMs);
}

/** CONNECT authority through the proxy, then TLS with `servername`, then `text` inside the tunnel. */
export function viaTunnel(proxyPort: number, authority: string, servername: string, text: string, boundMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const s = net.connect(proxyPort, '127.0.0.1', () => s.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    s.once('error', reject);
    s.once('data', (d: Buffer) => {
      if (!d.toString('latin1').startsWith('HTTP/1.1 200')) return reject(new Error(`CONNECT ${authority} refused: ${d.toString('latin1')}`));
      const t = tls.connect({ socket: s, servername, rejectUnauthorized: false }, () => t.write(text));
      resolve(collect(t, boundMs));
    });
  });
}

/** Status code of the first response in a raw answer, or 0 when nothing parseable came back. */
export function statusOf(text: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
}

/** Body of the first response in a raw answer (everything after the blank line). */
export function bodyOf(text: string): string {
  const i = text.indexOf('\r\n\r\n');
  return i < 0 ? '' : text.slice(i + 4);
}
