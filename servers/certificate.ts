import { generate } from 'selfsigned';
import { catalogHosts } from '../protocol/origins.ts';

export interface Certificate {
  cert: string;
  key: string;
  hosts: string[];
}

/**
 * A fresh self-signed certificate per run whose SANs cover every catalog host.
 * Browsers run with certificate errors ignored, so nothing is installed anywhere.
 */
export async function createCertificate(hosts: string[] = catalogHosts()): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'originproof.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2 as const, value })) },
    ],
  });
  return { cert: pems.cert, key: pems.private, hosts };
}
