/**
 * Where a contract call goes: the local core worker or a Sigap server (electron/remote). The renderer
 * calls `window.sigap` the same either way; this router is the only place that knows which. Also the
 * few `window.sigapDesktop` calls of the first-run screen. Electron is passed in (ipcMain, a sender
 * check), so all of it is unit-tested without Electron.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Reply } from '../../shared/contract/index';
import { DESKTOP_CHANNELS, type DesktopAnswer, type DesktopConnection, type LinkState } from '../../shared/desktop-connection';
import { normalizeFingerprint, parseServerAddress, peekFingerprint } from '../remote/pinned-agent';

export interface Backend {
  call(name: string, input: unknown): Promise<Reply<unknown>>;
  readonly state?: LinkState;
  onState?(listener: (s: LinkState) => void): () => void;
}

export const CHOOSE_FIRST = 'Pilih dulu di mana Sigap menyimpan datanya: di komputer ini atau di server Sigap kantor.';

export class BackendRouter {
  private backend: Backend | null = null;
  private unlisten: (() => void) | null = null;
  private link: LinkState = { state: 'online' };

  constructor(private readonly onLink: (s: LinkState) => void = () => {}) {}

  get chosen(): boolean {
    return this.backend !== null;
  }

  get linkState(): LinkState {
    return this.link;
  }

  use(b: Backend): void {
    this.unlisten?.();
    this.backend = b;
    this.link = b.state ?? { state: 'online' };
    this.unlisten =
      b.onState?.((s) => {
        this.link = s;
        this.onLink(s);
      }) ?? null;
  }

  call(name: string, input: unknown): Promise<Reply<unknown>> {
    if (!this.backend) return Promise.resolve({ ok: false, error: { code: 'AUTH_REQUIRED', message: CHOOSE_FIRST } });
    return this.backend.call(name, input);
  }
}

export interface ConnectionActions {
  current(): DesktopConnection;
  linkState(): LinkState;
  /** Keeps the choice and starts the local worker. */
  useLocal(): Promise<void>;
  /** Keeps the choice (fingerprint pinned) and starts the server client. */
  useServer(address: string, fingerprint: string): Promise<void>;
  peek?: (address: URL) => Promise<string>;
}

const BAD_ADDRESS = 'Alamat server tidak sah. Tulis seperti https://sigap.pemda.go.id:8443 (selalu https).';
export const CHANGED_FINGERPRINT =
  'Server sekarang menunjukkan sidik jari sertifikat yang lain dari yang Anda setujui. Periksa lagi dengan bagian TI sebelum menyambung.';
const ALREADY = 'Sambungan sudah dipilih. Untuk menggantinya pakai Bantuan > Ganti sambungan.';

/** Why a server could not be reached, in words a clerk can act on. */
export function unreachable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Nama server tidak dikenal. Periksa ejaan alamatnya atau sambungan jaringan kantor.';
  if (code === 'ECONNREFUSED') return 'Server menolak sambungan: Sigap server tidak berjalan di alamat dan port itu.';
  if (code === 'ETIMEDOUT') return 'Server tidak menjawab. Periksa sambungan jaringan kantor atau alamatnya.';
  return 'Server Sigap tidak dapat dihubungi di alamat itu. Periksa alamat dan portnya.';
}

async function answer<T>(f: () => Promise<DesktopAnswer<T>>): Promise<DesktopAnswer<T>> {
  try {
    return await f();
  } catch (e) {
    return { ok: false, message: e instanceof Error && e.message && !(e as NodeJS.ErrnoException).code ? e.message : unreachable(e) };
  }
}

/** The `window.sigapDesktop` handlers; `trusted` refuses senders that are not Sigap's own page. */
export function registerConnectionIpc(ipcMain: Pick<IpcMain, 'handle'>, a: ConnectionActions, trusted: (e: IpcMainInvokeEvent) => boolean): void {
  const peek = a.peek ?? ((u: URL) => peekFingerprint(u));
  const guard =
    <A extends unknown[], T>(f: (...args: A) => Promise<T>) =>
    (e: IpcMainInvokeEvent, ...args: A): Promise<T | DesktopAnswer<never>> =>
      trusted(e) ? f(...args) : Promise.resolve({ ok: false, message: 'Pemanggil tidak dikenal.' });

  ipcMain.handle(DESKTOP_CHANNELS.get, guard(async () => ({ ...a.current(), link: a.linkState() })));
  ipcMain.handle(
    DESKTOP_CHANNELS.check,
    guard((typed: unknown) =>
      answer(async () => {
        const u = typeof typed === 'string' ? parseServerAddress(typed) : null;
        if (!u) return { ok: false, message: BAD_ADDRESS };
        return { ok: true, value: { address: u.origin, fingerprint: await peek(u) } };
      }),
    ),
  );
  ipcMain.handle(
    DESKTOP_CHANNELS.useLocal,
    guard(() =>
      answer(async () => {
        if (a.current().mode !== 'ask') return { ok: false, message: ALREADY };
        await a.useLocal();
        return { ok: true, value: null };
      }),
    ),
  );
  ipcMain.handle(
    DESKTOP_CHANNELS.useServer,
    guard((typed: unknown, confirmed: unknown) =>
      answer(async () => {
        if (a.current().mode !== 'ask') return { ok: false, message: ALREADY };
        const u = typeof typed === 'string' ? parseServerAddress(typed) : null;
        const fp = typeof confirmed === 'string' ? normalizeFingerprint(confirmed) : null;
        if (!u || !fp) return { ok: false, message: BAD_ADDRESS };
        // The clerk confirmed what they saw: the server must still show exactly that one.
        if ((await peek(u)) !== fp) return { ok: false, message: CHANGED_FINGERPRINT };
        await a.useServer(u.origin, fp);
        return { ok: true, value: null };
      }),
    ),
  );
}
