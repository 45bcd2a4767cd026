/**
 * Pegawai › Lengkapi data pegawai, through the whole wizard: a workbook written for a chosen unit, then a
 * list an OPD treasurer typed and saved with LibreOffice (test/fixtures/files/make-completion.sh) read
 * back, previewed old -> new with its problems, applied, and seen on the person page. Also: a preview
 * that went stale is refused on screen, and finance has no way in.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { test, expect, type SigapHarness } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { createPerson, personIdByNik, updatePerson } from '../../electron/core/roster/person';
import { listCategories } from '../../electron/core/roster/units';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { saveOpd } from '../../electron/core/settings/employer';
import { ROSTER } from '../fixtures/files/completion-expected';

const FIX = join(import.meta.dirname, '../fixtures/files');

/** The demo Pemda plus the fixture's five people in a unit of their own (9.99 Dinas Uji Lengkap). */
async function seed(sigap: SigapHarness): Promise<void> {
  await seedDemo(sigap.ctx, { persons: 20, year: 2026 });
  const opdId = await saveOpd(sigap.ctx, { code: '9.99', name: 'Dinas Uji Lengkap', kind: 'opd' });
  const cat = (await listCategories(sigap.ctx)).find((c) => c.segment === 'PU')!.id;
  for (const p of ROSTER) await createPerson(sigap.ctx, p, { opdId, categoryId: cat, honor: 1_500_000, startDate: '2026-03-01' });
}

/** People whose mother's name the file fills in (no core read finds people by it). */
async function withSitiAminah(sigap: SigapHarness): Promise<number> {
  return (await storeOf(sigap.ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM person WHERE mother_name = 'Siti Aminah'`))!.n;
}

test('downloads a unit\'s workbook, reads back a LibreOffice list, previews old -> new, applies', async ({ page, sigap }) => {
  await seed(sigap);
  await sigap.open('/pegawai');
  await page.getByRole('link', { name: 'Lengkapi data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lengkapi data pegawai' })).toBeVisible();

  // Step 1: one unit's workbook into a folder.
  await page.getByRole('searchbox', { name: 'Cari unit' }).fill('uji lengkap');
  await page.getByRole('checkbox', { name: /Dinas Uji Lengkap/ }).check();
  sigap.folderQueue.push(sigap.dir);
  await page.getByRole('button', { name: 'Unduh 1 buku kerja…' }).click();
  await expect(page.getByTestId('completion-written')).toHaveText('lengkapi-data-9.99.xlsx: Dinas Uji Lengkap, 5 pegawai');
  const written = join(sigap.dir, 'lengkapi-data-9.99.xlsx');
  expect(existsSync(written)).toBe(true);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(written);
  // Header on row 4, the five people (by name) under it.
  expect(wb.worksheets[0]!.getColumn(3).values.slice(5)).toEqual(['Ahmad Fauzi', 'Budi Santoso', 'Dedi Kurniawan', 'Joko Susilo', 'Rina Marlina']);

  // Step 2: the treasurer's own list (LibreOffice .ods), not our workbook.
  await page.getByRole('button', { name: 'Lanjut: baca berkas isian ›' }).click();
  sigap.openQueue.push(join(FIX, 'completion-lo.ods'));
  await page.getByRole('button', { name: 'Pilih berkas isian…' }).click();
  const pv = page.getByTestId('completion-preview');
  await expect(pv).toBeVisible();
  // 10 field changes on 4 people (see test/unit/person-completion.test.ts for the count by hand).
  await expect(page.getByTestId('completion-changes').locator('tbody tr')).toHaveCount(10);
  const ahmad = page.getByTestId('completion-changes').locator('tbody tr').filter({ hasText: 'Telepon/HP' });
  await expect(ahmad).toContainText('081234567890');
  await expect(page.getByTestId('completion-changes')).toContainText('Siti Aminah');
  await expect(page.getByTestId('completion-problems')).toContainText('baris 6, kolom F (KODE POS): Kode pos "3481" harus 5 angka.');
  await expect(page.getByTestId('completion-conflicts')).toContainText('Dedi Kurniawan');
  await expect(page.getByTestId('completion-unknown')).toContainText('1804015505950005');
  // Nothing written yet; errors block applying until the clerk chooses to skip them.
  const apply = page.getByRole('button', { name: 'Terapkan 10 isian (4 pegawai)' });
  await expect(apply).toBeDisabled();
  expect(await withSitiAminah(sigap)).toBe(0);
  await page.getByTestId('skip-invalid').check();
  await apply.click();

  // Step 3: the summary, the data stored, one audit row per person.
  await expect(page.getByTestId('completion-applied')).toContainText('10 isian pada 4 pegawai dari berkas completion-lo.ods disimpan');
  const { postal_code, marital_status } = (await personRepo.rowByNik(storeOf(sigap.ctx), '1804010101900001'))!;
  expect({ postal_code, marital_status }).toEqual({ postal_code: '34812', marital_status: 'Y' });
  expect((await storeOf(sigap.ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'person' AND summary LIKE '%dilengkapi dari berkas "completion-lo.ods"%'`))!.n).toBe(4);

  // The person page shows the new values.
  const id = await personIdByNik(sigap.ctx, '1804010101900001');
  await sigap.open(`/pegawai/${id}`);
  await expect(page.getByTestId('postal-code')).toHaveText('34812');
  await expect(page.getByTestId('marital-status')).toHaveText('Kawin (Y)');
  await expect(page.getByTestId('work-location')).toHaveText('KANTOR BUPATI');
});

test('a preview that went stale is refused on screen and nothing is written', async ({ page, sigap }) => {
  await seed(sigap);
  await sigap.open('/pegawai/lengkapi');
  await page.getByRole('button', { name: 'Lanjut: baca berkas isian ›' }).click();
  sigap.openQueue.push(join(FIX, 'completion-lo.xlsx'));
  await page.getByRole('button', { name: 'Pilih berkas isian…' }).click();
  await expect(page.getByTestId('completion-changes')).toBeVisible();
  // Someone else edits Rina meanwhile.
  const rina = await personIdByNik(sigap.ctx, '1804014102920002');
  await updatePerson(sigap.ctx, rina, { nik: '1804014102920002', name: 'Rina Marlina', address: 'Jl. Baru 2', phone: '081200001111' });
  await page.getByTestId('skip-invalid').check();
  await page.getByRole('button', { name: /^Terapkan/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Belum dapat disimpan' })).toContainText('Data pegawai berubah sejak pratinjau berkas "completion-lo.xlsx" dibuat');
  expect(await withSitiAminah(sigap)).toBe(0);
});

test('finance has no Lengkapi data button', async ({ page, sigap }) => {
  await seed(sigap);
  await sigap.signInAs('finance');
  await sigap.open('/pegawai');
  await expect(page.getByRole('heading', { level: 1, name: 'Pegawai' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unduh Excel' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Lengkapi data' })).toHaveCount(0);
});
