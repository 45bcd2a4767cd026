/**
 * The security screens at 1366x768 with a demo Pemda: first run, sign-in, lock, the user menu, and the
 * Pengguna / Cadangan / Jejak audit tabs. Written to docs/screenshots/45-*.png .. 54-*.png.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { updatePerson } from '../../electron/core/roster/person';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767);
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

test.describe('first run', () => {
  test.use({ sigapAuth: 'firstRun' });
  test('setup, login, lock', async ({ page, sigap }) => {
    mkdirSync(OUT, { recursive: true });
    await seedDemo(sigap.ctx, { persons: 300, year: 2026 });
    await page.goto('/');
    const setup = page.getByTestId('setup-screen');
    await setup.getByLabel('Nama pengguna').fill('rina.admin');
    await setup.getByLabel('Nama lengkap').fill('Rina Marlina (BKPSDM)');
    await setup.getByLabel(/^Kata sandi\s*\*?$/).fill('rahasiaPemda2026');
    await shot(page, '45-pertama-kali');
    await setup.getByLabel('Ulangi kata sandi').fill('rahasiaPemda2026');
    await setup.getByRole('button', { name: 'Buat administrator dan masuk' }).click();
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();
    await page.getByTestId('user-menu').click();
    await expect(page.getByRole('menu')).toBeVisible();
    await page.screenshot({ path: join(OUT, '46-menu-pengguna.png'), animations: 'disabled' });
    await page.getByRole('menuitem', { name: 'Keluar' }).click();
    const login = page.getByTestId('login-screen');
    await login.getByLabel('Nama pengguna').fill('rina.admin');
    await login.getByLabel('Kata sandi').fill('salah-sandi-1');
    await login.getByRole('button', { name: 'Masuk' }).click();
    await expect(login.getByTestId('error-message')).toBeVisible();
    await login.getByText('Lupa kata sandi?').click();
    await shot(page, '47-masuk');
    await login.getByLabel('Kata sandi').fill('rahasiaPemda2026');
    await login.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pegawai' }).click();
    await expect(page.getByTestId('roster-count')).toBeVisible();
    sigap.advanceClock(20);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'SK' }).click();
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    await shot(page, '48-terkunci');
  });
});

test.describe('admin tabs', () => {
  test.use({ sigapBackups: true });
  test('pengguna, cadangan, jejak audit, and a viewer', async ({ page, sigap }) => {
    test.setTimeout(120_000);
    mkdirSync(OUT, { recursive: true });
    await seedDemo(sigap.ctx, { persons: 600, year: 2026 });
    const p = sigap.ctx.db.prepare('SELECT id, nik, name, birth_place AS birthPlace, birth_date AS birthDate, sex, mother_name AS motherName, kpj FROM person WHERE id = 42').get() as {
      id: number; nik: string; name: string; birthPlace: string; birthDate: string; sex: 'L' | 'P'; motherName: string | null; kpj: string | null;
    };
    sigap.ctx.actor = 'admin';
    await updatePerson(sigap.ctx, p.id, { ...p, phone: '0812 7788 2041', address: 'Jl. Raden Intan No. 12, Liwa' });
    await sigap.open('/pengaturan');
    await page.getByRole('tab', { name: 'Pengguna' }).click();
    for (const [u, n, r] of [['siti.keu', 'Siti Aminah', 'finance'], ['dedi.bkpsdm', 'Dedi Kurniawan', 'hr']] as const) {
      await page.getByRole('button', { name: '+ Tambah pengguna' }).click();
      const d = page.getByRole('dialog', { name: 'Tambah pengguna' });
      await d.getByLabel('Nama pengguna').fill(u);
      await d.getByLabel('Nama lengkap').fill(n);
      await d.getByLabel('Peran').selectOption(r);
      if (u === 'dedi.bkpsdm') await shot(page, '50-tambah-pengguna');
      await d.getByRole('button', { name: 'Buat akun' }).click();
      await expect(d).toBeHidden();
      await expect(page.getByText(`Akun ${u} dibuat`)).toBeVisible();
    }
    await shot(page, '49-pengguna');

    await page.getByRole('tab', { name: 'Cadangan' }).click();
    for (const reason of ['harian', 'sebelum-sk'] as const) {
      const { autoBackup } = await import('../../electron/core/backup/auto');
      sigap.advanceClock(-60 * 24);
      await autoBackup(sigap.ctx, sigap.backupDir!, reason);
    }
    sigap.advanceClock(60 * 48);
    await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    await expect(page.getByTestId('backup-table')).toContainText('Dibuat manual');
    await shot(page, '51-cadangan');
    await page.getByRole('button', { name: 'Pulihkan…' }).nth(1).click();
    const dialog = page.getByRole('dialog', { name: 'Pulihkan data dari cadangan' });
    await dialog.getByRole('button', { name: 'Periksa cadangan' }).click();
    await expect(dialog.getByTestId('backup-check')).toBeVisible();
    await dialog.getByLabel('Ketik PULIHKAN untuk melanjutkan').fill('PULIHKAN');
    await shot(page, '52-pulihkan-periksa');
    await dialog.getByRole('button', { name: 'Tutup' }).click();

    await page.getByRole('tab', { name: 'Jejak audit' }).click();
    const filter = page.getByRole('form', { name: 'Saring jejak audit' });
    await filter.getByLabel('Jenis data').selectOption({ label: 'Data pribadi' });
    await filter.getByRole('button', { name: 'Terapkan' }).click();
    await expect(page.getByTestId('audit-count')).toContainText('dari 1 catatan');
    await page.getByTestId('audit-table').getByRole('button', { name: 'Rincian' }).click();
    await shot(page, '53-jejak-audit');
    expect(readdirSync(sigap.backupDir!).length).toBeGreaterThan(2);

    await sigap.signInAs('viewer');
    await sigap.open('/pegawai');
    await expect(page.locator('[role="row"][aria-rowindex="2"]')).toHaveAttribute('data-loaded', 'true');
    await shot(page, '54-pegawai-hanya-lihat');
  });
});
