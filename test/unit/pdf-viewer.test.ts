/** The decree scan's PDF viewer window (electron/main/pdf-viewer.ts): its settings, and how it loads and cleans up. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { pdfViewerOptions, showPdfWindow } from '../../electron/main/pdf-viewer';

describe('the PDF viewer window', () => {
  it('has no preload and no Node, is sandboxed and isolated, with only the built-in PDF plugin on', () => {
    const o = pdfViewerOptions('Pindaian SK 800/1/2026');
    expect(o.title).toBe('Pindaian SK 800/1/2026');
    expect(o.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      plugins: true,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(o.webPreferences).not.toHaveProperty('preload');
  });

  it('loads the bytes from an owner-only temp file, blocks navigation and new windows, and removes the file on close', async () => {
    const handlers: Record<string, (e: { preventDefault(): void }) => void> = {};
    const contentsHandlers: Record<string, (e: { preventDefault(): void }) => void> = {};
    let openHandler: (() => { action: string }) | null = null;
    let loaded = '';
    let seen: { mode: number; bytes: string } | null = null;
    let options: unknown = null;
    class FakeWindow {
      webContents = {
        on: (ev: string, fn: (e: { preventDefault(): void }) => void) => void (contentsHandlers[ev] = fn),
        setWindowOpenHandler: (fn: () => { action: string }) => void (openHandler = fn),
      };
      constructor(o: unknown) {
        options = o;
      }
      on(ev: string, fn: (e: { preventDefault(): void }) => void) {
        handlers[ev] = fn;
      }
      async loadFile(path: string) {
        loaded = path;
        seen = { mode: statSync(path).mode & 0o777, bytes: readFileSync(path, 'latin1') };
      }
      destroy() {}
    }
    const bytes = new Uint8Array(Buffer.from('%PDF-1.6\n...\n%%EOF\n', 'latin1'));
    await showPdfWindow(FakeWindow as never, bytes, 'Pindaian SK 1');
    expect(options).toEqual(pdfViewerOptions('Pindaian SK 1'));
    expect(seen).toEqual({ mode: 0o600, bytes: '%PDF-1.6\n...\n%%EOF\n' });
    expect(loaded.endsWith('pindaian.pdf')).toBe(true);
    let prevented = 0;
    contentsHandlers['will-navigate']!({ preventDefault: () => void prevented++ });
    expect(prevented).toBe(1);
    expect(openHandler!()).toEqual({ action: 'deny' });
    handlers['page-title-updated']!({ preventDefault: () => void prevented++ });
    expect(prevented).toBe(2);
    expect(existsSync(loaded)).toBe(true);
    handlers.closed!({ preventDefault: () => undefined });
    expect(existsSync(dirname(loaded))).toBe(false);
  });
});
