/**
 * Two offices in browsers against a REAL `sigap serve` (issue #14): the built renderer served by the
 * server on loopback over its self-signed certificate, `window.sigap` being the web bridge
 * (renderer/src/web-bridge.ts), over a temporary SQLite database. HR imports an SK (the appendix
 * uploaded through the file input) while finance bills the month and records a payment, in two
 * browser contexts at once; each sees the other's work after a reload; a viewer sees no write button
 * and masked NIKs. SIGAP_SHOTS=<dir> keeps the screenshots (sign-in page, roster).
 */
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../electron/core/db/open';
import { createApi } from '../../electron/core/api/create-api';
import { dispatch } from '../../electron/core/api/dispatch';
import type { HostServices } from '../../electron/core/api/host';
import type { CoreContext } from '../../electron/core/context';
import { sessionFor } from '../../electron/core/auth/session';
import { storeOf } from '../../electron/core/store/of-context';
import { seedDemo } from '../../electron/core/demo/index';
import { signInAs, TEST_PASSWORD } from '../api-harness';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import type { Role } from '../../shared/roles';

const ROOT = resolve(import.meta.dirname, '../..');
const SK_NUMBER = '800/077/KPTS/WEB/2026';

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => done(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** The database before the server opens it: the demo Pemda and one user per role (through the real calls). */
async function seed(dbPath: string): Promise<void> {
  const { db } = openDatabase(dbPath);
  const ctx: CoreContext = { db, actor: 'app', clock: () => new Date() };
  const none = async () => null;
  const host: HostServices = {
    appVersion: '0.1.0', backupDir: null, chooseOpenFile: none, chooseSaveFile: none, chooseFolder: none,
    showInFolder: async () => undefined, showPdf: async () => undefined,
    printToPdf: async () => { throw new Error('no printing in this test'); }, progress: () => undefined,
  };
  const api = createApi(ctx, host);
  const gate = sessionFor(ctx);
  const call = ((name: string, input: unknown) => dispatch(api, name, input, { checkOutput: true, gate })) as Parameters<typeof signInAs>[0];
  for (const who of ['hr', 'finance', 'viewer'] as Role[]) {
    await call('auth.logout', {});
    await signInAs(call, who);
  }
  await call('auth.logout', {});
  await seedDemo(ctx, { persons: 40, year: 2026 });
  await storeOf(ctx).close();
}

/** `sigap serve` as a process of its own, as a Pemda runs it; resolves once it prints its address. */
function serve(dbPath: string, port: number, dir: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [join(ROOT, 'electron/cli/bin.js'), 'serve', '--db', dbPath, '--host', '127.0.0.1', '--port', String(port), '--log', join(dir, 'server.log')], {
    cwd: ROOT,
    env: { ...process.env, SIGAP_WEB_ROOT: process.env.SIGAP_WEB_OUT ?? join(ROOT, 'out/renderer') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`sigap serve did not start:\n${out}`)), 45_000);
    const read = (b: Buffer) => {
      out += b.toString();
      const m = /berjalan di (https:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        done({ proc, url: m[1]! });
      }
    };
    proc.stdout!.on('data', read);
    proc.stderr!.on('data', read);
    proc.once('exit', (code) => fail(new Error(`sigap serve exited (${code}):\n${out}`)));
  });
}

/** A browser context of one office; the server's self-signed certificate is accepted here only. */
async function office(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page; problems: string[]; streams: number[] }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: url, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // The progress stream (Server-Sent Events) the bridge opens once signed in: its statuses.
  const streams: number[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/api/events') streams.push(r.status());
  });
  return { context, page, problems, streams };
}

async function signIn(page: Page, role: Role): Promise<void> {
  await page.goto('/');
  const login = page.getByTestId('login-screen');
  await expect(login).toBeVisible();
  await login.getByLabel('Nama pengguna').fill(`uji-${role}`);
  await login.getByLabel('Kata sandi').fill(TEST_PASSWORD);
  await login.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();
}

/** Today in the Pemda's zone (the server's clock is the real one). */
function today(): { iso: string; dmy: string; month: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const [y, m, d] = iso.split('-');
  return { iso, dmy: `${d}-${m}-${y}`, month: `${y}-${m}` };
}

test.describe.configure({ mode: 'serial' });

let dir = '';
let server: { proc: ChildProcess; url: string } | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'sigap-web-'));
  const dbPath = join(dir, 'sigap.db');
  await seed(dbPath);
  server = await serve(dbPath, await freePort(), dir);
});

test.afterAll(async () => {
  if (server && server.proc.exitCode === null) {
    const exited = new Promise((r) => server!.proc.once('exit', r));
    server.proc.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the page comes from the server with its CSP; unknown page routes fall back to the app', async ({ browser }) => {
  const { context, page, problems } = await office(browser, server!.url);
  const res = await page.goto('/pegawai/tidak-ada');
  const headers = res!.headers();
  expect(headers['content-security-policy']).toContain("connect-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
  await expect(page.getByTestId('login-screen')).toBeVisible();
  const shots = process.env.SIGAP_SHOTS;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'web-sign-in.png') });
  }
  await context.close();
  expect(problems).toEqual([]);
});

test('hr imports an SK while finance bills the month and pays; each sees the other after a reload; a viewer reads only', async ({ browser }) => {
  test.setTimeout(180_000);
  const now = today();
  const hr = await office(browser, server!.url);
  const fin = await office(browser, server!.url);
  await Promise.all([signIn(hr.page, 'hr'), signIn(fin.page, 'finance')]);

  const appendix = await writeMessyAppendix(join(dir, 'lampiran-sk-web.xlsx'), fxPersons(6, ['Dinas Sosial', 'Inspektorat'], 11, 700_000), {
    number: SK_NUMBER,
    date: `${now.month}-01`,
  });

  const hrWork = async () => {
    const page = hr.page;
    await page.goto('/sk/impor');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Pilih berkas…' }).click();
    await (await chooser).setFiles(appendix.path);
    await expect(page.getByTestId('chosen-file')).toContainText('lampiran-sk-web.xlsx');
    await page.getByLabel('TMT (terhitung mulai tanggal)').fill(`01-${now.month.slice(5)}-${now.month.slice(0, 4)}`);
    await page.getByRole('button', { name: 'Baca berkas' }).click();
    await expect(page.getByTestId('review')).toBeVisible();
    await page.getByRole('tab', { name: /Ringkasan/ }).click();
    await expect(page.getByTestId('decree-number')).toHaveText(SK_NUMBER);
    await expect(page.getByTestId('accepted-count')).toHaveText('6');
    await page.getByRole('button', { name: 'Terapkan SK' }).click();
    await expect(page.getByText(`SK ${SK_NUMBER} sudah diterapkan`)).toBeVisible({ timeout: 30_000 });
  };

  let invoiceNumber = '';
  const financeWork = async () => {
    const page = fin.page;
    await page.goto('/iuran');
    await expect(page.getByRole('heading', { level: 1, name: 'Iuran' })).toBeVisible();
    await page.getByRole('button', { name: 'Hitung iuran' }).click();
    await expect(page.getByTestId('run-result')).toContainText('orang ditagih', { timeout: 30_000 });
    const sosial = page.getByTestId('invoice-row').filter({ hasText: 'Dinas Sosial' });
    await sosial.getByRole('button', { name: /Terbitkan tagihan Dinas Sosial/ }).click();
    const issue = page.getByRole('dialog', { name: 'Terbitkan tagihan' });
    await issue.getByRole('button', { name: 'Terbitkan' }).click();
    await expect(issue).toBeHidden();
    await expect(sosial).toHaveAttribute('data-status', 'issued');
    invoiceNumber = ((await sosial.textContent()) ?? '').match(/IUR\/\S+?\/\d{3}/)?.[0] ?? '';
    expect(invoiceNumber).not.toBe('');
    await sosial.getByRole('link', { name: 'Dinas Sosial' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tagihan Dinas Sosial' })).toBeVisible();
    const total = Number(((await page.getByTestId('invoice-total').textContent()) ?? '').replace(/\D/g, ''));
    expect(total).toBeGreaterThan(0);
    const half = Math.floor(total / 2);
    await page.getByRole('button', { name: 'Catat pembayaran' }).first().click();
    const pay = page.getByRole('dialog', { name: 'Catat pembayaran' });
    await pay.getByLabel('Nomor SP2D').fill('00777/SP2D/LS/2026');
    await pay.getByLabel('Tanggal SP2D').fill(now.dmy);
    await pay.getByLabel('Jumlah dibayar (Rp)').fill(half.toLocaleString('id-ID'));
    await pay.getByRole('button', { name: 'Catat' }).click();
    await expect(pay).toBeHidden();
    await expect(page.getByTestId('saved-message')).toContainText('Pembayaran dicatat.');
    await expect(page.getByTestId('invoice-paid')).toContainText(half.toLocaleString('id-ID'));
  };

  await Promise.all([hrWork(), financeWork()]);
  expect(hr.streams).toContain(200);
  expect(fin.streams).toContain(200);

  // Each office sees the other's work after a reload.
  await fin.page.goto('/sk');
  await fin.page.reload();
  await expect(fin.page.getByText(SK_NUMBER)).toBeVisible();
  await hr.page.goto('/iuran');
  await hr.page.reload();
  await expect(hr.page.getByTestId('invoice-row').filter({ hasText: 'Dinas Sosial' })).toContainText(invoiceNumber);

  // A reload keeps the session (the cookie) and the bridge finds its CSRF token again: a write still works.
  await hr.page.goto('/pegawai');
  await expect(hr.page.getByRole('button', { name: /Tambah pegawai/ })).toBeVisible();
  await expect(hr.page.getByText(fxPersons(6, ['Dinas Sosial', 'Inspektorat'], 11, 700_000)[0]!.nik)).toBeVisible();

  // The viewer: no write buttons, NIKs masked.
  const viewer = await office(browser, server!.url);
  await signIn(viewer.page, 'viewer');
  await viewer.page.goto('/pegawai');
  await expect(viewer.page.getByTestId('roster-count')).toBeVisible();
  await expect(viewer.page.getByRole('button', { name: /Tambah pegawai/ })).toHaveCount(0);
  const rosterText = (await viewer.page.locator('main').textContent()) ?? '';
  expect(rosterText).toMatch(/\d{4}\*{8}\d{4}/);
  expect(rosterText).not.toMatch(/\b\d{16}\b/);
  const shots = process.env.SIGAP_SHOTS;
  if (shots) await viewer.page.screenshot({ path: join(shots, 'web-roster-viewer.png') });

  // A file a call writes comes back as a download of this browser (x-sigap-downloads), NIKs masked in it too.
  const downloading = viewer.page.waitForEvent('download');
  await viewer.page.getByRole('button', { name: 'Unduh Excel' }).click();
  await viewer.page.getByRole('dialog', { name: 'Unduh daftar pegawai' }).getByRole('button', { name: 'Unduh Excel' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const saved = join(dir, 'unduhan-viewer.xlsx');
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const cells = wb.worksheets[0]!.getSheetValues().flat().map(String).join(' ');
  expect(cells).toMatch(/\d{4}\*{8}\d{4}/);
  expect(cells).not.toMatch(/\b\d{16}\b/);

  // The SK list (its page loaded once), then back to the roster.
  await viewer.page.goto('/sk');
  await expect(viewer.page.getByText(SK_NUMBER)).toBeVisible();
  await expect(viewer.page.getByRole('link', { name: 'Impor SK' })).toHaveCount(0);
  await viewer.page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pegawai' }).click();
  await expect(viewer.page.getByTestId('roster-count')).toBeVisible();

  // The connection drops: a banner says so and reads are retried; back online, the page carries on.
  await viewer.context.setOffline(true);
  await viewer.page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'SK' }).click();
  const banner = viewer.page.getByRole('alert').filter({ hasText: 'Sambungan ke server Sigap terputus; mencoba lagi…' });
  await expect(banner).toBeVisible();
  if (shots) await viewer.page.screenshot({ path: join(shots, 'web-connection-lost.png') });
  await viewer.context.setOffline(false);
  await expect(banner).toBeHidden({ timeout: 15_000 });
  await expect(viewer.page.getByText(SK_NUMBER)).toBeVisible();
  await viewer.page.goto('/iuran');
  await expect(viewer.page.getByRole('heading', { level: 1, name: 'Iuran' })).toBeVisible();
  await expect(viewer.page.getByTestId('invoice-row').filter({ hasText: 'Dinas Sosial' })).toContainText(invoiceNumber);

  for (const o of [hr, fin, viewer]) {
    await o.context.close();
    expect(o.problems).toEqual([]);
  }
});
