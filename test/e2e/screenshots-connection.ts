/**
 * The desktop's first question (this computer or the office's Sigap server), the server's certificate
 * fingerprint to compare, and the banner while the server cannot be reached:
 * docs/screenshots/45a-sambungan-pilih.png, 45b-sambungan-sidik-jari.png, 45c-sambungan-terputus.png.
 * `window.sigapDesktop` is a stand-in here (main's side is unit-tested in electron-connection.test.ts,
 * the server client against a real server in remote-client.test.ts); `window.sigap` is the harness's real core.
 * Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-connection`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, TEST_ADMIN } from './harness';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
const FP = '3F:A2:91:0C:5E:77:B4:1D:C8:06:E2:9B:44:D0:7A:13:F5:68:2C:B9:01:DE:8E:35:A7:4B:C2:90:6F:1E:58:D3';

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

/** A desktop bridge that answers like main does, without a network. */
function installDesktop({ fp }: { fp: string }) {
  type Link = { state: 'online' } | { state: 'offline'; message: string; since: string };
  const w = globalThis as unknown as Record<string, unknown>;
  let connection: Record<string, unknown> = { mode: 'ask' };
  const listeners = new Set<(s: Link) => void>();
  w.__desktopCalls = [] as unknown[];
  w.__setLink = (s: Link) => listeners.forEach((l) => l(s));
  w.sigapDesktop = Object.freeze({
    connection: async () => ({ ...connection, link: { state: 'online' } }),
    checkServer: async (address: string) => {
      (w.__desktopCalls as unknown[]).push(['check', address]);
      if (!address.includes('pemda')) return { ok: false, message: 'Server menolak sambungan: Sigap server tidak berjalan di alamat dan port itu.' };
      return { ok: true, value: { address: 'https://sigap.pemda.go.id:8443', fingerprint: fp } };
    },
    useLocal: async () => ((connection = { mode: 'local' }), { ok: true, value: null }),
    useServer: async (address: string, fingerprint: string) => {
      (w.__desktopCalls as unknown[]).push(['use', address, fingerprint]);
      connection = { mode: 'server', address, fingerprint };
      return { ok: true, value: null };
    },
    onLink: (l: (s: Link) => void) => (listeners.add(l), () => listeners.delete(l)),
  });
}

test.use({ sigapAuth: 'firstRun' });

test('the desktop asks where the data lives, shows the server fingerprint, and a banner when the server is gone', async ({ page, sigap }) => {
  expect(sigap.ctx).toBeTruthy(); // the harness's real core answers window.sigap
  mkdirSync(OUT, { recursive: true });
  await page.addInitScript(installDesktop, { fp: FP });
  await page.goto('/');
  const choice = page.getByTestId('connection-choice');
  await expect(choice.getByRole('heading', { name: 'Di mana data Sigap disimpan?' })).toBeVisible();
  await expect(choice.getByRole('radio', { name: /Gunakan di komputer ini saja/ })).toBeChecked();
  await choice.getByRole('radio', { name: /Sambungkan ke server Sigap kantor/ }).check();
  const address = choice.getByLabel(/^Alamat server/);
  await address.fill('https://10.0.0.9:8443');
  await choice.getByRole('button', { name: 'Periksa server' }).click();
  await expect(choice.getByRole('alert')).toHaveText(/^Server menolak sambungan/);
  await address.fill('https://sigap.pemda.go.id:8443');
  await shot(page, '45a-sambungan-pilih');

  await choice.getByRole('button', { name: 'Periksa server' }).click();
  await expect(choice.getByRole('heading', { name: 'Periksa sidik jari server' })).toBeVisible();
  await expect(choice.getByTestId('fingerprint')).toHaveText(/3F A2 91 0C 5E 77 B4 1D.*C2 90 6F 1E 58 D3/);
  await shot(page, '45b-sambungan-sidik-jari');
  await choice.getByRole('button', { name: 'Sama, sambungkan' }).click();

  // Chosen: the app goes on to its own first run (here the harness's core stands in for the server).
  const setup = page.getByTestId('setup-screen');
  await expect(setup).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as { __desktopCalls: unknown[] }).__desktopCalls.at(-1))).toEqual(['use', 'https://sigap.pemda.go.id:8443', FP]);
  await setup.getByLabel('Nama lengkap').fill(TEST_ADMIN.displayName);
  await setup.getByLabel(/^Kata sandi\s*\*?$/).fill(TEST_ADMIN.password);
  await setup.getByLabel('Ulangi kata sandi').fill(TEST_ADMIN.password);
  await setup.getByRole('button', { name: 'Buat administrator dan masuk' }).click();
  await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();
  await expect(page.getByText('Selamat datang di Sigap')).toBeVisible(); // Beranda has loaded its data

  await page.evaluate(() =>
    (globalThis as unknown as { __setLink(s: unknown): void }).__setLink({
      state: 'offline',
      message: 'Sambungan ke server Sigap terputus. Sigap mencoba menyambung lagi…',
      since: '2026-03-10T03:14:00.000Z',
    }),
  );
  const banner = page.getByTestId('link-banner');
  await expect(banner).toContainText('Sambungan ke server Sigap terputus');
  await expect(banner).toContainText('dari https://sigap.pemda.go.id:8443');
  await shot(page, '45c-sambungan-terputus');
  await page.evaluate(() => (globalThis as unknown as { __setLink(s: unknown): void }).__setLink({ state: 'online' }));
  await expect(banner).toBeHidden();
});
