import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as x509 from '@peculiar/x509';
import { generate } from 'selfsigned';
import { catalogHosts } from '../protocol/origins.ts';

export interface Certificate {
  /** PEM: the leaf, followed by the local CA when one signed it (browsers get the chain). */
  cert: string;
  key: string;
  hosts: string[];
}

const LEAF_DAYS = 7;

function leafExtensions(hosts: string[]) {
  return [
    { name: 'basicConstraints' as const, cA: false },
    { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage' as const, serverAuth: true },
    { name: 'subjectAltName' as const, altNames: hosts.map((value) => ({ type: 2 as const, value })) },
  ];
}

/**
 * A fresh self-signed certificate per run whose SANs cover every catalog host.
 * Browsers run with certificate errors ignored, so nothing is installed anywhere.
 */
export async function createCertificate(hosts: string[] = catalogHosts()): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'originproof.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + LEAF_DAYS * 24 * 3600 * 1000),
    extensions: leafExtensions(hosts),
  });
  return { cert: pems.cert, key: pems.private, hosts };
}

/** Base64 SHA-256 of a certificate's public key (the first in `pem`): what Chromium's --ignore-certificate-errors-spki-list takes. */
export function spkiHash(pem: string): string {
  const der = new crypto.X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('base64');
}

// ---- a local certificate authority a person may choose to trust (serve --ca) ----

export interface LocalCa {
  dir: string;
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  /** True when this call made it (first use), false when it was read back. */
  created: boolean;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CA_DAYS = 825;

export function defaultCaDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ORIGINPROOF_CA_DIR ?? path.join(os.homedir(), '.originproof', 'ca');
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The catalog's sites (registrable domains): the only names the local CA may vouch for. */
export function catalogSites(): string[] {
  return [...new Set(catalogHosts().map((h) => h.split('.').slice(-2).join('.')))].sort();
}

/** DER of one element: tag, length (short or long form), content. */
function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

/**
 * NameConstraints (RFC 5280 §4.2.1.10) permitting only these DNS subtrees: a dNSName constraint
 * "site.test" covers site.test and every name below it, and nothing else.
 */
export function nameConstraintsDer(sites: string[]): Buffer {
  const subtrees = sites.map((site) => der(0x30, der(0x82, Buffer.from(site, 'ascii'))));
  return der(0x30, der(0xa0, Buffer.concat(subtrees)));
}

/**
 * A CA certificate that can sign only for `sites` (critical name constraints), with a path length
 * of 0. selfsigned drops extensions it does not know, so this one is made with @peculiar/x509.
 */
async function createConstrainedCa(commonName: string, sites: string[]): Promise<{ cert: string; private: string }> {
  x509.cryptoProvider.set(crypto.webcrypto as unknown as Crypto);
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = (await crypto.webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: crypto
      .randomBytes(16)
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: `CN=${commonName.replace(/[,+="\\<>;#]/g, ' ')}`,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + CA_DAYS * 24 * 3600 * 1000),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.Extension('2.5.29.30', true, new Uint8Array(nameConstraintsDer(sites))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await crypto.webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return { cert: cert.toString('pem'), private: `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n` };
}

/** Where `dir` really is: symlinks resolved on the part that exists, the rest (to be made) appended. */
export function realLocation(dir: string): string {
  const abs = path.resolve(dir);
  let existing = abs;
  const rest: string[] = [];
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(fs.realpathSync(existing), ...rest);
}

/** Whether `dir`, symlinks resolved, lies inside the repository (a link into it does not pass). */
export function insideRepository(dir: string, root = REPO_ROOT): boolean {
  return isInside(path.resolve(dir), root) || isInside(realLocation(dir), fs.realpathSync(root));
}

/**
 * The local CA in `dir`, made on first use: its key readable only by this user (0600) in a
 * folder only this user may enter (0700), never inside the repository, never installed into
 * any trust store by the harness. A CA trusted by a browser can vouch for any site, so it is
 * meant for a browser profile kept for testing; the printed instructions say so.
 */
export async function loadOrCreateLocalCa(dir = defaultCaDir()): Promise<LocalCa> {
  const abs = path.resolve(dir);
  if (insideRepository(abs))
    throw new Error(`originproof: the local CA must live outside the repository (${abs} is inside ${REPO_ROOT}); pick another --ca-dir`);
  const certFile = path.join(abs, 'originproof-ca.pem');
  const keyFile = path.join(abs, 'originproof-ca.key');
  if (fs.existsSync(certFile) || fs.existsSync(keyFile)) {
    if (!fs.existsSync(certFile) || !fs.existsSync(keyFile))
      throw new Error(`originproof: ${abs} holds only half of the local CA; remove the folder to make a new one`);
    const mode = fs.statSync(keyFile).mode & 0o777;
    if (mode & 0o077) throw new Error(`originproof: ${keyFile} is readable by other users (mode ${mode.toString(8)}); run: chmod 600 ${keyFile}`);
    return { dir: abs, certFile, keyFile, cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8'), created: false };
  }
  fs.mkdirSync(abs, { recursive: true, mode: 0o700 });
  fs.chmodSync(abs, 0o700);
  const pems = await createConstrainedCa(`originproof local CA (${os.hostname()}, ${new Date().toISOString().slice(0, 10)})`, catalogSites());
  // The key is written with 0600 from its first byte (then chmod, whatever the umask).
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(keyFile, 0o600);
  fs.writeFileSync(certFile, pems.cert, { mode: 0o644, flag: 'wx' });
  return { dir: abs, certFile, keyFile, cert: pems.cert, key: pems.private, created: true };
}

/** A leaf for every catalog host, signed by the local CA; made per run, like the self-signed one. */
export async function createLeafCertificate(ca: LocalCa, hosts: string[] = catalogHosts()): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'originproof.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + LEAF_DAYS * 24 * 3600 * 1000),
    ca: { key: ca.key, cert: ca.cert },
    extensions: leafExtensions(hosts),
  });
  return { cert: `${pems.cert.trim()}\n${ca.cert.trim()}\n`, key: pems.private, hosts };
}

/** What a person does to trust the CA in one browser profile (the harness never does it). */
export function trustInstructions(ca: LocalCa): string {
  return [
    `Local CA certificate: ${ca.certFile}${ca.created ? ' (made now)' : ''}; its key ${ca.keyFile} is readable by you only.`,
    'Trust it only in a browser profile kept for testing: a trusted CA can vouch for any site, and the key is on this disk.',
    '  Firefox:  Settings → Privacy & Security → Certificates → View Certificates → Authorities → Import, tick "Trust this CA to identify websites";',
    `            or: certutil -A -d sql:<profile dir> -n "originproof local CA" -t "C,," -i ${ca.certFile}  (Debian: libnss3-tools)`,
    '  Chrome/Chromium, Edge:  Settings → Privacy and security → Security → Manage certificates → (Custom / Authorities) → Import, trust for websites;',
    `            Linux, per user: certutil -A -d sql:$HOME/.pki/nssdb -n "originproof local CA" -t "C,," -i ${ca.certFile}`,
    '  Safari (macOS): open the .pem in Keychain Access (login keychain), then Get Info → Trust → "Always Trust" for SSL.',
    '  iOS: send the .pem to the device, install the profile, then Settings → General → About → Certificate Trust Settings → enable full trust.',
    '  Android: Settings → Security → Encryption & credentials → Install a certificate → CA certificate (Chrome honours user CAs).',
    `Remove it the same way when done; delete ${ca.dir} to make a new one next time.`,
  ].join('\n');
}
