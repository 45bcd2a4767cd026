/**
 * The server's TLS certificate. `sigap serve` always speaks HTTPS: with `--cert/--key` it uses the
 * Pemda's own certificate; without them it makes a self-signed one ONCE, keeps it beside the data
 * (private key owner-only), and reuses it on every start, so the fingerprint the clerks pinned stays
 * the same.
 *
 * Why `selfsigned` (v5): it builds the X.509 certificate in JavaScript on Node's own WebCrypto
 * (@peculiar/x509), so it works the same on a Windows office PC, where `openssl` is usually absent,
 * and on Linux; no binary to find, no shell to quote.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { SigapError } from '../../shared/errors';

export interface ServerCertificate {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, colon hex in capitals, as browsers show it. */
  fingerprint: string;
  /** Where it came from: made now, reused from the data folder, or given with --cert/--key. */
  origin: 'created' | 'reused' | 'given';
  certPath: string;
  keyPath: string;
}

export const CERT_FILE = 'sigap-server.crt';
export const KEY_FILE = 'sigap-server.key';

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

function readPair(certPath: string, keyPath: string, origin: ServerCertificate['origin']): ServerCertificate {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(certPath, 'utf8');
    key = readFileSync(keyPath, 'utf8');
  } catch (e) {
    throw new SigapError('FILE_UNREADABLE', `Sertifikat atau kuncinya tidak dapat dibaca (${(e as NodeJS.ErrnoException).code ?? 'galat'}): ${certPath}, ${keyPath}.`);
  }
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(cert);
  } catch {
    throw new SigapError('FILE_UNREADABLE', `${certPath} bukan sertifikat X.509 (PEM) yang sah.`);
  }
  return { cert, key, fingerprint, origin, certPath, keyPath };
}

/** The certificate given with --cert and --key. */
export function givenCertificate(certPath: string, keyPath: string): ServerCertificate {
  return readPair(certPath, keyPath, 'given');
}

/**
 * The self-signed certificate kept in `dir`: made on the first start (EC P-256, ten years, names
 * localhost, this computer's name and the loopback addresses; clients pin the fingerprint, so
 * names matter less than the fingerprint), read again afterwards.
 */
export async function selfSignedCertificate(dir: string, names: string[] = []): Promise<ServerCertificate> {
  const certPath = join(dir, CERT_FILE);
  const keyPath = join(dir, KEY_FILE);
  if (existsSync(certPath) && existsSync(keyPath)) return readPair(certPath, keyPath, 'reused');
  mkdirSync(dir, { recursive: true });
  const host = safeHost();
  const dns = [...new Set(['localhost', ...(host ? [host] : []), ...names.filter((n) => !isIp(n) && n !== '0.0.0.0' && n !== '::')])];
  const ips = [...new Set(['127.0.0.1', '::1', ...names.filter((n) => isIp(n) && n !== '0.0.0.0' && n !== '::')])];
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 10 * 365 * 24 * 3600_000);
  const made = await generate([{ name: 'commonName', value: host || 'sigap-server' }, { name: 'organizationName', value: 'Sigap' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  // The key first, owner-only from its first byte; each file whole or absent (written aside, renamed).
  writeWhole(keyPath, made.private, 0o600);
  writeWhole(certPath, made.cert, 0o644);
  return { cert: made.cert, key: made.private, fingerprint: fingerprintOf(made.cert), origin: 'created', certPath, keyPath };
}

function writeWhole(path: string, text: string, mode: number): void {
  const part = `${path}.part`;
  writeFileSync(part, text, { mode });
  chmodSync(part, mode); // the umask may have taken bits away; never added any
  renameSync(part, path);
}

function isIp(s: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(s) || s.includes(':');
}

function safeHost(): string {
  try {
    return hostname().toLowerCase().replace(/[^a-z0-9.-]/g, '');
  } catch {
    return '';
  }
}
