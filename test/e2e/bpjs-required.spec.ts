import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { preflight } from '../../electron/core/bpjs/index';
import { addRequiredStaff, completeDemo } from './bpjs-required-fixture';
import { personRepo } from '../../electron/core/roster/person-repository';
import { naReasonRepo } from '../../electron/core/bpjs/na-reason-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { auditRows } from '../fixtures/bpjs-roster';

test('Pelaporan BPJS: a required column empty for several people is one line, filled in one step for all or per person', async ({ page, sigap }) => {
  test.setTimeout(120_000);
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 40, year: 2026 });
  await completeDemo(ctx);
  // Three without marital status (one of them also without a work location), one more without a work location.
  const [a, b, c, d] = await addRequiredStaff(ctx, [
    { marital: null, location: 'LIWA' }, { marital: null, location: null }, { marital: null, location: 'LIWA' }, { marital: 'T', location: null },
  ]);
  const before = (await preflight(ctx, { kinds: ['new'] })).kinds[0]!;
  expect(before.requiredMissing.map((l) => [l.column, l.count])).toEqual([['STATUS_KAWIN', 3], ['LOKASI_PEKERJAAN', 2]]);

  await sigap.open('/pelaporan');
  const lines = page.getByTestId('required-missing');
  await expect(lines).toContainText('STATUS_KAWIN kosong untuk 3 orang');
  await expect(lines).toContainText('LOKASI_PEKERJAAN kosong untuk 2 orang');
  await expect(page.getByTestId('kind-new')).toContainText('4 terhambat');

  // One value for all three.
  await page.getByTestId('fill-STATUS_KAWIN').click();
  const dialog = page.getByRole('dialog', { name: 'Isi STATUS_KAWIN sekaligus' });
  await expect(dialog.getByLabel(/Satu nilai untuk semua 3 orang/)).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Simpan ke data pegawai' })).toBeDisabled();
  await dialog.getByLabel('Status kawin', { exact: true }).selectOption('T');
  await dialog.getByRole('button', { name: 'Simpan ke data pegawai' }).click();
  await expect(dialog).toBeHidden();
  await expect(lines).not.toContainText('STATUS_KAWIN');
  await expect(lines).toContainText('LOKASI_PEKERJAAN kosong untuk 2 orang');
  const rowOf = async (id: number) => (await personRepo.row(storeOf(ctx), id))!;
  const marital = await Promise.all([a!.id, b!.id, c!.id].sort((x, y) => x - y).map(async (id) => (await rowOf(id)).marital_status));
  expect(marital).toEqual(['T', 'T', 'T']);

  // Per person: a typo is refused naming the person, nothing is written; then both are saved.
  await page.getByTestId('fill-LOKASI_PEKERJAAN').click();
  const per = page.getByRole('dialog', { name: 'Isi LOKASI_PEKERJAAN sekaligus' });
  await per.getByLabel('Per orang').check();
  const table = per.getByTestId('fill-people');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await per.getByLabel(`Lokasi pekerjaan ${b!.name}`).fill('=KODE');
  await per.getByRole('button', { name: 'Simpan ke data pegawai' }).click();
  await expect(per.getByTestId('error-message')).toContainText(`${b!.name}: Lokasi pekerjaan "=KODE" tidak boleh diawali`);
  expect((await rowOf(b!.id)).work_location).toBeNull();
  await per.getByLabel(`Lokasi pekerjaan ${b!.name}`).fill('kantor bupati');
  await per.getByLabel(`Lokasi pekerjaan ${d!.name}`).fill('RSUD LIWA');
  await per.getByRole('button', { name: 'Simpan ke data pegawai' }).click();
  await expect(per).toBeHidden();
  await expect(lines).toBeHidden();
  await expect(page.getByTestId('kind-new')).toContainText('0 terhambat');
  expect(await Promise.all([b!.id, d!.id].sort((x, y) => x - y).map(async (id) => (await rowOf(id)).work_location))).toEqual(['KANTOR BUPATI', 'RSUD LIWA']);
  // One audit row per person changed: 3 marital statuses and 2 work locations.
  expect((await auditRows(ctx, { entity: 'person' })).filter((x) => x.summary?.toLowerCase().includes('isi sekaligus'))).toHaveLength(5);
});

test('Pelaporan BPJS › Kode sebab nonaktif: the clerk copies the branch code, audited', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 10, year: 2026 });
  await sigap.open('/pelaporan?tab=sebab');
  const row = page.getByTestId('na-contract_end');
  const code = row.getByLabel(/Kode SEBAB_NA untuk Habis kontrak/);
  await expect(code).toHaveValue('HABIS KONTRAK');
  await expect(row).toContainText('dugaan, periksa');
  await expect(row.getByRole('button', { name: 'Simpan' })).toBeDisabled(); // nothing changed yet
  await code.fill('a3');
  await row.getByLabel(/Sumber kode untuk Habis kontrak/).fill('Templat kantor cabang Liwa 2026');
  await row.getByRole('button', { name: 'Simpan' }).click();
  await expect(row).toContainText('pasti (dari templat kantor cabang)');
  await expect(row).toContainText('Templat kantor cabang Liwa 2026');
  expect((await naReasonRepo.get(storeOf(sigap.ctx), 'contract_end'))!.code).toBe('A3');
  expect((await auditRows(sigap.ctx, { entity: 'bpjs_na_reason' }))[0]!.summary).toMatch(/HABIS KONTRAK → A3/);
});
