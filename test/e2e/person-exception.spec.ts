import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { test, expect } from './harness';
import { exceptionFixture } from './exception-fixture';
import { runBilling, invoiceLines } from '../../electron/core/billing/index';

test('the person page shows the JP rule, and HR adds and ends an exception that the billing run uses', async ({ page, sigap }) => {
  const { old, young } = await exceptionFixture(sigap.ctx);

  // Born 10-01-1965: 58 (in force 2022-2024) reached on 10 January 2023, so no JP in March 2026.
  await sigap.open(`/pegawai/${old.id}`);
  await expect(page.getByRole('heading', { level: 1, name: old.name })).toBeVisible();
  const oldRules = page.getByTestId('person-billing-rules');
  await expect(oldRules).toContainText('JKK + JKM + JHT');
  await expect(oldRules).toContainText('kategori PPPK paruh waktu: JKK + JKM + JHT + JP');
  await expect(page.getByTestId('person-billing-jp')).toHaveText('JP berhenti: usia pensiun 58 tercapai 10 Januari 2023 (PP 45/2015 Ps.15)');

  await sigap.open(`/pegawai/${young.id}`);
  await expect(page.getByRole('heading', { level: 1, name: young.name })).toBeVisible();
  const section = page.getByTestId('person-billing');
  await expect(section).toContainText('Iuran dan program · Maret 2026');
  await expect(page.getByTestId('person-billing-jp')).toContainText('JP sampai usia pensiun 65 pada 5 Mei 2055');
  await expect(section).toContainText('Tidak ada pengecualian');

  // JKK+JKM only, class III, from March 2026.
  await section.getByRole('button', { name: 'Tambah pengecualian' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tambah pengecualian iuran' });
  await expect(dialog.getByRole('checkbox', { name: 'JKK' })).toBeDisabled();
  await dialog.getByLabel('Kelas risiko JKK').selectOption('3');
  await dialog.getByRole('button', { name: 'Simpan pengecualian' }).click();
  await expect(dialog).toContainText('Tulis alasan pengecualian');
  await dialog.getByLabel('Alasan').fill('Sudah peserta JHT dan JP lewat pemberi kerja lain');
  await dialog.getByLabel('Dasar (nomor SK atau surat)').fill('SK 800/12/2026');
  await dialog.getByRole('button', { name: 'Simpan pengecualian' }).click();
  await expect(dialog).toBeHidden();

  const rows = section.locator('tr[data-testid^="person-exception-"]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('hanya JKK+JKM; JKK kelas III mulai Maret 2026, SK 800/12/2026');
  await expect(rows.first()).toContainText('Berlaku');
  await expect(page.getByTestId('person-billing-rules')).toContainText('JKK + JKM · kategori PPPK paruh waktu');
  await expect(page.getByTestId('person-billing-rules')).toContainText('kelas III · dari pengecualian');
  await expect(page.getByTestId('person-billing-jp')).toHaveCount(0);

  // The billing run bills it: 3.000.000 x (0,89% + 0,30%) = 26.700 + 9.000 = 35.700, with the note on the line.
  const run = await runBilling(sigap.ctx, { month: '2026-03' });
  const perInvoice = await Promise.all(run.invoices.map((i) => invoiceLines(sigap.ctx, i.id)));
  const lines = perInvoice.flat();
  const line = lines.find((l) => l.personId === young.id)!;
  expect([line.jkk, line.jkm, line.jhtEmployer, line.jpEmployer, line.total, line.note]).toEqual([26_700, 9_000, 0, 0, 35_700, 'Pengecualian: hanya JKK+JKM; JKK kelas III (SK 800/12/2026)']);
  // The colleague past retirement age: 3.000.000 x (0,24% + 0,30% + 3,7% + 2%) = 7.200 + 9.000 + 111.000 + 60.000 = 187.200.
  expect(lines.find((l) => l.personId === old.id)!.total).toBe(187_200);
  // The invoice's lines on Iuran show the note under the name.
  const inv = run.invoices.find((_, k) => perInvoice[k]!.some((l) => l.personId === young.id))!;
  await sigap.open(`/iuran/tagihan/${inv.id}`);
  await expect(page.getByTestId('line-note')).toHaveText('Pengecualian: hanya JKK+JKM; JKK kelas III (SK 800/12/2026)');
  await sigap.open(`/pegawai/${young.id}`);

  // A second one overlapping is refused with the reason.
  await section.getByRole('button', { name: 'Tambah pengecualian' }).click();
  await dialog.getByLabel('Alasan').fill('Coba lagi');
  await dialog.getByRole('button', { name: 'Simpan pengecualian' }).click();
  await expect(dialog).toContainText('sudah punya pengecualian yang mencakup bulan itu');
  await dialog.getByRole('button', { name: 'Batal' }).click();

  // Ended with April as its last month: still in force in March, now with its end.
  await rows.first().getByRole('button', { name: 'Akhiri' }).click();
  const end = page.getByRole('dialog', { name: 'Akhiri pengecualian' });
  await end.getByLabel('Bulan terakhir: bulan').selectOption('04');
  await end.getByRole('button', { name: 'Akhiri' }).click();
  await expect(end).toBeHidden();
  await expect(rows.first()).toContainText('hanya JKK+JKM; JKK kelas III Maret 2026 sampai April 2026, SK 800/12/2026');
  const audit = (await storeOf(sigap.ctx).all<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity = 'person_exception' ORDER BY id`)).map((r) => r.action);
  expect(audit).toEqual(['create', 'end']);
});

test.describe('as a viewer', () => {
  test.use({ sigapAuth: 'viewer' });

  test('reads the rules and the exceptions but cannot add or end one', async ({ page, sigap }) => {
    const { young } = await exceptionFixture(sigap.ctx);
    const { addPersonException } = await import('../../electron/core/billing/person-exceptions');
    await addPersonException(sigap.ctx, { personId: young.id, fromMonth: '2026-02', jkkClass: 2, reason: 'Sopir', source: 'SK 5/2026' });
    await sigap.open(`/pegawai/${young.id}`);
    const section = page.getByTestId('person-billing');
    await expect(section.locator('tr[data-testid^="person-exception-"]')).toContainText('JKK kelas II mulai Februari 2026, SK 5/2026');
    await expect(section.getByRole('button', { name: 'Tambah pengecualian' })).toHaveCount(0);
    await expect(section.getByRole('button', { name: 'Akhiri' })).toHaveCount(0);
  });
});
