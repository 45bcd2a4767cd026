/**
 * PDF printing outside Electron (the `sigap` command line and the tests): headless Chromium through
 * playwright-core. The same self-contained HTML the app prints with Electron's printToPDF.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { SigapError } from '../../shared/errors';
import { cssPageSize, type PdfOptions } from '../../shared/paper';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium to print with: SIGAP_CHROMIUM or CHROMIUM_PATH, else the usual Linux locations. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.SIGAP_CHROMIUM ?? env.CHROMIUM_PATH;
  if (chosen) {
    if (!existsSync(chosen)) throw new SigapError('INVALID_INPUT', `Chromium tidak ditemukan di ${chosen} (SIGAP_CHROMIUM).`);
    return chosen;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new SigapError('INVALID_INPUT', 'Untuk membuat PDF dari baris perintah diperlukan Chromium. Pasang Chromium atau isi SIGAP_CHROMIUM dengan lokasinya. Di aplikasi, PDF dibuat tanpa Chromium tambahan.');
  return found;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Prints HTML to PDF in a page of an existing browser (the E2E harness) or a fresh headless one. */
export async function printWithChromium(html: string, opts: PdfOptions, browser?: Browser): Promise<Uint8Array> {
  const own = browser ? null : await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await (browser ?? own!).newPage({ javaScriptEnabled: false });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      const size = cssPageSize(opts).split(' ');
      return new Uint8Array(await page.pdf({ width: size[0], height: size[1], printBackground: true, preferCSSPageSize: true }));
    } finally {
      await page.close();
    }
  } finally {
    await own?.close();
  }
}
