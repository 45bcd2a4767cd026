import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, TEST_ADMIN } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { listUsers } from '../../electron/core/auth/users';
import { getEmployer } from '../../electron/core/settings/employer';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

test.describe('first run', () => {
  test.use({ sigapAuth: 'firstRun' });

  test('creates the administrator, signs out and in, locks after inactivity and unlocks with the password', async ({ page, sigap }) => {
    await page.goto('/');
    const setup = page.getByTestId('setup-screen');
    await expect(setup.getByRole('heading', { name: 'Selamat datang di Sigap' })).toBeVisible();
    await setup.getByLabel('Nama pengguna').fill('rina.admin');
    await setup.getByLabel('Nama lengkap').fill('Rina Marlina');
    await setup.getByLabel(/^Kata sandi\s*\*?$/).fill('pendek');
    await setup.getByLabel('Ulangi kata sandi').fill('pendek');
    await setup.getByRole('button', { name: 'Buat administrator dan masuk' }).click();
    await expect(setup.getByTestId('error-message')).toHaveText('Kata sandi minimal 10 karakter.');
    await setup.getByLabel(/^Kata sandi\s*\*?$/).fill('rahasiaPemda2026');
    await setup.getByLabel('Ulangi kata sandi').fill('rahasiaPemda2026');
    await setup.getByRole('button', { name: 'Buat administrator dan masuk' }).click();
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();
    await expect(page.getByTestId('user-menu')).toContainText('Rina Marlina');
    expect((await listUsers(sigap.ctx)).find((u) => u.username === 'rina.admin')?.role).toBe('admin');

    // Sign out from the user menu; the login screen tells the admin about the lost-password path.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Keluar' }).click();
    const login = page.getByTestId('login-screen');
    await expect(login).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toHaveCount(0);
    await login.getByText('Lupa kata sandi?').click();
    await expect(login).toContainText('sigap user reset-password NAMA_PENGGUNA');
    await login.getByLabel('Nama pengguna').fill('rina.admin');
    await login.getByLabel('Kata sandi').fill('salahsandi123');
    await login.getByRole('button', { name: 'Masuk' }).click();
    await expect(login.getByTestId('error-message')).toHaveText('Nama pengguna atau kata sandi salah.');
    await login.getByLabel('Kata sandi').fill('rahasiaPemda2026');
    await login.getByLabel('Kata sandi').press('Enter');
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();

    // 16 minutes without a call: the next call is refused by the core and the lock screen shows.
    sigap.advanceClock(16);
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pegawai' }).click();
    const lock = page.getByTestId('lock-screen');
    await expect(lock.getByRole('heading', { name: 'Sesi terkunci' })).toBeVisible();
    await expect(lock).toContainText('Rina Marlina');
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeHidden();
    await lock.getByLabel('Kata sandi').fill('bukansandinya1');
    await lock.getByRole('button', { name: 'Buka kunci' }).click();
    await expect(lock.getByTestId('error-message')).toHaveText('Kata sandi salah.');
    await lock.getByLabel('Kata sandi').fill('rahasiaPemda2026');
    await lock.getByRole('button', { name: 'Buka kunci' }).click();
    await expect(lock).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Pegawai' })).toBeVisible();
  });
});

test('the admin creates a viewer, who sees masked NIKs and no button that writes (import, add, billing, settings)', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 40, year: 2026 });
  // The first by name in code-point order (SQLite's BINARY), sorted here so no engine's collation decides.
  const everyone = await storeOf(sigap.ctx).all<{ id: number; nik: string; name: string }>(sql`SELECT id, nik, name FROM person ORDER BY id`);
  const { nik, name, id } = everyone.reduce((a, b) => (b.name < a.name ? b : a));
  await personRepo.update(storeOf(sigap.ctx), id, { kpj: '23041234567' }, sigap.ctx.clock().toISOString());
  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Pengguna' }).click();
  await page.getByRole('button', { name: '+ Tambah pengguna' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tambah pengguna' });
  await dialog.getByLabel('Nama pengguna').fill('budi.lihat');
  await dialog.getByLabel('Nama lengkap').fill('Budi Santoso');
  await dialog.getByLabel('Peran').selectOption('viewer');
  await dialog.getByRole('button', { name: 'Buat akun' }).click();
  const temp = (await page.getByTestId('temporary-password').textContent())!;
  expect(temp).toMatch(/^[a-z2-9]{10,}$/);
  await expect(page.getByTestId('users-table')).toContainText('budi.lihat');
  await expect(page.getByTestId('users-table')).toContainText('Menunggu ganti kata sandi');

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Keluar' }).click();
  const login = page.getByTestId('login-screen');
  await login.getByLabel('Nama pengguna').fill('budi.lihat');
  await login.getByLabel('Kata sandi').fill(temp);
  await login.getByRole('button', { name: 'Masuk' }).click();
  const change = page.getByTestId('change-password-screen');
  await change.getByLabel('Kata sandi sementara').fill(temp);
  await change.getByLabel(/^Kata sandi baru\s*\*?$/).fill('budiLihat2026');
  await change.getByLabel('Ulangi kata sandi baru').fill('budiLihat2026');
  await change.getByRole('button', { name: 'Simpan kata sandi' }).click();
  await expect(page.getByTestId('user-menu')).toContainText('Budi Santoso');

  const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
  await nav.getByRole('link', { name: 'Pegawai' }).click();
  await expect(page.getByTestId('roster-count')).toHaveText('Menampilkan 40 pegawai');
  const first = page.locator('[role="row"][data-loaded="true"]').first();
  await expect(first).toContainText(`${nik.slice(0, 4)}********${nik.slice(-4)}`);
  await expect(page.locator('body')).not.toContainText(nik);
  await expect(page.getByRole('button', { name: '+ Tambah pegawai' })).toHaveCount(0);
  await first.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.locator('body')).toContainText(`${nik.slice(0, 4)}********${nik.slice(-4)}`);
  await expect(page.locator('body')).not.toContainText(nik);
  await expect(page.locator('body')).not.toContainText('23041234567');
  await nav.getByRole('link', { name: 'SK' }).click();
  await expect(page.getByTestId('decree-table')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Impor SK' })).toHaveCount(0);
  // Billing reads for everyone; the buttons that write are finance's, the settings admin's.
  await nav.getByRole('link', { name: 'Iuran' }).click();
  await expect(page.getByText('Bulan iuran').first()).toBeVisible();
  await expect(page.getByRole('button', { name: /Hitung (ulang )?iuran/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Terbitkan semua draf/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Rekap bulan/ })).toHaveCount(1);
  await expect(page.getByText('Iuran bulan ini belum dihitung oleh bagian keuangan.')).toBeVisible();
  await nav.getByRole('link', { name: 'Pengaturan' }).click();
  await expect(page.getByText('Profil Pemda hanya dapat diubah oleh admin.')).toBeVisible();
  await expect(page.getByLabel('Nama Pemda')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Simpan profil' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'OPD dan pejabat' }).click();
  await expect(page.getByRole('button', { name: '+ Tambah OPD' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Ubah / })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Tarif iuran' }).click();
  await expect(page.getByTestId('bpu-brackets')).toBeVisible();
  await expect(page.getByRole('button', { name: '+ Tambah tarif berlaku' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '+ Tabel golongan baru' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Jejak audit' }).click();
  await expect(page.getByText('Khusus administrator')).toBeVisible();
  // The core refuses anyway, whatever the screen shows.
  const reply = await page.evaluate(() => (globalThis as unknown as { sigap: Record<string, (i: unknown) => Promise<unknown>> }).sigap['audit.list']!({}));
  expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test.describe('backups', () => {
  test.use({ sigapBackups: true });

  test('backs up now and to a flash disk with a passphrase; shows the check before a restore; restores', async ({ page, sigap }) => {
    await seedDemo(sigap.ctx, { persons: 25, year: 2026 });
    const pemda = (await getEmployer(sigap.ctx))!.name;
    await sigap.open('/pengaturan');
    await page.getByRole('tab', { name: 'Cadangan' }).click();
    await expect(page.getByTestId('backup-table')).toContainText('Belum ada cadangan.');
    await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    await expect(page.getByText('Cadangan dibuat', { exact: true })).toBeVisible();
    await expect(page.getByTestId('backup-table')).toContainText('Dibuat manual');

    const usb = join(sigap.dir, 'FLASHDISK');
    mkdirSync(usb);
    sigap.folderQueue.push(usb);
    await page.getByRole('button', { name: 'Cadangkan ke flashdisk…' }).click();
    const to = page.getByRole('dialog', { name: 'Cadangkan ke folder' });
    await to.getByLabel('Kata sandi cadangan (disarankan)').fill('usb-rahasia-2026');
    await to.getByLabel('Ulangi kata sandi cadangan').fill('usb-rahasia-2026');
    await to.getByRole('button', { name: 'Buat cadangan' }).click();
    await expect(page.getByText(/terenkripsi dengan kata sandi/)).toBeVisible();
    const encrypted = join(usb, (await import('node:fs')).readdirSync(usb)[0]!);

    // From the flash disk: a wrong passphrase gets the clear message.
    sigap.openQueue.push(encrypted);
    await page.getByRole('button', { name: 'Pulihkan dari berkas…' }).click();
    const fromUsb = page.getByRole('dialog', { name: 'Pulihkan data dari cadangan' });
    await fromUsb.getByLabel('Kata sandi cadangan').fill('salah-sandi-usb');
    await fromUsb.getByRole('button', { name: 'Periksa cadangan' }).click();
    await expect(fromUsb.getByTestId('error-message')).toHaveText('Kata sandi cadangan salah, atau berkas cadangan rusak.');
    await fromUsb.getByLabel('Kata sandi cadangan').fill('usb-rahasia-2026');
    await fromUsb.getByRole('button', { name: 'Periksa cadangan' }).click();
    await expect(fromUsb.getByTestId('backup-check')).toContainText(pemda);
    await fromUsb.getByRole('button', { name: 'Tutup' }).click();

    // Restore the manual backup after a change: the check first, then the typed confirmation.
    await storeOf(sigap.ctx).run(sql`UPDATE person SET name = 'NAMA DIUBAH' WHERE id = (SELECT min(id) FROM person)`);
    await page.getByRole('button', { name: 'Pulihkan…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Pulihkan data dari cadangan' });
    await dialog.getByRole('button', { name: 'Periksa cadangan' }).click();
    const check = dialog.getByTestId('backup-check');
    await expect(check).toContainText('Utuh');
    await expect(check).toContainText(pemda);
    await expect(check.locator('div', { hasText: 'Pegawai' }).locator('dd')).toHaveText('25');
    const go = dialog.getByRole('button', { name: 'Pulihkan sekarang' });
    await expect(go).toBeDisabled();
    await dialog.getByLabel('Ketik PULIHKAN untuk melanjutkan').fill('pulihkan');
    await expect(go).toBeEnabled();
    await go.click();
    await expect(dialog.getByText('Data dipulihkan')).toBeVisible();
    expect((await storeOf(sigap.ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM person WHERE name = 'NAMA DIUBAH'`))!.n).toBe(0);
    const safety = (await dialog.textContent())!.match(/sigap-\S+sebelum-pemulihan\.sigapdb/)![0];
    expect(existsSync(join(sigap.backupDir!, safety))).toBe(true);
    await dialog.getByRole('button', { name: 'Masuk kembali' }).click();
    await expect(page.getByTestId('login-screen')).toBeVisible();
    await page.getByLabel('Nama pengguna').fill(TEST_ADMIN.username);
    await page.getByLabel('Kata sandi').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();
  });
});

test('filters the audit trail, shows a change before and after, and exports it to Excel', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 10, year: 2026 });
  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Pengguna' }).click();
  await page.getByLabel('Kunci sesi setelah tidak aktif (menit)').fill('10');
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await expect(page.getByText('Tersimpan', { exact: true })).toBeVisible();

  await page.getByRole('tab', { name: 'Jejak audit' }).click();
  const count = page.getByTestId('audit-count');
  await expect(count).toContainText('catatan');
  const filter = page.getByRole('form', { name: 'Saring jejak audit' });
  await filter.getByLabel('Jenis data').selectOption({ label: 'Pengaturan' });
  await filter.getByLabel('Pengguna').selectOption('admin');
  await filter.getByRole('button', { name: 'Terapkan' }).click();
  await expect(count).toHaveText('1–1 dari 1 catatan');
  const table = page.getByTestId('audit-table');
  await expect(table).toContainText('Kunci otomatis setelah 10 menit tidak aktif');
  await table.getByRole('button', { name: 'Rincian' }).click();
  await expect(table.locator('.diff-before')).toHaveText('15');
  await expect(table.locator('.diff-after')).toHaveText('10');

  await filter.getByLabel('Dari tanggal').fill('11-03-2026');
  await filter.getByRole('button', { name: 'Terapkan' }).click();
  await expect(count).toHaveText('Tidak ada catatan');
  await filter.getByLabel('Dari tanggal').fill('10-03-2026');
  await filter.getByRole('button', { name: 'Terapkan' }).click();
  await expect(count).toHaveText('1–1 dari 1 catatan');

  const out = join(sigap.dir, 'audit.xlsx');
  sigap.saveQueue.push(out);
  await page.getByRole('button', { name: 'Ekspor ke Excel' }).click();
  await expect(page.getByText('1 baris disimpan ke')).toBeVisible();
  expect(existsSync(out)).toBe(true);
});
