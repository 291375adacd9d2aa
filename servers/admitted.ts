/**
 * What the proxy admitted for each CONNECT tunnel, so the fixture server can hold the requests
 * inside the tunnel to it: a tunnel opened for site.test:443 serves site.test:443 only, whatever
 * Host or TLS server name the client writes inside. The proxy hands a tunnel's connection to the
 * fixture listener in this process, so the record is kept on the connection itself.
 */
import type net from 'node:net';

export interface Authority {
  host: string;
  port: number;
}

export class AdmittedAuthorities {
  private bySocket = new WeakMap<net.Socket, Authority>();

  admit(socket: net.Socket, authority: Authority): void {
    this.bySocket.set(socket, authority);
  }

  /**
   * The authority admitted for the connection a request arrived on, if the proxy opened it. Over
   * TLS that is the socket under the TLS layer (Node's `_parent`), the one the proxy handed over.
   */
  lookup(socket: net.Socket): Authority | undefined {
    const under = (socket as net.Socket & { _parent?: net.Socket | null })._parent;
    return this.bySocket.get(socket) ?? (under ? this.bySocket.get(under) : undefined);
  }
}
