import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { readAmendingSk } from './wizard-steps';
import { listScans } from '../../electron/core/decree/scan-store';
import { decreeRecords } from '../../electron/core/decree/records';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

const FIX = join(process.cwd(), 'test/fixtures/files'); // playwright runs from the repository root
const PDF = join(FIX, 'sk-scan.pdf');
const PNG = join(FIX, 'sk-scan.png');
const NUMBER = '800/046/KPTS/III.01/2026';

test('the wizard takes the signed scan with the appendix: a wrong file is named at once, the PDF is attached on apply, viewed and downloaded from the SK page', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 20, year: 2026 });
  const w = await writeMessyAppendix(join(sigap.dir, 'lampiran-perubahan.xlsx'), fxPersons(3, ['Dinas Sosial'], 21, 900_000), { number: NUMBER, date: '2026-02-25' });
  // A workbook saved under a .pdf name, as happens when the wrong file is picked.
  const fake = join(sigap.dir, 'SK ditandatangani.pdf');
  writeFileSync(fake, readFileSync(w.path));
  sigap.openQueue.push(fake, PDF, w.path);

  await sigap.open('/sk/impor');
  await page.getByRole('button', { name: 'Pilih pindaian…' }).click();
  const field = page.getByTestId('scan-field');
  await expect(field.getByTestId('error-message')).toContainText('Berkas "SK ditandatangani.pdf" tidak dapat dilampirkan sebagai pindaian SK');
  await page.getByRole('button', { name: 'Pilih pindaian…' }).click();
  await expect(field.getByTestId('chosen-scan')).toContainText('sk-scan.pdf');
  await expect(field.getByTestId('chosen-scan')).toContainText('PDF');
  // Then the appendix (the scan stays chosen), TMT, "Perubahan", read.
  await readAmendingSk(page);
  await page.getByRole('button', { name: 'Terapkan SK' }).click();
  await expect(page.getByTestId('import-done')).toContainText(`SK ${NUMBER} sudah diterapkan`);
  await expect(page.getByText(`Pindaian sk-scan.pdf dilampirkan pada SK ${NUMBER}.`)).toBeVisible();

  await page.getByRole('link', { name: 'Lihat daftar SK' }).click();
  const row = page.locator(`tr[data-decree="${NUMBER}"]`);
  await expect(row).toContainText('Ada');
  await row.getByRole('button', { name: NUMBER }).click();
  const detail = page.getByTestId('decree-detail');
  await expect(detail.getByTestId('decree-scan')).toContainText('sk-scan.pdf');
  await expect(detail.getByTestId('decree-scan')).toContainText((await listScans(sigap.ctx))[0]!.sha256);
  // A PDF opens in the app's own viewer window: here, up to the host call.
  await detail.getByRole('button', { name: 'Lihat pindaian' }).click();
  await expect(detail.getByTestId('scan-shown')).toContainText('Pindaian dibuka di jendela terpisah');
  expect(sigap.pdfShown).toEqual([{ title: `Pindaian SK ${NUMBER}`, bytes: readFileSync(PDF).length }]);
  const out = join(sigap.dir, 'unduhan.pdf');
  sigap.saveQueue.push(out);
  await detail.getByRole('button', { name: 'Unduh…' }).click();
  await expect(detail.getByRole('button', { name: 'Buka folder' })).toBeVisible();
  expect(readFileSync(out).equals(readFileSync(PDF))).toBe(true);
});

test('a scan attached later on the SK page shows inline as an image, also on the person history; a viewer sees it but cannot attach', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 10, year: 2026 });
  const first = (await decreeRecords(sigap.ctx))[0]!; // ordered by id
  const d = { id: first.decreeId, number: first.number };
  // The first engagement made under that SK: no core read names it, so the store reads the table.
  const personId = (await storeOf(sigap.ctx).one<{ personId: number }>(sql`SELECT person_id AS "personId" FROM engagement WHERE decree_id = ${d.id} ORDER BY id LIMIT 1`))!.personId;
  sigap.openQueue.push(PNG);

  await sigap.open('/sk');
  const row = page.locator(`tr[data-decree="${d.number}"]`);
  await expect(row.locator('td').nth(7)).toHaveText('—');
  await row.getByRole('button', { name: d.number }).click();
  const detail = page.getByTestId('decree-detail');
  await expect(detail).toContainText('Belum ada pindaian');
  await detail.getByRole('button', { name: 'Lampirkan pindaian…' }).click();
  await expect(detail.getByTestId('decree-scan')).toContainText('sk-scan.png');
  await expect(detail.getByTestId('decree-scan')).toContainText('PNG');
  await detail.getByRole('button', { name: 'Lihat pindaian' }).click();
  const img = detail.getByRole('img', { name: /Pindaian SK/ });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
  await detail.locator('.dialog-foot').getByRole('button', { name: 'Tutup' }).click();
  await expect(row).toContainText('Ada');

  await sigap.open(`/pegawai/${personId}`);
  const history = page.getByTestId('engagement-history');
  await history.getByRole('button', { name: 'Pindaian SK' }).first().click();
  await expect(page.getByRole('img', { name: /Pindaian SK/ })).toBeVisible();

  await sigap.signInAs('viewer');
  await sigap.open('/sk');
  await page.locator(`tr[data-decree="${d.number}"]`).getByRole('button', { name: d.number }).click();
  await expect(page.getByTestId('decree-scan')).toContainText('sk-scan.png');
  await expect(page.getByRole('button', { name: /Ganti pindaian|Lampirkan pindaian/ })).toHaveCount(0);
  await expect(page.getByTestId('decree-undo')).toHaveCount(0);
  await page.getByRole('button', { name: 'Lihat pindaian' }).click();
  await expect(page.getByRole('img', { name: /Pindaian SK/ })).toBeVisible();
});
