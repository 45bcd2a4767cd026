import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers';
import { checkForUpdatesQuietly, resolveUpdateUrl, UPDATE_CONFIG_FILE, type Updater } from '../../electron/main/updates';
import { cliArgv, runCliMode } from '../../electron/main/cli-mode';
import { main as cliMain } from '../../electron/cli/main';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const root = join(__dirname, '../..');
const builderYml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const loadYaml = async (text: string) => ((await import('js-yaml' as string)) as { load(s: string): Record<string, unknown> }).load(text);

describe('the installers', () => {
  it('installs on Windows in Indonesian, asking for the folder, with shortcuts named Sigap', async () => {
    const cfg = await loadYaml(builderYml);
    expect(cfg.nsis).toMatchObject({
      oneClick: false,
      allowToChangeInstallationDirectory: true,
      language: '1057', // LCID of Indonesian (id-ID)
      installerLanguages: ['id_ID'],
      shortcutName: 'Sigap',
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
    });
    expect(cfg.productName).toBe('Sigap');
  });

  it('ships every file it names, the sigap command for Windows and Linux among them', async () => {
    const cfg = (await loadYaml(builderYml)) as Record<string, Record<string, unknown>> & { extraResources: { from: string }[] };
    const from = [
      ...cfg.extraResources,
      ...(cfg.win!.extraFiles as { from: string; to: string }[]),
      ...(cfg.linux!.extraResources as { from: string; to: string }[]),
    ].map((e) => e.from);
    expect(from).toEqual(expect.arrayContaining(['resources/icon.png', 'resources/win/sigap.cmd', 'resources/linux/sigap']));
    for (const f of [...from, cfg.win!.icon as string, cfg.deb!.afterInstall as string, cfg.deb!.afterRemove as string]) expect(existsSync(join(root, f)), f).toBe(true);
    // sigap.cmd goes beside Sigap.exe (extraFiles: the install folder), the Linux wrapper into resources/.
    expect(cfg.win!.extraFiles).toEqual([{ from: 'resources/win/sigap.cmd', to: 'sigap.cmd' }]);
    expect(cfg.linux!.target).toEqual(['AppImage', 'deb']);
  });

  it('sigap.cmd runs Sigap.exe beside it in CLI mode and hands back its exit code', () => {
    const cmd = readFileSync(join(root, 'resources/win/sigap.cmd'), 'utf8');
    expect(cmd.split('\r\n').filter(Boolean)).toEqual([
      '@echo off',
      expect.stringMatching(/^rem /),
      expect.stringMatching(/^rem /),
      'setlocal',
      expect.stringMatching(/^rem /),
      'set "ELECTRON_NO_ATTACH_CONSOLE="',
      '"%~dp0Sigap.exe" --cli %*',
      'exit /b %ERRORLEVEL%',
    ]);
    expect(cmd.replace(/\r\n/g, '')).not.toContain('\n'); // CRLF throughout: cmd.exe reads it line by line
  });

  it('the Linux sigap, linked from /usr/bin, runs the app beside resources/ in CLI mode with its exit code', () => {
    // The deb's layout: /opt/Sigap/sigap (the app), /opt/Sigap/resources/sigap, /usr/bin/sigap -> it.
    const opt = join(dir, 'opt/Sigap');
    mkdirSync(join(opt, 'resources'), { recursive: true });
    writeFileSync(join(opt, 'sigap'), '#!/bin/sh\necho "app: $*"\nexit 3\n');
    chmodSync(join(opt, 'sigap'), 0o755);
    copyFileSync(join(root, 'resources/linux/sigap'), join(opt, 'resources/sigap'));
    chmodSync(join(opt, 'resources/sigap'), 0o755);
    mkdirSync(join(dir, 'usr/bin'), { recursive: true });
    symlinkSync(join(opt, 'resources/sigap'), join(dir, 'usr/bin/sigap'));
    const r = spawnSync(join(dir, 'usr/bin/sigap'), ['roster', '--opd', 'Dinas Sosial'], { encoding: 'utf8' });
    expect(r.stdout).toBe('app: --cli roster --opd Dinas Sosial\n');
    expect(r.status).toBe(3);
    const postinst = readFileSync(join(root, 'resources/linux/after-install.sh'), 'utf8');
    expect(postinst).toContain("ln -sf '/opt/Sigap/resources/sigap' '/usr/bin/sigap'");
    expect(postinst).toContain('chrome-sandbox'); // electron-builder's own steps are kept
    execFileSync('bash', ['-n', join(root, 'resources/linux/after-install.sh')]);
    execFileSync('bash', ['-n', join(root, 'resources/linux/after-remove.sh')]);
  });
});

describe('updates from the address the Pemda sets', () => {
  const files = (m: Record<string, string>) => (f: string) => {
    if (!(f in m)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return m[f]!;
  };
  const exeDir = '/apps/Sigap';
  const userData = '/u/Sigap';

  it('takes SIGAP_UPDATE_URL, then sigap-update.json beside the exe, then in user data', () => {
    const both = { [join(exeDir, UPDATE_CONFIG_FILE)]: '{"update-url":"http://intranet.pemda/sigap/"}', [join(userData, UPDATE_CONFIG_FILE)]: '{"update-url":"http://other/"}' };
    expect(resolveUpdateUrl({ env: { SIGAP_UPDATE_URL: 'https://upd.pemda.go.id/sigap' }, exeDir, userData, read: files(both) })).toEqual({ url: 'https://upd.pemda.go.id/sigap', from: 'SIGAP_UPDATE_URL' });
    expect(resolveUpdateUrl({ env: {}, exeDir, userData, read: files(both) })).toEqual({ url: 'http://intranet.pemda/sigap/', from: join(exeDir, UPDATE_CONFIG_FILE) });
    expect(resolveUpdateUrl({ env: {}, exeDir, userData, read: files({ [join(userData, UPDATE_CONFIG_FILE)]: '{"update-url":"http://other/"}' }) })?.url).toBe('http://other/');
    // Nothing set, a broken file, a URL that is not http(s): no address, no check.
    expect(resolveUpdateUrl({ env: {}, exeDir, userData, read: files({}) })).toBeNull();
    expect(resolveUpdateUrl({ env: { SIGAP_UPDATE_URL: 'file:///c:/x' }, exeDir, userData, read: files({ [join(exeDir, UPDATE_CONFIG_FILE)]: '{"update-url":' }) })).toBeNull();
  });

  const fakeUpdater = (check: () => Promise<unknown>) =>
    Object.assign(new EventEmitter(), { logger: null as unknown, autoDownload: false, autoInstallOnAppQuit: false, setFeedURL: vi.fn(), checkForUpdates: vi.fn(check) }) as unknown as Updater &
      EventEmitter & { setFeedURL: ReturnType<typeof vi.fn>; checkForUpdates: ReturnType<typeof vi.fn> };
  const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

  it('checks once with the generic provider at that address, downloading for the next quit', async () => {
    const u = fakeUpdater(async () => ({ downloadPromise: Promise.resolve([]) }));
    const log = logger();
    expect(await checkForUpdatesQuietly(u, { env: { SIGAP_UPDATE_URL: 'http://intranet.pemda/sigap/' }, exeDir, userData }, log)).toBe('checked');
    expect(u.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'http://intranet.pemda/sigap/' });
    expect(u.checkForUpdates).toHaveBeenCalledTimes(1);
    expect([u.autoDownload, u.autoInstallOnAppQuit]).toEqual([true, true]);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('is quiet without an address or a network: a log line, no error, nothing thrown', async () => {
    const none = fakeUpdater(async () => null);
    const log = logger();
    expect(await checkForUpdatesQuietly(none, { env: {}, exeDir: dir, userData: dir }, log)).toBe('no-url');
    expect(none.checkForUpdates).not.toHaveBeenCalled();
    expect(log.info).toHaveBeenCalledWith(expect.stringContaining('no update address'));
    const offline = fakeUpdater(async () => {
      throw new Error('net::ERR_NAME_NOT_RESOLVED');
    });
    const log2 = logger();
    await expect(checkForUpdatesQuietly(offline, { env: { SIGAP_UPDATE_URL: 'http://intranet.pemda/' }, exeDir, userData }, log2)).resolves.toBe('failed');
    expect(log2.warn).toHaveBeenCalledWith(expect.stringContaining('ERR_NAME_NOT_RESOLVED'));
    // electron-updater reports a later failure (the download) as an 'error' event; an EventEmitter with
    // no listener would throw it. It is a log line too.
    expect(() => offline.emit('error', new Error('download cut off'))).not.toThrow();
    expect(log2.warn).toHaveBeenLastCalledWith('updates: download cut off');
    expect(log2.error).not.toHaveBeenCalled();
  });

  it('is started after the window, not awaited by the start-up', () => {
    const src = readFileSync(join(root, 'electron/main/index.ts'), 'utf8');
    const at = src.indexOf("import('electron-updater')");
    expect(at).toBeGreaterThan(src.indexOf('main = createMainWindow()'));
    expect(src.slice(at - 60, at)).toMatch(/void $/);
  });
});

describe('Sigap.exe --cli: the sigap command without Node', () => {
  it('takes the arguments after --cli, whatever Electron put before them', () => {
    expect(cliArgv(['C:\\Program Files\\Sigap\\Sigap.exe', '--cli', 'roster', '--json'])).toEqual(['roster', '--json']);
    expect(cliArgv(['/usr/lib/electron', '.', '--no-sandbox', '--cli', '--help'])).toEqual(['--help']);
    expect(cliArgv(['Sigap.exe'])).toBeNull();
    expect(cliArgv(['Sigap.exe', 'sigap://x'])).toBeNull();
  });

  const streams = () => {
    let out = '';
    let err = '';
    const stdout = Object.assign(new EventEmitter(), { write: (s: string, cb?: () => void) => ((out += s), cb?.(), true) });
    const stderr = { write: (s: string, cb?: () => void) => ((err += s), cb?.(), true) };
    return { stdout, stderr, out: () => out, err: () => err };
  };

  it("runs the CLI's main, prints its output and exits with its code", async () => {
    const s = streams();
    const exit = vi.fn();
    const io = { out: (t: string) => void s.stdout.write(t), err: (t: string) => void s.stderr.write(t), isTty: false };
    const code = await runCliMode(['roster', '--help'], { load: async () => ({ main: (a) => cliMain(a, { io, env: {}, clock: () => new Date() }) }), exit, stdout: s.stdout as never, stderr: s.stderr as never });
    expect(code).toBe(0);
    expect(s.out()).toContain('sigap roster');
    expect(exit).toHaveBeenCalledWith(0);
    const missing = join(dir, 'tidak-ada.db');
    const exit2 = vi.fn();
    expect(await runCliMode(['roster', '--db', missing], { load: async () => ({ main: (a) => cliMain(a, { io, env: {}, clock: () => new Date() }) }), exit: exit2, stdout: s.stdout as never, stderr: s.stderr as never })).toBe(1);
    expect(exit2).toHaveBeenCalledWith(1);
    expect(s.err()).toContain('tidak ada');
    expect(existsSync(missing)).toBe(false);
  });

  it('says in one sentence when the CLI cannot be loaded, and exits 1', async () => {
    const s = streams();
    const exit = vi.fn();
    expect(await runCliMode(['roster'], { load: async () => Promise.reject(new Error('Cannot find module out/main/chunks/main.js\n    at x (y:1:1)')), exit, stdout: s.stdout as never, stderr: s.stderr as never })).toBe(1);
    expect(s.err()).toBe('Galat: perintah sigap tidak dapat dijalankan: Cannot find module out/main/chunks/main.js\n');
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('exits quietly when the reader of a pipe goes away', async () => {
    const s = streams();
    const exit = vi.fn();
    await runCliMode([], { load: async () => ({ main: async () => 0 }), exit, stdout: s.stdout as never, stderr: s.stderr as never });
    s.stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exit).toHaveBeenLastCalledWith(0);
  });

  it('is decided in main before the single-instance lock and any window, and loads the CLI bundled by electron-vite', () => {
    const src = readFileSync(join(root, 'electron/main/index.ts'), 'utf8');
    const decided = src.indexOf('const cliArgs = cliArgv(process.argv)');
    expect(decided).toBeGreaterThan(0);
    expect(decided).toBeLessThan(src.indexOf('app.requestSingleInstanceLock()'));
    expect(decided).toBeLessThan(src.indexOf('app.whenReady()'));
    expect(src).toContain("load: () => import('../cli/main')");
    expect(src).not.toContain('ELECTRON_RUN_AS_NODE');
  });
});
