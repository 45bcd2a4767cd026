import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import type { CoreContext } from '../../electron/core/context';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { fxPersons, writeMessyAppendix, type FxPerson } from '../fixtures/sk-workbook';

const NUMBER = '800/045/KPTS/III.01/2026';

/** Two people already on the roster from the demo SK: one moves to another OPD, one gets a raise. */
async function existingPeople(ctx: CoreContext): Promise<FxPerson[]> {
  // Every field the appendix needs, of the first two PU people by id: no core read gives that set, so the store reads it.
  const rows = await storeOf(ctx).all<FxPerson>(
    sql`SELECT p.nik, p.name, p.sex, p.birth_place AS "birthPlace", p.birth_date AS "birthDate", e.position, o.name AS unit, e.honor
       FROM person p JOIN engagement e ON e.person_id = p.id JOIN opd o ON o.id = e.opd_id JOIN category c ON c.id = e.category_id
       WHERE c.segment = 'PU' ORDER BY p.id LIMIT 2`,
  );
  return [{ ...rows[0]!, unit: 'Dinas Sosial' === rows[0]!.unit ? 'Inspektorat' : 'Dinas Sosial' }, { ...rows[1]!, honor: rows[1]!.honor + 250_000 }];
}

test('imports a messy SK through the wizard: problem rows, their Excel file, the difference, apply', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 40, year: 2026 }); // 32 honorer (PU) on SK 800/001, 8 pekerja rentan
  const persons = [...fxPersons(30, ['Dinas Sosial', 'Inspektorat', 'UPTD Puskesmas Liwa']), ...(await existingPeople(sigap.ctx))];
  const w = await writeMessyAppendix(join(sigap.dir, 'lampiran-sk-maret.xlsx'), persons, {
    number: NUMBER,
    date: '2026-02-20',
    twoRowHeader: true,
    numberRow: true,
    // A NIK typed into a numeric cell (its last digit is already lost) and an honor written in words.
    cell: (i, p) => (i === 3 ? { nik: Number(p.nik) } : i === 7 ? { honor: 'sejuta' } : {}),
  });
  sigap.openQueue.push(w.path);

  await sigap.open('/sk');
  await page.getByRole('link', { name: 'Impor SK' }).click();
  await page.getByRole('button', { name: 'Pilih berkas…' }).click();
  await expect(page.getByTestId('chosen-file')).toContainText('lampiran-sk-maret.xlsx');
  await page.getByLabel('TMT (terhitung mulai tanggal)').fill('01-03-2026');
  await expect(page.getByText('1 Maret 2026')).toBeVisible();
  await page.getByRole('button', { name: 'Baca berkas' }).click();

  // The problem rows open first because some rows are refused.
  const review = page.getByTestId('review');
  await expect(review).toBeVisible();
  const problems = page.getByTestId('problem-table');
  await expect(problems.locator('tbody tr')).toHaveCount(2);
  const numericNik = problems.locator('tbody tr', { hasText: 'NIK_NUMERIC' });
  await expect(numericNik).toContainText(String(w.rows[3]));
  await expect(numericNik).toContainText('C');
  await expect(numericNik).toContainText(persons[3]!.name);
  await expect(problems.locator('tbody tr', { hasText: 'HONOR_INVALID' })).toContainText(String(w.rows[7]));
  await page.getByLabel('Masalah').selectOption('HONOR_INVALID');
  await expect(problems.locator('tbody tr')).toHaveCount(1);
  await page.getByLabel('Jenis').selectOption('warning');
  await expect(problems.locator('tbody tr')).toHaveCount(0);
  await page.getByLabel('Jenis').selectOption('all');

  // The refused rows as an Excel file the clerk can fix: the header and the two rows, each with its problem.
  const saved = join(sigap.dir, 'masalah.xlsx');
  sigap.saveQueue.push(saved);
  await page.getByRole('button', { name: 'Unduh baris ditolak (Excel)' }).click();
  await expect(page.getByText('2 baris disimpan')).toBeVisible();
  await expect(page.getByTestId('saved-path')).toHaveText(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const ws = wb.worksheets[0]!;
  expect(ws.getRow(1).getCell(3).value).toBe('NIK');
  expect(ws.getRow(2).getCell(2).value).toBe(persons[3]!.name);
  expect(String(ws.getRow(2).getCell(ws.actualColumnCount).value)).toMatch(/MASALAH kolom C/);
  expect(ws.getRow(3).getCell(2).value).toBe(persons[7]!.name);

  // What was detected: the title, and the columns of the two-row header.
  await page.getByRole('tab', { name: /Ringkasan/ }).click();
  await expect(page.getByTestId('decree-number')).toHaveText(NUMBER);
  await expect(page.getByTestId('accepted-count')).toHaveText('30');
  await expect(page.getByTestId('preview-summary').getByText(/UPTD Puskesmas Liwa/)).toBeVisible();
  await page.getByRole('tab', { name: /Kolom dan sheet/ }).click();
  const layout = page.getByTestId('sheet-layouts');
  await expect(layout).toContainText('judul kolom di baris');
  await expect(layout.locator('th', { hasText: 'NIK' }).first()).toBeVisible();
  await expect(layout.getByText('Tanggal Lahir', { exact: true })).toBeVisible();

  // The difference from the roster of the category: 28 new, 2 changed, the other 30 honorer ended.
  await page.getByRole('tab', { name: /Perubahan daftar pegawai/ }).click();
  const diff = page.getByTestId('diff');
  await expect(diff.getByRole('tab', { name: /Ditambahkan/ })).toContainText('28');
  await expect(diff.getByRole('tab', { name: /Diakhiri/ })).toContainText('30');
  await diff.getByRole('tab', { name: /Pindah atau honor berubah/ }).click();
  await expect(diff.locator('tbody tr')).toHaveCount(2);
  await expect(diff.locator('tbody tr', { hasText: persons[31]!.name })).toContainText('→');

  // Refused rows block the apply until the clerk chooses to apply only the valid ones.
  const apply = page.getByRole('button', { name: 'Terapkan SK' });
  await expect(apply).toBeDisabled();
  await page.getByLabel(/Terapkan baris yang sah saja/).check();
  // A unit Sigap does not know is made only when the clerk asks for it (skimport-units.spec.ts).
  await expect(apply).toBeDisabled();
  await page.getByLabel('Buat unit baru “UPTD Puskesmas Liwa”').check();
  await apply.click();
  const done = page.getByTestId('import-done');
  await expect(done).toContainText(`SK ${NUMBER} sudah diterapkan`);
  await expect(done.locator('.stat', { hasText: 'Pegawai dalam SK' })).toContainText('30');

  await done.getByRole('link', { name: 'Lihat daftar SK' }).click();
  const row = page.getByTestId('decree-table').locator('tbody tr', { hasText: NUMBER });
  await expect(row).toContainText('1 Maret 2026');
  await expect(row).toContainText('30');
  await expect(row).toContainText('lampiran-sk-maret.xlsx');
});

test('adjusts columns when detection is wrong', async ({ page, sigap }) => {
  // No header word gives away the NIK ("Kolom 2") or the name ("Kolom 3").
  const path = join(sigap.dir, 'odd.csv');
  writeFileSync(path, 'Nama;Kolom 2;Kolom 3;Unit Kerja;Honor\nx;1804011205900001;Budi Santoso;Dinas Sosial;1000000\n');
  sigap.openQueue.push(path);
  await sigap.open('/sk/impor');
  await page.getByRole('button', { name: 'Pilih berkas…' }).click();
  await page.getByLabel('Nomor SK').fill('800/77/KPTS/2026');
  await page.getByLabel('TMT (terhitung mulai tanggal)').fill('1 Maret 2026');
  await page.getByRole('button', { name: 'Baca berkas' }).click();
  await expect(page.getByRole('alert')).toContainText('tidak ada kolom NIK');

  await page.getByRole('button', { name: 'Sesuaikan kolom…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sesuaikan kolom' });
  await expect(dialog.getByRole('cell', { name: 'Budi Santoso' })).toBeVisible();
  await dialog.getByLabel('Baris judul kolom').fill('1');
  await dialog.getByLabel('Isi kolom A').selectOption('');
  await dialog.getByLabel('Isi kolom B').selectOption('nik');
  await dialog.getByLabel('Isi kolom C').selectOption('name');
  await dialog.getByLabel('Isi kolom D').selectOption('unit');
  await dialog.getByLabel('Isi kolom E').selectOption('honor');
  await dialog.getByRole('button', { name: 'Terapkan dan baca ulang' }).click();

  await expect(page.getByTestId('accepted-count')).toHaveText('1');
  await page.getByRole('tab', { name: /Perubahan daftar pegawai/ }).click();
  await expect(page.getByTestId('diff').locator('tbody tr')).toContainText(['1804011205900001']);
});
