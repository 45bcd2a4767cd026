/**
 * One signed-in client of the server. The core's session gate (core/auth/session.ts) holds ONE user per
 * core context and sets that context's actor and identity masking on every call; so each server
 * session gets its own core context over the one shared store, its own gate (`sessionFor`) and its own
 * API (`createApi`). The gate's rules are not copied: two clerks at once simply have two gates, and a
 * finance officer's call can never run with the HR clerk's role or name in the audit trail.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { createApi } from '../core/api/create-api';
import { dispatch, type Handlers } from '../core/api/dispatch';
import type { HostServices } from '../core/api/host';
import { sessionFor, type SessionGate } from '../core/auth/session';
import type { CoreContext } from '../core/context';
import type { ProgressEvent, Reply } from '../../shared/contract/index';
import { SigapError } from '../../shared/errors';
import type { PdfOptions } from '../../shared/paper';
import { newToken, safeName, SessionFiles, type Download } from './files';

/** What one HTTP call brings and takes away: the uploads it names, the files it wrote. */
interface CallScope {
  /** The session making the call: a host service of another session refuses it. */
  session: ServerSession;
  uploads: string[];
  written: { path: string; inline: boolean }[];
}

/**
 * The running call's scope, found by the host services it reaches. ONE store for the whole server, not
 * one per session: Node runs every enabled AsyncLocalStorage's hook on every promise made in the
 * process, and an instance once used is never released, so a store per session made every promise of
 * every call pay for every sign-in since the start (under 30 clerks, 40% of the server's CPU time).
 */
const callScope = new AsyncLocalStorage<CallScope>();

export interface SessionDeps {
  /** The shared store, as a core context carries it ({ db } on SQLite, { store } on PostgreSQL). */
  base: Pick<CoreContext, 'db' | 'store'>;
  clock: () => Date;
  appVersion: string;
  backupDir: string | null;
  printToPdf?: (html: string, opts: PdfOptions) => Promise<Uint8Array>;
  onInternalError: (name: string, e: unknown) => void;
  /** Calls the server answers itself instead of the core (a restore, which swaps the file under everyone). */
  overrides: Partial<Record<string, () => never>>;
}

export class ServerSession {
  readonly token = newToken(32);
  readonly csrf = newToken(24);
  readonly ctx: CoreContext;
  readonly gate: SessionGate;
  readonly files: SessionFiles;
  readonly streams = new Set<ServerResponse>();
  lastSeen: number;
  private readonly handlers: Handlers;
  private readonly folderName: string;

  constructor(
    private readonly deps: SessionDeps,
    dir: string,
    /** Reached by a bearer token (the desktop) rather than a cookie (a browser). */
    readonly bearer: boolean,
  ) {
    // A context of its own over the shared store: its actor and masking are this session's alone.
    this.ctx = { ...deps.base, actor: 'app', clock: deps.clock };
    this.folderName = newToken(9);
    this.files = new SessionFiles(join(dir, this.folderName));
    this.lastSeen = deps.clock().getTime();
    const handlers = createApi(this.ctx, this.host()) as unknown as Record<string, unknown>;
    for (const [name, fn] of Object.entries(deps.overrides)) handlers[name] = fn;
    this.handlers = handlers as unknown as Handlers;
    this.gate = sessionFor(this.ctx);
  }

  /** One contract call, through the core's own dispatch (session gate, zod, masking, error words). */
  async call(name: string, input: unknown, uploads: string[]): Promise<{ reply: Reply<unknown>; downloads: Download[] }> {
    this.lastSeen = this.deps.clock().getTime();
    const scope: CallScope = { session: this, uploads: [...uploads], written: [] };
    const reply = await callScope.run(scope, () => dispatch(this.handlers, name, input, { gate: this.gate, onInternalError: this.deps.onInternalError }));
    const now = this.deps.clock().getTime();
    const downloads = scope.written.flatMap((w) => this.files.offer(w.path, now, w.inline));
    return { reply: reply.ok ? { ok: true, value: this.serverPathsToNames(reply.value) } : reply, downloads };
  }

  /** Sends a progress event to this session's open event streams (Server-Sent Events). */
  emit(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const s of this.streams) s.write(frame);
  }

  end(): void {
    for (const s of this.streams) s.end();
    this.streams.clear();
    this.files.remove();
  }

  /**
   * A path of this session's folder means nothing to the client: the reply names the file only
   * (`daftar-pegawai-2026-03.xlsx`); the bytes come through its download.
   */
  private serverPathsToNames(v: unknown): unknown {
    // Every string of every reply passes here (a roster page: thousands): a path into the folder names
    // the folder's own random segment, so a string without it is answered before path.relative runs.
    if (typeof v === 'string') return v.includes(this.folderName) && this.files.contains(v) ? v.split(/[\\/]/).pop()! : v;
    if (Array.isArray(v)) return v.map((x) => this.serverPathsToNames(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.serverPathsToNames(x)]));
    return v;
  }

  private host(): HostServices {
    const current = (): CallScope => {
      const s = callScope.getStore();
      if (!s || s.session !== this) throw new SigapError('INTERNAL', 'Berkas hanya dapat dipakai dalam satu panggilan.');
      return s;
    };
    const print = this.deps.printToPdf;
    return {
      appVersion: this.deps.appVersion,
      backupDir: this.deps.backupDir,
      chooseOpenFile: async ({ filters }) => {
        const s = current();
        return this.files.takeUpload(s.uploads.shift(), filters.flatMap((f) => f.extensions));
      },
      chooseSaveFile: async ({ defaultName }) => {
        const path = join(this.files.freshFolder('out'), safeName(defaultName));
        current().written.push({ path, inline: false });
        return path;
      },
      chooseFolder: async () => {
        const dir = this.files.freshFolder('dir');
        current().written.push({ path: dir, inline: false });
        return dir;
      },
      printToPdf: async (html, opts) => {
        if (!print) throw new SigapError('INVALID_INPUT', 'Server ini tidak dapat membuat PDF: Chromium tidak tersedia di server (lihat SIGAP_CHROMIUM).');
        return await print(html, opts);
      },
      showPdf: async (bytes, title) => {
        const path = join(this.files.freshFolder('out'), safeName(`${title.replace(/\.pdf$/i, '')}.pdf`, 'dokumen.pdf'));
        writeFileSync(path, bytes, { mode: 0o600 });
        current().written.push({ path, inline: true });
      },
      // "Buka folder" on a server: the file the core wrote for this session is offered again.
      showInFolder: async (path) => {
        if (!this.files.contains(path)) throw new SigapError('NOT_FOUND', 'Berkas ini tersimpan di server; unduh lagi dari hasil perintahnya.');
        current().written.push({ path, inline: false });
      },
      progress: (e: ProgressEvent) => this.emit('progress', e),
    };
  }
}
