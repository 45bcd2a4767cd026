import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers';
import { mainWindowOptions } from '../../electron/main/window-options';
import { appIconPath } from '../../electron/main/icon';
import { menuTemplate } from '../../electron/main/menu';
import { aboutMessage, helpMenu, openFolder } from '../../electron/main/help-menu';
import { readWindowState, restoredBounds, trackWindowState, windowStatePath, writeWindowState } from '../../electron/main/window-state';
import { configureFileLog, LOG_MAX_BYTES, rotateLogFiles, type FileTransport } from '../../electron/main/logging';
import { Activity } from '../../electron/main/activity';
import { installCrashLogging } from '../../electron/main/crash-log';
import { CoreWorkerClient } from '../../electron/core/worker/worker-client';
import { LATEST_VERSION } from '../../electron/core/db/migrations/index';
import type { MenuItemConstructorOptions } from 'electron';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const root = join(__dirname, '../..');
/** Width and height from a PNG's IHDR chunk. */
const pngSize = (b: Buffer) => (b.subarray(1, 4).toString() === 'PNG' ? [b.readUInt32BE(16), b.readUInt32BE(20)] : null);

describe('the icon', () => {
  it('has an SVG source, the PNG sizes and a Windows .ico in resources/, where electron-builder looks', () => {
    expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).toMatch(/^\s+buildResources: resources$/m);
    expect(readFileSync(join(root, 'resources/icon.svg'), 'utf8')).toMatch(/<svg[^>]+viewBox="0 0 512 512"/);
    expect(pngSize(readFileSync(join(root, 'resources/icon.png')))).toEqual([512, 512]);
    for (const s of [16, 24, 32, 48, 64, 128, 256, 512]) expect(pngSize(readFileSync(join(root, `resources/icons/${s}x${s}.png`)))).toEqual([s, s]);
    const ico = readFileSync(join(root, 'resources/icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // ICONDIR, type 1 = icon
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256); // width 0 means 256
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('is made from the SVG by the committed script: regenerating gives the committed files', async () => {
    // @ts-expect-error: a plain ES module script without types
    const { makeIcons } = (await import('../../resources/make-icons.mjs')) as { makeIcons(out: string): Promise<void> };
    await makeIcons(dir);
    for (const f of ['icon.png', 'icon.ico', 'icons/16x16.png', 'icons/256x256.png']) {
      expect(readFileSync(join(dir, f)).equals(readFileSync(join(root, 'resources', f))), f).toBe(true);
    }
  }, 30_000);

  it('is the window icon: beside app.asar when packaged, from resources/ in development', () => {
    expect(appIconPath(true, '/opt/Sigap/resources', '/x/app.asar')).toBe(join('/opt/Sigap/resources', 'icon.png'));
    expect(appIconPath(false, '/electron/resources', root)).toBe(join(root, 'resources/icon.png'));
    expect(existsSync(appIconPath(false, '', root))).toBe(true);
    expect(mainWindowOptions('/p.cjs', '/i.png').icon).toBe('/i.png');
    // Packaged, the PNG is copied there by extraResources.
    expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).toMatch(/- from: resources\/icon\.png\n\s+to: icon\.png/);
  });
});

describe('the Bantuan menu', () => {
  const actions = () => ({ openLogFolder: vi.fn(), openDataFolder: vi.fn(), showAbout: vi.fn() });
  for (const isMac of [false, true]) {
    it(`is last in the menu bar with the folders and Tentang Sigap (${isMac ? 'macOS' : 'Windows/Linux'})`, () => {
      const a = actions();
      const menu = menuTemplate(isMac, helpMenu(a));
      const help = menu.at(-1)!;
      expect(help.label).toBe('Bantuan');
      const items = (help.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');
      expect(items.map((i) => i.label)).toEqual(['Buka folder log', 'Buka folder data', 'Tentang Sigap']);
      // Whatever a click passes, the actions take nothing from it: the folders are main's own.
      for (const i of items) (i.click as (...x: unknown[]) => void)({ path: '/etc' }, undefined, {});
      expect([a.openLogFolder, a.openDataFolder, a.showAbout].map((f) => f.mock.calls[0])).toEqual([[], [], []]);
    });
  }

  it('opens a folder with shell.openPath and logs its refusal', async () => {
    const shell = { openPath: vi.fn(async (_p: string) => '') };
    const log = vi.fn();
    expect(await openFolder(shell, '/data/logs', log)).toBe(true);
    expect(shell.openPath).toHaveBeenCalledWith('/data/logs');
    shell.openPath.mockResolvedValueOnce('Failed to open path');
    expect(await openFolder(shell, '/gone', log)).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Failed to open path'));
  });

  it('says the version, the database path and the schema version in Indonesian', () => {
    const m = aboutMessage({ version: '0.1.0', dbPath: 'C:\\Users\\a\\AppData\\Roaming\\Sigap\\sigap.db', schema: { version: 90, latest: 90 }, logDir: '/l' });
    expect(m.title).toBe('Tentang Sigap');
    expect(m.message).toBe('Sigap versi 0.1.0');
    expect(m.detail).toContain('Basis data: C:\\Users\\a\\AppData\\Roaming\\Sigap\\sigap.db');
    expect(m.detail).toContain('Versi skema basis data: 90');
    expect(m.buttons).toEqual(['Tutup']);
    expect(aboutMessage({ version: '1', dbPath: 'x', schema: { version: 80, latest: 90 }, logDir: '/l' }).detail).toContain('80 (terbaru: 90)');
    // A PostgreSQL address is shown without its password.
    const pg = aboutMessage({ version: '1', dbPath: 'postgres://sigap_app:rahasia@10.0.0.5:5432/sigap', schema: null, logDir: '/l' }).detail!;
    expect(pg).toContain('Basis data: postgres://sigap_app:***@10.0.0.5:5432/sigap');
    expect(pg).not.toContain('rahasia');
    expect(aboutMessage({ version: '1', dbPath: 'x', schema: null, logDir: '/l' }).detail).toContain('tidak diketahui');
  });
});

describe('the window size and place', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  it('round-trips through a small JSON in user data and refuses a broken one', () => {
    const f = windowStatePath(dir);
    expect(f).toBe(join(dir, 'window-state.json'));
    expect(readWindowState(f)).toBeNull();
    writeWindowState(f, { x: 10, y: 20, width: 1200, height: 700, maximized: true });
    expect(readWindowState(f)).toEqual({ x: 10, y: 20, width: 1200, height: 700, maximized: true });
    writeFileSync(f, '{"x":1,"y":');
    expect(readWindowState(f)).toBeNull();
    writeFileSync(f, JSON.stringify({ x: 'a', y: 0, width: 1, height: 1, maximized: false }));
    expect(readWindowState(f)).toBeNull();
  });

  it('restores only onto a display that is there, at least the minimum size', () => {
    expect(restoredBounds({ x: 100, y: 50, width: 1200, height: 700, maximized: false }, screen)).toEqual({ x: 100, y: 50, width: 1200, height: 700 });
    expect(restoredBounds({ x: 100, y: 50, width: 300, height: 200, maximized: false }, screen)).toEqual({ x: 100, y: 50, width: 1024, height: 640 });
    // The second monitor it was on is gone: Electron's default place instead of off-screen.
    expect(restoredBounds({ x: 2000, y: 100, width: 1200, height: 700, maximized: false }, screen)).toBeNull();
    expect(restoredBounds({ x: 100, y: -500, width: 1200, height: 700, maximized: false }, screen)).toBeNull();
    expect(restoredBounds({ x: 2000, y: 100, width: 1200, height: 700, maximized: true }, [...screen, { x: 1920, y: 0, width: 1280, height: 1000 }])).not.toBeNull();
    expect(restoredBounds(null, screen)).toBeNull();
  });

  it('saves the normal bounds and the maximized state when the window closes', () => {
    const win = Object.assign(new EventEmitter(), {
      isMaximized: () => true,
      isMinimized: () => false,
      isFullScreen: () => false,
      getNormalBounds: () => ({ x: 30, y: 40, width: 1300, height: 720 }),
    });
    const f = windowStatePath(dir);
    trackWindowState(win, f);
    expect(existsSync(f)).toBe(false);
    win.emit('close');
    expect(readWindowState(f)).toEqual({ x: 30, y: 40, width: 1300, height: 720, maximized: true });
  });
});

describe('the log file', () => {
  it('lives in <user data>/logs, rotated at 1 MB', () => {
    const t = { resolvePathFn: () => '', maxSize: 0, archiveLogFn: () => undefined, level: 'silly' } as FileTransport;
    expect(configureFileLog(t, dir)).toBe(join(dir, 'logs', 'main.log'));
    expect(t.resolvePathFn(undefined as never)).toBe(join(dir, 'logs', 'main.log'));
    expect(t.maxSize).toBe(LOG_MAX_BYTES);
    expect(LOG_MAX_BYTES).toBe(1024 * 1024);
  });

  it('keeps three older files, newest first, and drops the oldest', () => {
    const f = join(dir, 'main.log');
    for (let i = 1; i <= 5; i++) {
      writeFileSync(f, `generation ${i}\n`);
      rotateLogFiles(f, 3);
    }
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log']);
    expect(['main.1.log', 'main.2.log', 'main.3.log'].map((n) => readFileSync(join(dir, n), 'utf8'))).toEqual(['generation 5\n', 'generation 4\n', 'generation 3\n']);
  });

  it('is written and rotated by electron-log itself with that configuration', async () => {
    const { default: base } = await import('electron-log/node');
    const log = base.create({ logId: `test-${Date.now()}` });
    log.transports.console.level = false;
    const path = configureFileLog(log.transports.file as never, dir);
    log.transports.file.maxSize = 4000; // small, so the test rotates quickly
    for (let i = 0; i < 200; i++) log.info(`baris ${i} ${'x'.repeat(60)}`);
    const files = readdirSync(join(dir, 'logs')).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    expect(statSync(path).size).toBeLessThanOrEqual(4000 + 200);
    expect(readFileSync(path, 'utf8')).toContain('baris 199');
  });
});

describe('a crash is logged with what the clerk was doing', () => {
  it('names the bridge calls in flight and the last ones finished', async () => {
    const activity = new Activity(3);
    await activity.track('roster.list', async () => 1);
    let finish!: () => void;
    const running = activity.track('sk.apply', () => new Promise<void>((r) => (finish = r)));
    expect(activity.inFlight()).toEqual(['sk.apply']);
    const proc = new EventEmitter();
    const app = new EventEmitter();
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    installCrashLogging(proc as never, app as never, log, activity);
    proc.emit('uncaughtException', new Error('boom'));
    proc.emit('unhandledRejection', 'ditolak');
    app.emit('render-process-gone', {}, {}, { reason: 'oom', exitCode: 9 });
    expect(log.error.mock.calls.map((c) => String(c[0]))).toEqual([
      'uncaughtException (berjalan: sk.apply; terakhir: roster.list)',
      'unhandledRejection (berjalan: sk.apply; terakhir: roster.list)',
      'render-process-gone: oom (exit code 9) (berjalan: sk.apply; terakhir: roster.list)',
    ]);
    expect(log.error.mock.calls[0]![1]).toBeInstanceOf(Error);
    finish();
    await running;
    expect(activity.describe()).toBe('berjalan: (tidak ada); terakhir: roster.list, sk.apply');
  });

  it("gets the core worker's log lines, its error and its exit through the client", async () => {
    const script = join(dir, 'crashing-worker.mjs');
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';
       parentPort.postMessage({ type: 'ready' });
       parentPort.postMessage({ type: 'log', level: 'warn', message: '[backup] daily backup failed' });
       setTimeout(() => { throw new Error('worker boom'); }, 20);`,
    );
    const lines: [string, string][] = [];
    const exited = new Promise<void>((resolve) => {
      const client = new CoreWorkerClient(script, { dbPath: ':memory:', backupDir: null, appVersion: '0' }, {
        chooseOpenFile: async () => null,
        chooseSaveFile: async () => null,
        progress: () => undefined,
        log: (level, m) => {
          lines.push([level, m]);
          if (m.startsWith('core worker exited')) resolve();
        },
      });
      void client.ready;
    });
    await exited;
    expect(lines[0]).toEqual(['warn', '[backup] daily backup failed']);
    expect(lines.find(([, m]) => m.startsWith('core worker error'))?.[1]).toContain('worker boom');
    expect(lines.at(-1)).toEqual(['error', 'core worker exited (code 1)']);
  });

  it('asks the real worker for the schema version of the open database', async () => {
    const client = new CoreWorkerClient(new URL('../core-worker-boot.mjs', import.meta.url), { dbPath: join(dir, 's.db'), backupDir: null, appVersion: '0' }, {
      chooseOpenFile: async () => null,
      chooseSaveFile: async () => null,
      progress: () => undefined,
    });
    try {
      await client.ready;
      expect(await client.schemaVersion()).toEqual({ version: LATEST_VERSION, latest: LATEST_VERSION });
    } finally {
      await client.terminate();
    }
    expect(await client.schemaVersion()).toEqual({ version: -1, latest: -1 });
  }, 60_000);
});
