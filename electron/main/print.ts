import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAPER_MM, type PdfOptions } from '../../shared/paper';
import { PRINT_CONTENT_SECURITY_POLICY } from './csp';

/**
 * The hidden window a document is printed from: no preload, no JavaScript, sandboxed. The document is
 * self-contained HTML built by the core (inline CSS, images as data URLs), so nothing is fetched.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Electron's `printToPDF` options for a paper: the size in inches, background colours kept, CSS @page honoured. */
export function printToPdfOptions(o: PdfOptions): Electron.PrintToPDFOptions {
  const { width, height } = PAPER_MM[o.paper];
  return {
    pageSize: { width: width / 25.4, height: height / 25.4 },
    landscape: Boolean(o.landscape),
    printBackground: true,
    preferCSSPageSize: true,
    margins: { marginType: 'none' }, // the document's @page rule sets the margins
  };
}

/**
 * The document with the print window's CSP as the first element of its head (a file:// page gets no
 * response headers, so the policy travels in a meta element, ahead of anything it governs).
 */
export function withPrintCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PRINT_CONTENT_SECURITY_POLICY}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return `${html.slice(0, head.index + head[0].length)}${meta}${html.slice(head.index + head[0].length)}`;
  return `<!DOCTYPE html><html><head>${meta}</head><body>${html}</body></html>`;
}

/**
 * Prints one document in a fresh hidden window, then closes it. The HTML goes through a private temp
 * file, not a data: URL: Chromium refuses URLs over 2 MB, which an attachment of ~7,000 people reaches.
 */
export async function printHtmlToPdf(BrowserWindow: typeof BrowserWindowType, html: string, opts: PdfOptions): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'sigap-print-'));
  const file = join(dir, 'dokumen.html');
  writeFileSync(file, withPrintCsp(html), { encoding: 'utf8', mode: 0o600 });
  const win = new BrowserWindow(printWindowOptions());
  try {
    await win.loadFile(file);
    return new Uint8Array(await win.webContents.printToPDF(printToPdfOptions(opts)));
  } finally {
    win.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
