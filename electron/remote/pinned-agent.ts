/**
 * HTTPS to a Sigap server whose certificate is pinned by its SHA-256 fingerprint (the server makes a
 * self-signed one and prints the fingerprint; the IT office hands it to each desktop). No CA is
 * trusted: the fingerprint is the whole check. Electron-free, so Node tests reach a real server.
 */
import { Agent, type AgentOptions } from 'node:https';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { isIP, type Socket } from 'node:net';

/** "AB:CD:…" upper case, as node's `fingerprint256` and `sigap serve` print it. */
export function normalizeFingerprint(s: string): string | null {
  const hex = s.replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

export const MISMATCH_MESSAGE =
  'Sidik jari sertifikat server tidak cocok dengan yang disimpan. Sambungan dihentikan dan tidak ada data yang dikirim. ' +
  'Jika server memang mendapat sertifikat baru, minta sidik jari yang baru ke bagian TI lalu sambungkan ulang lewat Bantuan > Ganti sambungan.';

export class FingerprintMismatch extends Error {
  readonly code = 'FINGERPRINT_MISMATCH';
  constructor(readonly seen: string) {
    super(MISMATCH_MESSAGE);
  }
}

/** The server address the clerk typed, as an https URL with a port (8443 by default); null if unusable. */
export function parseServerAddress(typed: string): URL | null {
  let s = typed.trim();
  if (!s) return null;
  if (!/^[a-z]+:\/\//i.test(s)) s = `https://${s}`;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || !u.hostname || u.username || u.password) return null;
  if (!u.port) u.port = '8443';
  u.pathname = '/';
  u.search = '';
  u.hash = '';
  return u;
}

const tlsOptions = (u: URL): ConnectionOptions => {
  const host = u.hostname.replace(/^\[|\]$/g, '');
  // SNI is for names only; an address must not be sent as a server name.
  return { host, port: Number(u.port), rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) };
};

/** Connects once and reads the certificate's fingerprint, sending nothing: for the first-run confirmation. */
export function peekFingerprint(address: URL, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(tlsOptions(address));
    s.setTimeout(timeoutMs, () => s.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    s.once('secureConnect', () => {
      const fp = s.getPeerCertificate().fingerprint256;
      s.end();
      s.destroy();
      resolve(fp);
    });
    s.once('error', reject);
  });
}

/**
 * A keep-alive agent whose every new socket is checked against the pinned fingerprint BEFORE the request
 * is handed the socket: on a mismatch not one byte of the request is written.
 */
export function pinnedAgent(address: URL, fingerprint: string, opts: AgentOptions = {}): Agent {
  const agent = new Agent({ keepAlive: true, maxSockets: 6, ...opts });
  const base = tlsOptions(address);
  (agent as unknown as { createConnection: unknown }).createConnection = (_o: unknown, done: (err: Error | null, s?: Socket) => void) => {
    const s: TLSSocket = connect(base);
    const fail = (e: Error) => done(e);
    s.once('error', fail);
    s.once('secureConnect', () => {
      s.removeListener('error', fail);
      const seen = s.getPeerCertificate().fingerprint256;
      if (seen !== fingerprint) {
        s.destroy();
        done(new FingerprintMismatch(seen));
        return;
      }
      done(null, s);
    });
    return undefined;
  };
  return agent;
}
