import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { secureWebPreferences, mainWindowOptions } from '../../electron/main/window-options';
import { CONTENT_SECURITY_POLICY, APP_ORIGIN } from '../../electron/main/csp';
import { resolveAppPath, contentType } from '../../electron/main/app-protocol';
import { parseExternalUrl, openExternalSafely, isAllowedNavigation, installSecurity, hardenContents } from '../../electron/main/security';
import { registerBridge, isTrustedSender } from '../../electron/main/bridge';
import { menuTemplate } from '../../electron/main/menu';
import { printWindowOptions, printToPdfOptions } from '../../electron/main/print';
import { CHANNEL_NAMES, CHANNELS, channelOf } from '../../shared/contract/index';
import { quitAfterCoreShutdown } from '../../electron/main/backups';
import type { ShutdownResult } from '../../electron/core/api/worker-client';
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
    expect(await openExternalSafely(shell, 'file:///etc/passwd')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(await openExternalSafely(shell, 'https://example.org/a b')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/a%20b');
  });

  it('denies every permission and hardens every new web contents', () => {
    const handlers: Record<string, (...a: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: vi.fn((h) => void (handlers.request = h)),
      setPermissionCheckHandler: vi.fn((h) => void (handlers.check = h)),
    };
    const app = { on: vi.fn((ev: string, h) => void (handlers[ev] = h)) };
    installSecurity({ app: app as never, session: session as never, shell: { openExternal: vi.fn() } });
    const cb = vi.fn();
    handlers.request!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(handlers.check!()).toBe(false);
    expect(handlers['web-contents-created']).toBeTypeOf('function');
  });

  it('blocks navigation away from the app, webviews and new windows', () => {
    const on: Record<string, (e: { preventDefault: () => void }, url?: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const contents = { on: (ev: string, h: never) => void (on[ev] = h), setWindowOpenHandler: (h: never) => void (openHandler = h) };
    const shell = { openExternal: vi.fn(async () => undefined) };
    hardenContents(contents as never, { shell });
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
