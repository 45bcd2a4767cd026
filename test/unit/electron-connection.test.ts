/**
 * The desktop's choice between its own database and a Sigap server, with Electron replaced: the
 * config file, the router the bridge calls through, the first-run IPC, the dialogs for server files.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions } from 'electron';
import { tempDir } from '../helpers';
import { connectionPath, readConnectionFile, startingConnection, writeConnectionFile } from '../../electron/main/connection-config';
import { BackendRouter, CHANGED_FINGERPRINT, CHOOSE_FIRST, registerConnectionIpc, unreachable, type Backend } from '../../electron/main/backend';
import { desktopRemoteHost } from '../../electron/main/remote-host';
import { changeConnectionMessage, helpMenu } from '../../electron/main/help-menu';
import { DESKTOP_CHANNELS, type DesktopConnection, type LinkState } from '../../shared/desktop-connection';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const FP = Array(32).fill('AB').join(':');
const OTHER = Array(32).fill('CD').join(':');

describe('the connection file in the user-data folder', () => {
  it('asks on a fresh install, keeps an existing database without asking', () => {
    const file = connectionPath(dir);
    expect(file).toBe(join(dir, 'sambungan.json'));
    expect(startingConnection(file, join(dir, 'sigap.db'))).toEqual({ mode: 'ask' });
    writeFileSync(join(dir, 'sigap.db'), '');
    expect(startingConnection(file, join(dir, 'sigap.db'))).toEqual({ mode: 'local' });
  });

  it('keeps the choice, written atomically and owner-only; the address and fingerprint normalised', () => {
    const file = connectionPath(join(dir, 'baru'));
    writeConnectionFile(file, { mode: 'server', address: 'https://sigap.pemda.go.id:8443', fingerprint: FP });
    expect(readdirSync(join(dir, 'baru'))).toEqual(['sambungan.json']); // no temp file left behind
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, connection: { mode: 'server', address: 'https://sigap.pemda.go.id:8443', fingerprint: FP } });
    expect(startingConnection(file, '/tidak/ada.db')).toEqual({ mode: 'server', address: 'https://sigap.pemda.go.id:8443', fingerprint: FP });
    // Written by hand with a lower-case fingerprint and no port: read as the app writes it.
    writeFileSync(file, JSON.stringify({ version: 1, connection: { mode: 'server', address: 'sigap.pemda.go.id', fingerprint: FP.toLowerCase().replace(/:/g, '') } }));
    expect(readConnectionFile(file)).toEqual({ mode: 'server', address: 'https://sigap.pemda.go.id:8443', fingerprint: FP });
    writeConnectionFile(file, { mode: 'local' });
    expect(startingConnection(file, '/tidak/ada.db')).toEqual({ mode: 'local' });
  });

  it('asks again after "Ganti sambungan", and when the file is unreadable or names no usable server (never guesses)', () => {
    const file = connectionPath(dir);
    writeFileSync(join(dir, 'sigap.db'), '');
    writeConnectionFile(file, null);
    expect(startingConnection(file, join(dir, 'sigap.db'))).toEqual({ mode: 'ask' });
    for (const bad of ['{', '[]', '{"version":2,"connection":{"mode":"local"}}', JSON.stringify({ version: 1, connection: { mode: 'server', address: 'http://x', fingerprint: FP } }), JSON.stringify({ version: 1, connection: { mode: 'server', address: 'https://x', fingerprint: 'AB' } })]) {
      writeFileSync(file, bad);
      expect(startingConnection(file, join(dir, 'sigap.db')), bad).toEqual({ mode: 'ask' });
    }
  });
});

describe('the router behind window.sigap', () => {
  it('answers "choose first" until a backend is chosen, then sends every call there', async () => {
    const router = new BackendRouter();
    expect(router.chosen).toBe(false);
    expect(await router.call('roster.list', {})).toEqual({ ok: false, error: { code: 'AUTH_REQUIRED', message: CHOOSE_FIRST } });
    const callLocal = vi.fn(async (name: string, _input: unknown) => ({ ok: true as const, value: `lokal ${name}` }));
    const local: Backend = { call: callLocal };
    router.use(local);
    expect(await router.call('roster.list', { month: '2026-03' })).toEqual({ ok: true, value: 'lokal roster.list' });
    expect(callLocal).toHaveBeenCalledWith('roster.list', { month: '2026-03' });
    expect(router.linkState).toEqual({ state: 'online' });
  });

  it('passes the server link\'s state on to the window (the banner)', async () => {
    const sent: LinkState[] = [];
    const router = new BackendRouter((s) => sent.push(s));
    let emit: (s: LinkState) => void = () => {};
    const remote: Backend = { call: async () => ({ ok: true, value: 1 }), state: { state: 'online' }, onState: (l) => ((emit = l), () => {}) };
    router.use(remote);
    const off: LinkState = { state: 'offline', message: 'terputus', since: '2026-03-10T03:00:00.000Z' };
    emit(off);
    expect(router.linkState).toEqual(off);
    emit({ state: 'online' });
    expect(sent).toEqual([off, { state: 'online' }]);
  });
});

describe('the first-run calls (window.sigapDesktop)', () => {
  function setup(start: DesktopConnection = { mode: 'ask' }, peek = vi.fn(async (_u: URL) => FP)) {
    const handlers = new Map<string, (e: IpcMainInvokeEvent, ...a: unknown[]) => Promise<unknown>>();
    let connection = start;
    const actions = {
      current: () => connection,
      linkState: (): LinkState => ({ state: 'online' }),
      useLocal: vi.fn(async () => void (connection = { mode: 'local' })),
      useServer: vi.fn(async (address: string, fingerprint: string) => void (connection = { mode: 'server', address, fingerprint })),
      peek,
    };
    registerConnectionIpc({ handle: (ch: string, h: never) => void handlers.set(ch, h) } as never, actions, (e) => e.senderFrame?.url === 'app://sigap/');
    const own = { senderFrame: { url: 'app://sigap/' } } as IpcMainInvokeEvent;
    const invoke = (ch: string, ...a: unknown[]) => handlers.get(ch)!(own, ...a);
    return { handlers, actions, invoke, peek };
  }

  it('registers its four channels; a page that is not Sigap\'s own is refused', async () => {
    const { handlers, actions } = setup();
    expect([...handlers.keys()].sort()).toEqual([DESKTOP_CHANNELS.check, DESKTOP_CHANNELS.get, DESKTOP_CHANNELS.useLocal, DESKTOP_CHANNELS.useServer].sort());
    const stranger = { senderFrame: { url: 'https://evil.example/' } } as IpcMainInvokeEvent;
    expect(await handlers.get(DESKTOP_CHANNELS.useLocal)!(stranger)).toEqual({ ok: false, message: 'Pemanggil tidak dikenal.' });
    expect(actions.useLocal).not.toHaveBeenCalled();
  });

  it('shows the fingerprint of the address typed; refuses http and nonsense; says why a server is unreachable', async () => {
    const { invoke, peek } = setup();
    expect(await invoke(DESKTOP_CHANNELS.check, 'sigap.pemda.go.id')).toEqual({ ok: true, value: { address: 'https://sigap.pemda.go.id:8443', fingerprint: FP } });
    expect(peek.mock.calls[0]![0].href).toBe('https://sigap.pemda.go.id:8443/');
    expect(await invoke(DESKTOP_CHANNELS.check, 'http://sigap.pemda.go.id')).toMatchObject({ ok: false, message: expect.stringMatching(/^Alamat server tidak sah/) });
    expect(await invoke(DESKTOP_CHANNELS.check, 42)).toMatchObject({ ok: false });
    peek.mockRejectedValueOnce(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect(await invoke(DESKTOP_CHANNELS.check, 'sigap.pemda.go.id')).toEqual({ ok: false, message: unreachable({ code: 'ECONNREFUSED' }) });
    expect(unreachable({ code: 'ECONNREFUSED' })).toMatch(/^Server menolak sambungan/);
    expect(unreachable({ code: 'ENOTFOUND' })).toMatch(/^Nama server tidak dikenal/);
  });

  it('pins the fingerprint the clerk confirmed, only if the server still shows it; a choice is made once', async () => {
    const { invoke, actions, peek } = setup();
    peek.mockResolvedValueOnce(OTHER);
    expect(await invoke(DESKTOP_CHANNELS.useServer, 'sigap.pemda.go.id', FP)).toEqual({ ok: false, message: CHANGED_FINGERPRINT });
    expect(actions.useServer).not.toHaveBeenCalled();
    expect(await invoke(DESKTOP_CHANNELS.useServer, 'sigap.pemda.go.id', 'bukan sidik jari')).toMatchObject({ ok: false });
    expect(await invoke(DESKTOP_CHANNELS.useServer, 'sigap.pemda.go.id', FP.toLowerCase())).toEqual({ ok: true, value: null });
    expect(actions.useServer).toHaveBeenCalledWith('https://sigap.pemda.go.id:8443', FP);
    expect(await invoke(DESKTOP_CHANNELS.get)).toEqual({ mode: 'server', address: 'https://sigap.pemda.go.id:8443', fingerprint: FP, link: { state: 'online' } });
    // Chosen: the first-run calls cannot switch it behind the clerk's back.
    expect(await invoke(DESKTOP_CHANNELS.useLocal)).toMatchObject({ ok: false, message: expect.stringContaining('Ganti sambungan') });
    expect(actions.useLocal).not.toHaveBeenCalled();
  });

  it('"Gunakan di komputer ini saja" starts the local database', async () => {
    const { invoke, actions } = setup();
    expect(await invoke(DESKTOP_CHANNELS.get)).toEqual({ mode: 'ask', link: { state: 'online' } });
    expect(await invoke(DESKTOP_CHANNELS.useLocal)).toEqual({ ok: true, value: null });
    expect(actions.useLocal).toHaveBeenCalledTimes(1);
    expect(await invoke(DESKTOP_CHANNELS.get)).toMatchObject({ mode: 'local' });
  });
});

describe('the desktop\'s dialogs for a server\'s files', () => {
  const bytes = (s: string) => Buffer.from(s);
  it('opens with the call\'s filters; one file: the save dialog with its name; several: a folder; a PDF to look at: the PDF window', async () => {
    const dialog = {
      showOpenDialog: vi.fn(async (_o: object) => ({ canceled: false, filePaths: [join(dir, 'a.xlsx')] })),
      showSaveDialog: vi.fn(async (_o: object) => ({ canceled: false, filePath: join(dir, 'disimpan.xlsx') })),
    };
    const showPdf = vi.fn(async () => {});
    const host = desktopRemoteHost({ dialog: dialog as never, showPdf });
    expect(await host.chooseOpenFile({ title: 'Pilih lampiran SK', filters: [{ name: 'X', extensions: ['xlsx'] }] })).toBe(join(dir, 'a.xlsx'));
    expect(dialog.showOpenDialog).toHaveBeenLastCalledWith({ title: 'Pilih lampiran SK', filters: [{ name: 'X', extensions: ['xlsx'] }], properties: ['openFile'] });

    expect(await host.receiveFiles('sk.saveTemplate', [{ name: 'templat.xlsx', bytes: bytes('PK1'), inline: false }])).toEqual([join(dir, 'disimpan.xlsx')]);
    expect(dialog.showSaveDialog).toHaveBeenLastCalledWith(expect.objectContaining({ defaultPath: 'templat.xlsx' }));
    expect(readFileSync(join(dir, 'disimpan.xlsx'), 'utf8')).toBe('PK1');

    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [dir] });
    const several = await host.receiveFiles('bpjs.export', [
      { name: 'baru-1.xlsx', bytes: bytes('1'), inline: false },
      { name: '../../keluar.xlsx', bytes: bytes('2'), inline: false },
    ]);
    expect(several).toEqual([join(dir, 'baru-1.xlsx'), join(dir, 'keluar.xlsx')]);
    expect(existsSync(join(dir, '../keluar.xlsx'))).toBe(false);

    expect(await host.receiveFiles('decree.viewScan', [{ name: 'sk.pdf', bytes: bytes('%PDF'), inline: true }])).toEqual([]);
    expect(showPdf).toHaveBeenCalledWith(bytes('%PDF'), 'sk.pdf');

    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await host.receiveFiles('roster.saveXlsx', [{ name: 'r.xlsx', bytes: bytes('x'), inline: false }])).toEqual([]);
  });
});

describe('Bantuan > Ganti sambungan', () => {
  it('is in the Bantuan menu when main offers it, and asks before it restarts', () => {
    const changeConnection = vi.fn();
    const m = helpMenu({ openLogFolder: vi.fn(), openDataFolder: vi.fn(), showAbout: vi.fn(), changeConnection });
    const items = (m.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');
    expect(items.map((i) => i.label)).toEqual(['Buka folder log', 'Buka folder data', 'Ganti sambungan…', 'Tentang Sigap']);
    (items[2]!.click as () => void)();
    expect(changeConnection).toHaveBeenCalledTimes(1);
    const q = changeConnectionMessage('server https://sigap.pemda.go.id:8443');
    expect(q.detail).toContain('Sekarang: server https://sigap.pemda.go.id:8443.');
    expect(q.buttons).toEqual(['Ganti sambungan', 'Batal']);
    expect(q.cancelId).toBe(1);
  });

  it('main routes the bridge through the router and keeps the choice in the user-data folder', () => {
    const src = readFileSync(join(__dirname, '../../electron/main/index.ts'), 'utf8');
    expect(src).toMatch(/registerBridge\(ipcMain, \(name, input\) => activity\.track\(name, \(\) => router\.call\(name, input\)\)\)/);
    expect(src).toContain('connectionPath(userData)');
    expect(src).toMatch(/registerConnectionIpc\(/);
  });
});
