/**
 * Pengaturan › Pendaftaran BPJS (NPP): the administrator adds the RSUD's own NPP, puts the RSUD unit and
 * a category under it, and the month's invoices then go per NPP; other roles read only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { listRegistrations } from '../../electron/core/settings/registrations';
import { runBilling } from '../../electron/core/billing/index';
import { saveRegistration } from '../../electron/core/settings/registrations';
import { exportBatch } from '../../electron/core/bpjs/index';
import { listOpds } from '../../electron/core/roster/units';
import { opdRepo } from '../../electron/core/settings/employer-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

test('the administrator adds an NPP, puts a unit under it, and the month is billed per NPP', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 60, year: 2026 });
  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Pendaftaran BPJS (NPP)' }).click();
  const table = page.getByTestId('registration-table');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('NPP Pemda (diatur di Profil Pemda)');

  await page.getByRole('button', { name: '+ Tambah NPP' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tambah pendaftaran BPJS (NPP)' });
  await dialog.getByLabel('NPP').fill('1804 009');
  await dialog.getByLabel('Nama pendaftaran').fill('RSUD Alimuddin Umar (BLUD)');
  await dialog.getByLabel('Kelas risiko JKK').selectOption({ label: 'kelas II: risiko rendah' });
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  // The core's refusal, in the dialog; nothing written.
  await expect(dialog.getByText('NPP "1804 009" tidak sah: NPP BPJS Ketenagakerjaan terdiri dari 8 angka (mis. 18040012).')).toBeVisible();
  expect(await listRegistrations(sigap.ctx)).toHaveLength(1);
  await dialog.getByLabel('NPP').fill('1804 0099');
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('NPP 18040099 tersimpan')).toBeVisible();
  const rsud = table.getByRole('row', { name: /18040099/ });
  await expect(rsud).toContainText('RSUD Alimuddin Umar (BLUD)');
  await expect(rsud).toContainText('kelas II');

  // The unit's dialog: the RSUD unit goes under its NPP.
  await page.getByRole('tab', { name: 'OPD dan pejabat' }).click();
  await page.getByRole('button', { name: 'Ubah RSUD Alimuddin Umar' }).click();
  const unit = page.getByRole('dialog', { name: 'Ubah RSUD Alimuddin Umar' });
  await unit.getByLabel('NPP BPJS Ketenagakerjaan').selectOption({ label: '18040099 · RSUD Alimuddin Umar (BLUD)' });
  await unit.getByRole('button', { name: 'Simpan' }).click();
  await expect(page.getByText('RSUD Alimuddin Umar tersimpan')).toBeVisible();
  await expect(page.getByTestId('opd-table').getByRole('row', { name: /RSUD Alimuddin Umar/ })).toContainText('18040099');
  await expect(page.getByTestId('opd-table').getByRole('row', { name: /Dinas Kesehatan/ })).toContainText('Ikut kategori / Pemda');

  // The registration now counts the unit, and cannot be deleted while it does.
  await page.getByRole('tab', { name: 'Pendaftaran BPJS (NPP)' }).click();
  await page.getByRole('button', { name: 'Hapus NPP 18040099' }).click();
  await expect(page.getByText('NPP 18040099 (RSUD Alimuddin Umar (BLUD)) tidak dapat dihapus: masih dipakai 1 unit.')).toBeVisible();

  // The month's invoices: the RSUD's under its NPP, the rest under the Pemda's, each row saying which.
  const res = await runBilling(sigap.ctx, { month: '2026-03' });
  const rsudInvoice = res.invoices.find((i) => i.opd === 'RSUD Alimuddin Umar')!;
  expect(rsudInvoice.npp).toBe('18040099');
  expect(new Set(res.invoices.filter((i) => i !== rsudInvoice).map((i) => i.npp))).toEqual(new Set(['18040012']));
  await sigap.open('/iuran?bulan=2026-03');
  const row = page.getByTestId('invoice-row').filter({ hasText: 'RSUD Alimuddin Umar' });
  await expect(row.getByTestId('invoice-npp')).toHaveText('NPP 18040099');
  await row.getByRole('link', { name: 'RSUD Alimuddin Umar' }).click();
  // The list's rows carry the same test id: wait for the invoice page before reading its header.
  await expect(page).toHaveURL(/\/iuran\/tagihan\/\d+$/);
  await expect(page.getByTestId('invoice-row')).toHaveCount(0);
  await expect(page.getByTestId('invoice-npp')).toHaveText('NPP 18040099');
});

test('Pelaporan BPJS shows the NPP of each pending row, and the batch history lists and filters batches per NPP', async ({ page, sigap }) => {
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 60, year: 2026 });
  const rsud = await saveRegistration(ctx, { npp: '18040099', name: 'RSUD Alimuddin Umar (BLUD)', jkkClass: 2 });
  const store = storeOf(ctx);
  for (const o of (await listOpds(ctx)).filter((u) => u.name === 'RSUD Alimuddin Umar')) await opdRepo.update(store, o.id, { registration_id: rsud });
  const rsudPeople = (await store.one<{ n: number }>(sql`SELECT count(DISTINCT e.person_id) AS n FROM engagement e JOIN opd o ON o.id = e.opd_id WHERE o.name = 'RSUD Alimuddin Umar'`))!.n;
  expect(rsudPeople).toBeGreaterThan(0);
  // Nobody registered yet: everyone is a new participant (no core write clears every KPJ at once).
  await store.run(sql`UPDATE person SET kpj = NULL`);
  await sigap.open('/pelaporan');
  const pending = page.getByRole('row').filter({ hasText: 'RSUD Alimuddin Umar' }).first();
  await expect(pending).toContainText('NPP 18040099');

  const r = await exportBatch(ctx, { kind: 'new', outDir: mkdtempSync(join(tmpdir(), 'sigap-npp-')), includeIncomplete: true });
  expect(r.batches!.map((b) => b.npp)).toEqual(['18040012', '18040099']);
  await page.getByRole('tab', { name: 'Riwayat batch' }).click();
  const rows = page.getByTestId('batch-table').getByRole('row');
  await expect(rows).toHaveCount(3);
  await page.getByTestId('batch-npp-filter').selectOption('18040099');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('18040099');
});

test.describe('as finance', () => {
  test.use({ sigapAuth: 'finance' });
  test('sees the NPPs but no button to add, change or delete them', async ({ page, sigap }) => {
    await sigap.open('/pengaturan');
    await page.getByRole('tab', { name: 'Pendaftaran BPJS (NPP)' }).click();
    await expect(page.getByTestId('registration-table').getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('button', { name: '+ Tambah NPP' })).toHaveCount(0);
  });
});
