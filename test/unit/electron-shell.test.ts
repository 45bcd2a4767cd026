import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { secureWebPreferences, mainWindowOptions } from '../../electron/main/window-options';
import { CONTENT_SECURITY_POLICY, APP_ORIGIN, PRINT_CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { resolveAppPath, contentType } from '../../electron/main/app-protocol';
import { parseExternalUrl, openExternalSafely, isAllowedNavigation, installSecurity, hardenContents, externalLinkQuestion } from '../../electron/main/security';
import { registerBridge, isTrustedSender } from '../../electron/main/bridge';
import { menuTemplate } from '../../electron/main/menu';
import { printWindowOptions, printToPdfOptions, printHtmlToPdf, withPrintCsp } from '../../electron/main/print';
import { CHANNEL_NAMES, CHANNELS, channelOf } from '../../shared/contract/index';
import { quitAfterCoreShutdown } from '../../electron/main/backups';
import type { ShutdownResult } from '../../electron/core/worker/worker-client';
import { readFileSync } from 'node:fs';

describe('the window factory', () => {
  it('pins every security-relevant web preference', () => {
    expect(secureWebPreferences('/p/preload.cjs')).toEqual({
      preload: '/p/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('shows the window only when ready, at a laptop size', () => {
    const o = mainWindowOptions('/p.cjs');
    expect(o.show).toBe(false);
    expect([o.width, o.height]).toEqual([1366, 768]);
    expect(o.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
  });
});

describe('the print window', () => {
  it('is hidden, sandboxed, without preload or JavaScript', () => {
    const o = printWindowOptions();
    expect(o.show).toBe(false);
    expect(o.webPreferences).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, webviewTag: false, spellcheck: false });
    expect(o.webPreferences).not.toHaveProperty('preload');
  });

  it('prints A4 and F4 at their sizes in inches, backgrounds kept, the CSS @page honoured', () => {
    expect(printToPdfOptions({ paper: 'A4' })).toMatchObject({ pageSize: { width: 210 / 25.4, height: 297 / 25.4 }, landscape: false, printBackground: true, preferCSSPageSize: true });
    expect(printToPdfOptions({ paper: 'F4', landscape: true })).toMatchObject({ pageSize: { width: 215 / 25.4, height: 330 / 25.4 }, landscape: true });
  });
});

describe('the Content-Security-Policy', () => {
  const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  it('allows only our own scripts and styles, nothing inline, nothing remote', () => {
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});

describe('the app:// scheme', () => {
  const root = '/app/renderer';
  it('serves files under the root and falls back to index.html for router paths', () => {
    expect(resolveAppPath(root, `${APP_ORIGIN}/assets/index.js`)).toBe(join(root, 'assets/index.js'));
    expect(resolveAppPath(root, `${APP_ORIGIN}/`)).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, `${APP_ORIGIN}/pegawai/12`)).toBe(join(root, 'index.html'));
    expect(contentType('x.js')).toMatch(/javascript/);
  });
  it('refuses traversal, other hosts and malformed URLs', () => {
    expect(resolveAppPath(root, `${APP_ORIGIN}/..%2f..%2fetc/passwd.txt`)).toBeNull();
    // The URL parser folds an encoded `..` at the start away: whatever comes back stays under the root.
    for (const sneaky of [`${APP_ORIGIN}/%2e%2e/secret.db`, `${APP_ORIGIN}/a/%2e%2e/%2e%2e/%2e%2e/secret.db`, `${APP_ORIGIN}/..%5c..%5csecret.db`]) {
      const r = resolveAppPath(root, sneaky);
      expect(r === null || r.startsWith(`${root}/`)).toBe(true);
    }
    expect(resolveAppPath(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppPath(root, `${APP_ORIGIN}/%E0%A4%A.js`)).toBeNull();
    expect(resolveAppPath(root, 'not a url')).toBeNull();
  });
});

describe('the security module', () => {
  it('opens only parsed http(s) links externally', async () => {
    expect(parseExternalUrl('https://bpjsketenagakerjaan.go.id/x')?.hostname).toBe('bpjsketenagakerjaan.go.id');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@host/', 'not a url']) {
      expect(parseExternalUrl(bad)).toBeNull();
    }
    const shell = { openExternal: vi.fn(async () => undefined) };
    const yes = vi.fn(async () => ({ response: 1 }));
    expect(await openExternalSafely(shell, yes, 'file:///etc/passwd')).toBe(false);
    expect(yes).not.toHaveBeenCalled(); // a refused scheme is not even offered
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(await openExternalSafely(shell, yes, 'https://example.org/a b')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/a%20b');
  });

  it('opens a link only after the clerk has seen its full address and chosen to open it', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const url = 'https://bpjsketenagakerjaan.go.id.example.net/login?next=/iuran';
    const asked: Electron.MessageBoxOptions[] = [];
    const answer = (response: number) => vi.fn(async (o: Electron.MessageBoxOptions) => (asked.push(o), { response }));
    expect(await openExternalSafely(shell, answer(0), url)).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    const q = asked[0]!;
    expect(q.detail).toContain(url); // the whole address, host and path, not a shortened label
    expect(q.buttons).toEqual(['Batal', 'Buka di peramban']);
    expect([q.defaultId, q.cancelId]).toEqual([0, 0]); // Enter and Escape cancel
    expect(`${q.message} ${q.detail}`).not.toMatch(/\b(Open|Cancel|browser)\b/);
    expect(await openExternalSafely(shell, answer(1), url)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith(url);
    expect(externalLinkQuestion(new URL(url)).detail).toContain(url);
  });

  it('denies every permission and hardens every new web contents', () => {
    const handlers: Record<string, (...a: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: vi.fn((h) => void (handlers.request = h)),
      setPermissionCheckHandler: vi.fn((h) => void (handlers.check = h)),
    };
    const app = { on: vi.fn((ev: string, h) => void (handlers[ev] = h)) };
    installSecurity({ app: app as never, session: session as never, shell: { openExternal: vi.fn() }, dialog: { showMessageBox: vi.fn() } as never });
    const cb = vi.fn();
    handlers.request!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(handlers.check!()).toBe(false);
    expect(handlers['web-contents-created']).toBeTypeOf('function');
  });

  it('blocks navigation away from the app, webviews and new windows', async () => {
    const on: Record<string, (e: { preventDefault: () => void; url?: string }, url?: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const contents = { on: (ev: string, h: never) => void (on[ev] = h), setWindowOpenHandler: (h: never) => void (openHandler = h) };
    const shell = { openExternal: vi.fn(async () => undefined) };
    const parent = { id: 'main-window' };
    const dialog = { showMessageBox: vi.fn(async (..._a: unknown[]) => ({ response: 1 })) };
    hardenContents(contents as never, { shell, dialog: dialog as never, parentOf: () => parent as never });
    const nav = (url: string) => {
      const e = { preventDefault: vi.fn() };
      on['will-navigate']!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(nav('https://evil.example/')).toBe(true);
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(nav(`${APP_ORIGIN}/pegawai`)).toBe(false);
    const wv = { preventDefault: vi.fn() };
    on['will-attach-webview']!(wv);
    expect(wv.preventDefault).toHaveBeenCalled();
    expect(openHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    // The new window is denied; the link goes to the browser only through the question, asked
    // modally over the window it came from, and opens once the clerk says so.
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/'));
    expect(dialog.showMessageBox).toHaveBeenCalledWith(parent, expect.objectContaining({ detail: expect.stringContaining('https://example.org/') }));
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await new Promise((r) => setTimeout(r, 10));
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(isAllowedNavigation('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/x')).toBe(false);
  });
});

describe('the bridge in main', () => {
  it('registers exactly one handler per contract name', () => {
    const ipc = { handle: vi.fn() };
    const registered = registerBridge(ipc, async () => ({ ok: true, value: null }));
    expect(registered.sort()).toEqual(CHANNELS.map(channelOf).sort());
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
  });

  it("answers only Sigap's own page", async () => {
    const ipc = { handle: vi.fn() };
    const calls: [string, unknown][] = [];
    registerBridge(ipc, async (name, input) => {
      calls.push([name, input]);
      return { ok: true, value: 1 };
    });
    const handler = ipc.handle.mock.calls.find((c) => c[0] === 'sigap:app.info')![1] as (e: unknown, i: unknown) => Promise<unknown>;
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toEqual([]);
    expect(await handler({ senderFrame: { url: `${APP_ORIGIN}/pegawai` } }, { a: 1 })).toEqual({ ok: true, value: 1 });
    expect(calls).toEqual([['app.info', { a: 1 }]]);
    expect(isTrustedSender({ senderFrame: { url: `${APP_ORIGIN}/` } } as never)).toBe(true);
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false);
  });
});

describe('menus', () => {
  it('are in Indonesian', () => {
    const labels = JSON.stringify(menuTemplate(false));
    expect(labels).toMatch(/Berkas/);
    expect(labels).toMatch(/Sunting/);
    expect(labels).not.toMatch(/"label":"(File|Edit|View|Window)"/);
  });
});

describe('quitting', () => {
  const fakeApp = () => {
    const handlers = new Map<string, (e: { preventDefault(): void }) => void>();
    const app = { on: vi.fn((ev: string, h: (e: { preventDefault(): void }) => void) => void handlers.set(ev, h)), quit: vi.fn() };
    const fire = (ev: string) => {
      const e = { prevented: false, preventDefault() { this.prevented = true; } };
      handlers.get(ev)?.(e);
      return e.prevented;
    };
    return { app, fire };
  };

  it('holds will-quit until the core worker has made its backup and closed the database, once', async () => {
    const { app, fire } = fakeApp();
    let answer!: (r: ShutdownResult) => void;
    const core = { shutdown: vi.fn(() => new Promise<ShutdownResult>((r) => (answer = r))) };
    quitAfterCoreShutdown(app as never, core, () => undefined, 5000);
    expect(fire('will-quit')).toBe(true); // held
    expect(fire('will-quit')).toBe(true); // a second quit while waiting: still held, no second shutdown
    expect(core.shutdown).toHaveBeenCalledTimes(1);
    expect(core.shutdown).toHaveBeenCalledWith(5000);
    expect(app.quit).not.toHaveBeenCalled();
    answer({ ok: true, backup: '/x/sigap-20260310-030000-keluar.sigapdb' });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(fire('will-quit')).toBe(false); // the real quit goes through
  });

  it('quits anyway when the worker does not answer in time, and logs why', async () => {
    const { app, fire } = fakeApp();
    const logs: string[] = [];
    quitAfterCoreShutdown(app as never, { shutdown: async () => ({ ok: false, reason: 'timeout', message: 'tidak menjawab' }) }, (m) => void logs.push(m));
    expect(fire('will-quit')).toBe(true);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(logs).toEqual(['core shutdown: timeout: tidak menjawab']);
  });

  it('main never opens the database itself: the core worker owns the only connection', () => {
    const src = readFileSync(new URL('../../electron/main/index.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/openDatabase|better-sqlite3|core\/db\//);
    expect(src).toMatch(/quitAfterCoreShutdown\(app, core,/);
  });
});

describe('hardening, second pass', () => {
  it('guards every frame, not only the main one: will-frame-navigate', () => {
    const on: Record<string, (e: { preventDefault: () => void; url: string; isMainFrame: boolean }) => void> = {};
    const contents = { on: (ev: string, h: never) => void (on[ev] = h), setWindowOpenHandler: () => undefined };
    hardenContents(contents as never, { shell: { openExternal: vi.fn() }, dialog: { showMessageBox: vi.fn() } as never });
    expect(on['will-frame-navigate']).toBeTypeOf('function');
    const frameNav = (url: string, isMainFrame = false) => {
      const e = { preventDefault: vi.fn(), url, isMainFrame };
      on['will-frame-navigate']!(e);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(frameNav('https://evil.example/phish')).toBe(true);
    expect(frameNav('file:///etc/passwd')).toBe(true);
    expect(frameNav('javascript:alert(1)')).toBe(true);
    expect(frameNav('data:text/html,<h1>x</h1>')).toBe(true);
    expect(frameNav('https://evil.example/', true)).toBe(true);
    expect(frameNav(`${APP_ORIGIN}/pegawai`)).toBe(false);
  });

  it('the print window carries its own CSP: nothing loads, nothing runs, only inline styles and data: images', async () => {
    const html = '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8"><title>T</title><style>p{}</style></head><body><p>x</p></body></html>';
    const out = withPrintCsp(html);
    expect(out.indexOf('<meta http-equiv="Content-Security-Policy"')).toBe(out.indexOf('<head>') + '<head>'.length);
    expect(withPrintCsp('<p>bare</p>')).toMatch(/^<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy"/);
    const d = Object.fromEntries(PRINT_CONTENT_SECURITY_POLICY.split('; ').map((x) => [x.split(' ')[0], x.split(' ').slice(1)]));
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['img-src']).toEqual(['data:']);
    expect(d).not.toHaveProperty('script-src');
    expect(d).not.toHaveProperty('connect-src');
    expect(PRINT_CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|'self'|unsafe-eval/);

    // printHtmlToPdf writes what the window loads with the policy in it.
    let loaded = '';
    class FakeWindow {
      webContents = { printToPDF: async () => Buffer.from('%PDF-1.4') };
      constructor(readonly opts: unknown) {}
      async loadFile(f: string) {
        loaded = readFileSync(f, 'utf8');
      }
      destroy() {}
    }
    const pdf = await printHtmlToPdf(FakeWindow as never, html, { paper: 'A4' });
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.4');
    expect(loaded).toContain(`<meta http-equiv="Content-Security-Policy" content="${PRINT_CONTENT_SECURITY_POLICY}">`);
    expect(loaded.indexOf('Content-Security-Policy')).toBeLessThan(loaded.indexOf('<style>'));
  });

  it('sets the Electron fuses at packaging, and electron-builder flips them in the binary', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      getConfig: (dir: string, file: string | null, opts: null) => Promise<Record<string, unknown>>;
      validateConfiguration: (c: unknown, log: { isEnabled: boolean; add: () => void }) => Promise<void>;
    };
    const root = join(__dirname, '../..');
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    // The file passes electron-builder 26's own schema (so `electronFuses` is an option it knows).
    await validateConfiguration(config, { isEnabled: false, add: () => undefined });
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });

    // What electron-builder does with them: its fuse config, flipped by @electron/fuses into a binary
    // carrying Electron's fuse sentinel (all fuses at Electron's defaults: on, except the asar ones).
    const { PlatformPackager } = require('app-builder-lib') as { PlatformPackager: { prototype: { generateFuseConfig(f: unknown): Promise<Record<string, unknown>> } } };
    const fuseConfig = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    const { flipFuses, getCurrentFuseWire, FuseV1Options } = require('@electron/fuses') as typeof import('@electron/fuses');
    const { SENTINEL, FuseState } = require('@electron/fuses/dist/constants') as { SENTINEL: string; FuseState: Record<string, number> };
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'sigap-fuses-'));
    try {
      const bin = join(dir, 'sigap');
      writeFileSync(bin, Buffer.concat([Buffer.from('ELF…'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('11110001'), Buffer.from('…rest')]));
      await flipFuses(bin, fuseConfig as never);
      const wire = await getCurrentFuseWire(bin);
      const state = (o: number) => wire[o as keyof typeof wire];
      expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
      expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('main passes the dialog to the security module, so no link opens unasked', () => {
    const src = readFileSync(new URL('../../electron/main/index.ts', import.meta.url), 'utf8');
    expect(src).toMatch(/installSecurity\(\{[^}]*\bdialog\b/);
    // Nothing in main or the renderer opens links another way.
    for (const f of ['index.ts', 'menu.ts', 'bridge.ts', 'print.ts']) {
      expect(readFileSync(new URL(`../../electron/main/${f}`, import.meta.url), 'utf8')).not.toMatch(/shell\.openExternal|openExternal\(/);
    }
  });
});
