/**
 * Files of a session on the server. The core's host services (host.ts) were made for a desktop: a
 * native dialog picks a file to read or a place to write. On a server there is no dialog, so:
 * - a file the core READS is one the client uploaded first (`POST /api/upload`, a token back); the
 *   call names it in the `x-sigap-upload` header and the host's chooseOpenFile hands the core its path;
 * - a file the core WRITES goes into a fresh folder of the session; when the call ends, every file
 *   written there becomes a download (`GET /api/files/<token>`) that only this session can fetch, for
 *   a short while, and the reply names them in the `x-sigap-downloads` header.
 * Everything lives in the session's own folder (owner-only) and goes when the session ends.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { SigapError } from '../../shared/errors';

export interface Download {
  token: string;
  path: string;
  name: string;
  bytes: number;
  /** A PDF to look at (a decree scan): shown inline rather than saved. */
  inline: boolean;
  expires: number;
}

export interface Upload {
  token: string;
  path: string;
  name: string;
  bytes: number;
  at: number;
}

/** How long a download can be fetched (the browser fetches it at once; a retry or two fits). */
export const DOWNLOAD_MS = 15 * 60_000;
/** Uploads kept per session: an SK wizard needs one at a time; older ones go. */
const UPLOADS_KEPT = 8;

export const newToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');

/** A file name safe on every file system: no folders, no control or reserved characters. */
export function safeName(name: string, fallback = 'berkas'): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/\p{Cc}/gu, '_') // control characters
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  return cleaned || fallback;
}

export class SessionFiles {
  readonly uploads = new Map<string, Upload>();
  readonly downloads = new Map<string, Download>();
  private n = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** A fresh folder of this session for one file or one batch of files. */
  freshFolder(kind: 'in' | 'out' | 'dir'): string {
    const d = join(this.dir, `${kind}-${++this.n}-${newToken(6)}`);
    mkdirSync(d, { mode: 0o700 });
    return d;
  }

  contains(path: string): boolean {
    const rel = relative(this.dir, path);
    return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
  }

  addUpload(name: string, bytes: Buffer, now: number): Upload {
    const path = join(this.freshFolder('in'), safeName(name));
    writeFileSync(path, bytes, { mode: 0o600 });
    const up: Upload = { token: newToken(), path, name: basename(path), bytes: bytes.length, at: now };
    this.uploads.set(up.token, up);
    while (this.uploads.size > UPLOADS_KEPT) {
      const [oldest] = this.uploads.values();
      this.uploads.delete(oldest!.token);
      rmSync(join(oldest!.path, '..'), { recursive: true, force: true });
    }
    return up;
  }

  /** The upload a call names, checked against the kinds of file the core asked for. */
  takeUpload(token: string | undefined, extensions: string[]): string {
    const up = token ? this.uploads.get(token) : undefined;
    if (!up) throw new SigapError('NOT_FOUND', 'Berkas belum diunggah atau sudah kedaluwarsa. Unggah berkasnya lagi.');
    const ext = extname(up.name).slice(1).toLowerCase();
    if (extensions.length && !extensions.includes('*') && !extensions.map((e) => e.toLowerCase()).includes(ext)) {
      throw new SigapError('INVALID_INPUT', `Jenis berkas ${up.name} tidak sesuai: yang diterima ${extensions.map((e) => `.${e}`).join(', ')}.`);
    }
    return up.path;
  }

  /** Every file under `path` (a file or a folder the core wrote) as a download. */
  offer(path: string, now: number, inline = false): Download[] {
    if (!this.contains(path)) return [];
    let st;
    try {
      st = statSync(path);
    } catch {
      return [];
    }
    if (st.isDirectory()) return readdirSync(path).sort().flatMap((f) => this.offer(join(path, f), now, inline));
    if (!st.isFile() || path.endsWith('.part')) return [];
    for (const d of this.downloads.values()) if (d.path === path) {
      d.expires = now + DOWNLOAD_MS;
      d.bytes = st.size;
      return [d];
    }
    const d: Download = { token: newToken(), path, name: basename(path), bytes: st.size, inline, expires: now + DOWNLOAD_MS };
    this.downloads.set(d.token, d);
    return [d];
  }

  download(token: string, now: number): Download | undefined {
    const d = this.downloads.get(token);
    if (!d) return undefined;
    if (d.expires < now) {
      this.downloads.delete(token);
      return undefined;
    }
    return d;
  }

  sweep(now: number): void {
    for (const d of this.downloads.values()) if (d.expires < now) this.downloads.delete(d.token);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
