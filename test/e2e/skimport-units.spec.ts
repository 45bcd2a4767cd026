import { join } from 'node:path';
import { test, expect } from './harness';
import { readAmendingSk } from './wizard-steps';
import { seedDemo } from '../../electron/core/demo/index';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import type { CoreContext } from '../../electron/core/context';
import { rosterCounts } from '../../electron/core/roster/counts-repository';
import { personDetail } from '../../electron/core/roster/detail';
import { personRepo } from '../../electron/core/roster/person-repository';
import { listUnitAliases } from '../../electron/core/roster/unit-aliases';
import { listAudit } from '../../electron/core/audit-query';
import { storeOf } from '../../electron/core/store/of-context';

const NUMBER = '800/071/KPTS/III.01/2026';
const shot = (name: string) => (process.env.SIGAP_SHOTS ? { path: join(process.env.SIGAP_SHOTS, name), fullPage: true } : null);

/** The unit name an engagement of this NIK was written to. */
async function unitOf(ctx: CoreContext, nik: string): Promise<string> {
  const p = await personRepo.byNik(storeOf(ctx), nik);
  // The latest engagement's unit, as ORDER BY e.id DESC picked it.
  return (p && (await personDetail(ctx, p.id)).engagements.sort((a, b) => b.id - a.id)[0]?.opd) ?? '';
}

test('the Unit kerja step proposes known units for DINKES, KEC. BALIK BUKIT and DINAS PENDIDIKAN, creates only what the clerk ticks, and remembers the rest', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 20, year: 2026 });
  const units = ['DINKES', 'KEC. BALIK BUKIT', 'DINAS PENDIDIKAN', 'Dinas Sosial', 'UPTD Puskesmas Way Mengaku'];
  const persons = fxPersons(10, units, 11, 700_000);
  const w = await writeMessyAppendix(join(sigap.dir, 'lampiran-unit.xlsx'), persons, { number: NUMBER, date: '2026-02-20' });
  sigap.openQueue.push(w.path);
  const opdCount = async () => (await rosterCounts(storeOf(sigap.ctx))).opds;
  const before = await opdCount();

  await sigap.open('/sk/impor');
  await readAmendingSk(page);

  const step = page.getByTestId('unit-step');
  await expect(step).toBeVisible();
  // Dinas Sosial is a unit's own name: not listed. The other four are.
  await expect(step.locator('tbody tr')).toHaveCount(4);
  const row = (read: string) => step.locator(`tr[data-unit="${read}"]`);
  await expect(row('DINKES')).toContainText('Dinas Kesehatan');
  await expect(row('DINKES')).toContainText('singkatan');
  await expect(row('KEC. BALIK BUKIT')).toContainText('Kecamatan Balik Bukit');
  await expect(row('DINAS PENDIDIKAN')).toContainText('Dinas Pendidikan dan Kebudayaan');
  await expect(row('DINAS PENDIDIKAN')).toContainText(/nama mirip · \d+%/);
  await expect(row('UPTD Puskesmas Way Mengaku')).toContainText('tidak ada yang mirip');
  // The proposals stand chosen in the select; the unknown name waits for the clerk.
  await expect(page.getByLabel('Unit untuk “DINKES”').locator('option:checked')).toHaveText('Dinas Kesehatan');
  await expect(page.getByLabel('Unit untuk “UPTD Puskesmas Way Mengaku”').locator('option:checked')).toHaveText('— pilih unit —');
  await expect(step).toContainText('1 belum dipastikan');

  const apply = page.getByRole('button', { name: 'Terapkan SK' });
  await expect(apply).toBeDisabled();
  await expect(page.getByText('Pastikan 1 nama unit di bagian Unit kerja sebelum menerapkan.')).toBeVisible();
  const s1 = shot('sk-wizard-units.png');
  if (s1) await page.screenshot(s1);

  await page.getByLabel('Buat unit baru “UPTD Puskesmas Way Mengaku”').check();
  await expect(step).toContainText('semua dipastikan');
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(page.getByTestId('import-done')).toContainText(`SK ${NUMBER} sudah diterapkan`);

  // One unit made, on request; the others went to the units proposed.
  expect(await opdCount()).toBe(before + 1);
  const at = (read: string) => persons.find((p) => p.unit === read)!.nik;
  expect(await unitOf(sigap.ctx, at('DINKES'))).toBe('Dinas Kesehatan');
  expect(await unitOf(sigap.ctx, at('KEC. BALIK BUKIT'))).toBe('Kecamatan Balik Bukit');
  expect(await unitOf(sigap.ctx, at('DINAS PENDIDIKAN'))).toBe('Dinas Pendidikan dan Kebudayaan');
  expect(await unitOf(sigap.ctx, at('UPTD Puskesmas Way Mengaku'))).toBe('UPTD Puskesmas Way Mengaku');
  const aliases = (await listUnitAliases(sigap.ctx)).map((a) => a.alias).sort();
  expect(aliases).toEqual(['DINAS PENDIDIKAN', 'DINKES', 'KEC. BALIK BUKIT']);
  expect((await listAudit(sigap.ctx, { entity: 'unit_alias', action: 'create' })).total).toBe(3);

  // Pengaturan lists the remembered names; one is pointed elsewhere and one removed.
  await sigap.open('/pengaturan');
  await page.getByRole('tab', { name: 'Alias unit kerja' }).click();
  const table = page.getByTestId('unit-alias-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody tr', { hasText: 'DINKES' })).toBeVisible();
  await page.getByLabel('Unit untuk alias “DINAS PENDIDIKAN”').selectOption({ label: 'Dinas Kesehatan' });
  await expect(page.getByText('Alias “DINAS PENDIDIKAN” sekarang → Dinas Kesehatan')).toBeVisible();
  await page.getByRole('button', { name: 'Hapus alias KEC. BALIK BUKIT' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await page.getByPlaceholder('mis. DINKES').fill('Disdikbud');
  await page.getByTestId('unit-aliases').locator('form select').selectOption({ label: 'Dinas Pendidikan dan Kebudayaan' });
  await page.getByRole('button', { name: 'Simpan alias' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(3);
  const s2 = shot('settings-unit-aliases.png');
  if (s2) await page.screenshot(s2);
  expect((await listUnitAliases(sigap.ctx)).find((a) => a.aliasKey === 'DINAS PENDIDIKAN')?.opdName).toBe('Dinas Kesehatan');
});

test('a unit made by one import is offered by the next, without reloading the page', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 20, year: 2026 });
  const first = await writeMessyAppendix(join(sigap.dir, 'a.xlsx'), fxPersons(3, ['UPTD Puskesmas Way Mengaku'], 21, 710_000), { number: '800/101/KPTS/III.01/2026', date: '2026-02-20' });
  const second = await writeMessyAppendix(join(sigap.dir, 'b.xlsx'), fxPersons(3, ['PKM WAY MENGAKU TYPO'], 22, 720_000), { number: '800/102/KPTS/III.01/2026', date: '2026-02-21' });
  sigap.openQueue.push(first.path, second.path);

  await sigap.open('/sk/impor');
  await readAmendingSk(page);
  await page.getByLabel('Buat unit baru “UPTD Puskesmas Way Mengaku”').check();
  await page.getByRole('button', { name: 'Terapkan SK' }).click();
  await expect(page.getByTestId('import-done')).toContainText('sudah diterapkan');

  await page.getByRole('button', { name: 'Impor SK lain' }).click();
  await readAmendingSk(page);
  const select = page.getByLabel('Unit untuk “PKM WAY MENGAKU TYPO”');
  await expect(select.locator('option', { hasText: 'UPTD Puskesmas Way Mengaku' })).toHaveCount(1);
});
