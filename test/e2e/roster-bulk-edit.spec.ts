/** Pegawai › Ubah massal: STATUS_KAWIN for forty people at once, seen on the person page and in the audit trail. */
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { queryRoster } from '../../electron/core/roster/query';
import { listCategories } from '../../electron/core/roster/units';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { nowIso } from '../../electron/core/context';

test('sets marital status for forty ticked people: preview counts, all written, audited per person', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 60, year: 2026 });
  const store = storeOf(sigap.ctx);
  const categoryId = (await listCategories(sigap.ctx)).find((c) => c.name === 'Tenaga Non-ASN (Honorer)')!.id;
  // The list the screen shows under this filter, in its order (name): 48 people in the demo.
  const list = (await queryRoster(sigap.ctx, { month: '2026-03', categoryId, sort: 'name' })).rows;
  expect(list).toHaveLength(48);
  // The first 8 will be unticked, so 40 stay selected. Of those, one is already Y and one T:
  // 40 selected, 39 change (38 from empty, 1 from T), 1 unchanged.
  await personRepo.update(store, list[8]!.personId, { marital_status: 'Y' }, nowIso(sigap.ctx));
  await personRepo.update(store, list[9]!.personId, { marital_status: 'T' }, nowIso(sigap.ctx));

  await sigap.open(`/pegawai?kategori=${categoryId}`);
  await expect(page.getByTestId('roster-count')).toHaveText('Menampilkan 48 pegawai');
  await page.getByRole('checkbox', { name: 'Pilih semua yang tampil' }).check();
  await expect(page.getByTestId('bulk-count')).toHaveText('48 pegawai dipilih');
  for (const r of list.slice(0, 8)) await page.getByRole('checkbox', { name: `Pilih ${r.name}`, exact: true }).uncheck();
  await expect(page.getByTestId('bulk-count')).toHaveText('40 pegawai dipilih');

  await page.getByRole('button', { name: 'Ubah massal…' }).click();
  const form = page.getByRole('dialog', { name: 'Ubah massal' });
  await form.getByLabel('Kolom').selectOption({ label: 'Status kawin' });
  await form.getByLabel('Nilai baru').selectOption({ label: 'Kawin (Y)' });
  await form.getByRole('button', { name: 'Pratinjau' }).click();

  const check = page.getByRole('dialog', { name: 'Periksa ubah massal' });
  await expect(check.getByTestId('bulk-summary')).toHaveText('40 pegawai dipilih: 39 berubah, 1 sudah Kawin (Y).');
  const groups = check.getByRole('list', { name: 'Perubahan per nilai lama' }).getByRole('listitem');
  await expect(groups).toHaveText(['Status kawin: (kosong) → Kawin (Y): 38 pegawai', 'Status kawin: Tidak kawin (T) → Kawin (Y): 1 pegawai']);
  await expect(check.locator('tbody tr')).toHaveCount(39);
  await expect(check.locator('tbody tr').first()).toContainText(list[9]!.name);
  await page.screenshot({ path: 'test-results/roster-bulk-preview.png' });
  // Nothing is written before the clerk confirms.
  expect((await store.one<{ n: number }>(sql`SELECT count(*) AS n FROM person WHERE marital_status = 'Y'`))!.n).toBe(1);

  await check.getByRole('button', { name: 'Terapkan ke 39 pegawai' }).click();
  await expect(page.getByTestId('bulk-done')).toHaveText('Status kawin 39 pegawai diubah menjadi Kawin (Y).');
  await expect(page.getByTestId('bulk-count')).toBeHidden();

  // Exactly the forty are Y; the eight unticked are untouched; one audit row per person changed.
  const married = new Set((await store.all<{ id: number }>(sql`SELECT id FROM person WHERE marital_status = 'Y'`)).map((r) => r.id));
  expect(married).toEqual(new Set(list.slice(8).map((r) => r.personId)));
  expect((await store.one<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'person' AND summary LIKE '%marital_status (ubah massal)'`))!.n).toBe(39);

  // The person page shows the new status, and its trail the change from T.
  const changed = list[9]!;
  await page.getByRole('link', { name: changed.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: changed.name })).toBeVisible();
  await expect(page.getByTestId('marital-status')).toHaveText('Kawin (Y)');
  const trail = page.getByTestId('audit-trail').locator('li').first();
  await expect(trail).toContainText('Status kawin: T → Y');
  await expect(trail).toContainText('oleh');
});

test('finance sees no tick column and cannot bulk edit', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 20, year: 2026 });
  await sigap.signInAs('finance');
  await sigap.open('/pegawai');
  await expect(page.getByTestId('roster-count')).toHaveText('Menampilkan 20 pegawai');
  await expect(page.locator('[role="row"][data-loaded="true"]').first()).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(0);
});
