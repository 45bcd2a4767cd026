/**
 * The desktop's side of `sigap serve`: every contract call as `POST /api/call/<name>` with the session's
 * bearer token over HTTPS pinned by fingerprint; files up before a call, downloads saved after it; a
 * lost connection becomes a state the window shows while this client retries. Electron-free: the main
 * process hands it the dialogs (RemoteHost), tests hand it a temporary folder.
 */
import { request, type Agent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../../shared/contract/index';
import { FingerprintMismatch, pinnedAgent } from './pinned-agent';
import { isReadCall, openDialogFor, type OpenDialog } from './file-calls';

export interface ReceivedFile {
  name: string;
  bytes: Buffer;
  /** A PDF to look at rather than to keep (a decree scan). */
  inline: boolean;
}

/** What the desktop does for the client: its own dialogs. */
export interface RemoteHost {
  /** The open dialog; null when cancelled. */
  chooseOpenFile(dialog: OpenDialog): Promise<string | null>;
  readFile(path: string): Promise<Buffer>;
  /** Files a call wrote on the server: saved where the clerk chooses (or shown); the saved paths. */
  receiveFiles(call: string, files: ReceivedFile[]): Promise<string[]>;
}

export type ConnectionState = { state: 'online' } | { state: 'offline'; message: string; since: string };

export interface RemoteOptions {
  address: URL;
  fingerprint: string;
  host: RemoteHost;
  /** First wait before trying the server again; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How long a read waits for the connection to come back before it gives up. */
  readWaitMs?: number;
  now?: () => Date;
}

export const OFFLINE_MESSAGE = 'Sambungan ke server Sigap terputus. Sigap mencoba menyambung lagi…';
const NOT_SENT = 'Tidak tersambung ke server Sigap, jadi tidak ada yang dikirim atau disimpan. Coba lagi setelah sambungan pulih.';
const UNSURE =
  'Sambungan ke server terputus sebelum jawabannya diterima. Perubahan ini tersimpan utuh atau tidak sama sekali; periksa datanya dulu sebelum mengulang.';

const DOWNLOAD_LOST = 'Berkasnya sudah dibuat di server, tetapi sambungan terputus saat diunduh. Ulangi perintahnya setelah sambungan pulih.';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const isConnectionError = (e: unknown): boolean => e instanceof Error && CONNECTION_CODES.has((e as NodeJS.ErrnoException).code ?? '');

interface Res {
  status: number;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/** A request that failed; `sent` says whether its bytes may have reached the server. */
class Lost extends Error {
  constructor(
    readonly reason: Error,
    readonly sent: boolean,
  ) {
    super(reason.message);
  }
}

const refusal = (code: 'DB_BUSY' | 'INVALID_INPUT', message: string): Reply<never> => ({ ok: false, error: { code, message } });

export class RemoteClient {
  private agent: Agent;
  private token: string | null = null;
  private current: ConnectionState = { state: 'online' };
  private listeners = new Set<(s: ConnectionState) => void>();
  private waiting = new Set<() => void>();
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private progress = new Set<(e: unknown) => void>();
  private stream: { token: string; stop: () => void } | null = null;

  constructor(readonly opts: RemoteOptions) {
    this.agent = pinnedAgent(opts.address, opts.fingerprint);
  }

  get state(): ConnectionState {
    return this.current;
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** The contract's progress events of this session (the server's event stream, open while signed in). */
  onProgress(listener: (e: unknown) => void): () => void {
    this.progress.add(listener);
    return () => void this.progress.delete(listener);
  }

  /** One contract call; always a Reply (the renderer cannot tell this from the local worker). */
  async call(name: string, input: unknown): Promise<Reply<unknown>> {
    const read = isReadCall(name);
    if (this.current.state === 'offline') {
      if (!read || !(await this.waitOnline())) return refusal('DB_BUSY', NOT_SENT);
    }
    const headers: Record<string, string> = {};
    const dialog = openDialogFor(name, input);
    try {
      if (dialog) {
        const path = await this.opts.host.chooseOpenFile(dialog);
        if (!path) return { ok: true, value: null };
        headers['x-sigap-upload'] = await this.upload(path);
      }
      const res = await this.sendCall(name, input, headers, read);
      return await this.finish(name, res);
    } catch (e) {
      if (e instanceof FingerprintMismatch) return refusal('INVALID_INPUT', e.message);
      if (e instanceof Lost) return refusal('DB_BUSY', e.sent && !dialog ? UNSURE : NOT_SENT);
      throw e;
    }
  }

  private async sendCall(name: string, input: unknown, extra: Record<string, string>, read: boolean): Promise<Res> {
    const body = Buffer.from(JSON.stringify(input ?? {}));
    const send = () => this.request('POST', `/api/call/${encodeURIComponent(name)}`, { ...extra, 'content-type': 'application/json' }, body);
    try {
      return await send();
    } catch (e) {
      // Only a read is sent again (once the server is back). A write is answered at once: "nothing was
      // sent" if its bytes never left, "look before repeating" if they did; never a second copy.
      if (!(e instanceof Lost) || !read) throw e;
      if (!(await this.waitOnline())) throw e;
      return await send();
    }
  }

  private async finish(name: string, res: Res): Promise<Reply<unknown>> {
    const token = res.headers['x-sigap-token'];
    if (typeof token === 'string' && token) this.token = token;
    let reply: Reply<unknown>;
    try {
      reply = JSON.parse(res.raw.toString('utf8')) as Reply<unknown>;
    } catch {
      return refusal('DB_BUSY', `Server Sigap menjawab dengan tidak semestinya (HTTP ${res.status}). Coba lagi sebentar lagi.`);
    }
    if (name === 'auth.logout' || (!reply.ok && reply.error.code === 'AUTH_REQUIRED')) this.token = null;
    this.followEvents();
    const listed = res.headers['x-sigap-downloads'];
    if (reply.ok && typeof listed === 'string' && listed) {
      const offered = JSON.parse(listed) as { token: string; name: string; inline: boolean }[];
      const files: ReceivedFile[] = [];
      try {
        for (const d of offered) files.push({ name: d.name, inline: d.inline, bytes: await this.download(d.token) });
      } catch (e) {
        if (!(e instanceof Lost)) throw e;
        return refusal('DB_BUSY', DOWNLOAD_LOST);
      }
      if (files.length > 0) await this.opts.host.receiveFiles(name, files);
    }
    return reply;
  }

  /**
   * Keeps one event stream open for the current token: a new sign-in opens a new one, a dropped one is
   * opened again (after the connection is back), a token the server no longer knows ends it.
   */
  private followEvents(): void {
    const token = this.token;
    if (this.stream?.token === token) return;
    this.stream?.stop();
    this.stream = null;
    if (!token || this.closed || this.progress.size === 0) return;
    let stopped = false;
    let req: ReturnType<typeof request> | null = null;
    const again = () => {
      if (stopped || this.closed || this.token !== token) return;
      const t = setTimeout(open, this.opts.retryMs ?? 1000);
      t.unref?.();
    };
    const open = () => {
      if (stopped || this.closed || this.token !== token) return;
      const { address } = this.opts;
      req = request({ host: address.hostname, port: Number(address.port), method: 'GET', path: '/api/events', headers: { 'x-sigap-client': 'desktop', authorization: `Bearer ${token}` }, agent: this.agent }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          if (res.statusCode === 401) {
            stopped = true;
            return;
          }
          again();
          return;
        }
        res.setEncoding('utf8');
        let buf = '';
        res.on('data', (chunk: string) => {
          buf += chunk;
          let at: number;
          while ((at = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, at);
            buf = buf.slice(at + 2);
            const lines = block.split('\n');
            if (!lines.includes('event: progress')) continue;
            const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            try {
              const e: unknown = JSON.parse(data);
              for (const l of this.progress) l(e);
            } catch {
              // a malformed event is skipped; progress is best effort, as over IPC
            }
          }
        });
        res.on('end', again);
        res.on('error', again);
      });
      req.on('error', (e) => {
        if (isConnectionError(e)) this.lost(e, false);
        again();
      });
      req.end();
    };
    this.stream = {
      token,
      stop: () => {
        stopped = true;
        req?.destroy();
      },
    };
    open();
  }

  private async upload(path: string): Promise<string> {
    const bytes = await this.opts.host.readFile(path);
    const name = path.split(/[\\/]/).pop() ?? 'berkas';
    const res = await this.request('POST', `/api/upload?name=${encodeURIComponent(name)}`, { 'content-type': 'application/octet-stream' }, bytes);
    const reply = JSON.parse(res.raw.toString('utf8')) as Reply<{ token: string }>;
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { reply });
    return reply.value.token;
  }

  private async download(token: string): Promise<Buffer> {
    const res = await this.request('GET', `/api/files/${encodeURIComponent(token)}`, {});
    if (res.status !== 200) throw new Error(`Berkas dari server tidak dapat diunduh (HTTP ${res.status}).`);
    return res.raw;
  }

  private request(method: string, path: string, extra: Record<string, string>, body?: Buffer): Promise<Res> {
    const headers: Record<string, string> = { ...extra, 'x-sigap-client': 'desktop' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body) headers['content-length'] = String(body.length);
    const { address } = this.opts;
    return new Promise<Res>((resolve, reject) => {
      let sent = false;
      const req = request({ host: address.hostname, port: Number(address.port), method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          this.online();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) });
        });
        res.on('error', (e) => reject(this.lost(e, true)));
      });
      req.on('finish', () => (sent = true));
      req.on('error', (e) => reject(e instanceof FingerprintMismatch ? e : isConnectionError(e) ? this.lost(e, sent) : e));
      req.end(body);
    });
  }

  private lost(e: Error, sent: boolean): Lost {
    if (this.current.state === 'online' && !this.closed) {
      this.emit({ state: 'offline', message: OFFLINE_MESSAGE, since: (this.opts.now?.() ?? new Date()).toISOString() });
      this.scheduleRetry(this.opts.retryMs ?? 1000);
    }
    return new Lost(e, sent);
  }

  private online(): void {
    if (this.current.state === 'online') return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.emit({ state: 'online' });
    for (const w of this.waiting) w();
  }

  private scheduleRetry(ms: number): void {
    if (this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.request('GET', '/api/health', {}).then(
        (r) => {
          if (r.status !== 200) this.scheduleRetry(Math.min(ms * 2, this.opts.maxRetryMs ?? 15_000));
        },
        () => this.current.state === 'offline' && this.scheduleRetry(Math.min(ms * 2, this.opts.maxRetryMs ?? 15_000)),
      );
    }, ms);
    this.retryTimer.unref?.();
  }

  /** Resolves true when the connection is back, false after readWaitMs. */
  private waitOnline(): Promise<boolean> {
    if (this.current.state === 'online') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(t);
        this.waiting.delete(back);
        resolve(ok);
      };
      const back = () => done(true);
      const t = setTimeout(() => done(false), this.opts.readWaitMs ?? 30_000);
      this.waiting.add(back);
    });
  }

  private emit(s: ConnectionState): void {
    this.current = s;
    for (const l of this.listeners) l(s);
  }

  close(): void {
    this.closed = true;
    this.stream?.stop();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const w of this.waiting) w();
    this.agent.destroy();
  }
}
