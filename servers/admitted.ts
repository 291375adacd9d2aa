/**
 * What the proxy admitted for each CONNECT tunnel, so the HTTPS fixture server can hold the
 * request inside the tunnel to it: a tunnel opened for site.test:443 serves site.test:443 only,
 * whatever Host or TLS server name the client writes inside. Keyed by the tunnel's local port
 * on 127.0.0.1, which the fixture server sees as the connection's remote port.
 */
export interface Authority {
  host: string;
  port: number;
}

export class AdmittedAuthorities {
  private byPort = new Map<number, Authority>();

  admit(localPort: number, authority: Authority): void {
    this.byPort.set(localPort, authority);
  }

  release(localPort: number): void {
    this.byPort.delete(localPort);
  }

  /** The authority admitted for a connection from 127.0.0.1:remotePort, if the proxy opened it. */
  lookup(remotePort: number | undefined): Authority | undefined {
    return remotePort === undefined ? undefined : this.byPort.get(remotePort);
  }

  get size(): number {
    return this.byPort.size;
  }
}
