import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { listIncidents, saveIncident } from '../../electron/core/coverage/index';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

/** A PU person with a KPJ and one engagement running through March 2026 (the harness clock is 10 March). */
async function pickPerson(ctx: Parameters<typeof seedDemo>[0]) {
  return (await storeOf(ctx).one<{ id: number; nik: string; name: string }>(
    sql`SELECT p.id, p.nik, p.name FROM person p JOIN engagement e ON e.person_id = p.id JOIN category c ON c.id = e.category_id
       WHERE c.segment = 'PU' AND p.kpj IS NOT NULL GROUP BY p.id, p.nik, p.name HAVING count(*) = 1 ORDER BY p.id LIMIT 1`,
  ))!;
}

test('records an accident and a death from the person page: deadline badge, death banner, engagement ended', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 120, year: 2026 });
  const p = await pickPerson(sigap.ctx);

  await sigap.open(`/pegawai/${p.id}`);
  await expect(page.getByRole('heading', { level: 1, name: p.name })).toBeVisible();
  const section = page.getByTestId('person-incidents');
  await expect(section).toContainText('Belum ada kecelakaan kerja atau kematian');
  await expect(page.getByTestId('death-banner')).toHaveCount(0);

  // An accident on Thursday 5 March: the deadline (2 working days) was Monday 9 March, so it is overdue.
  await section.getByRole('button', { name: 'Catat kejadian' }).click();
  const dialog = page.getByRole('dialog', { name: 'Catat kejadian' });
  await expect(dialog.getByLabel('Cari pegawai')).toHaveCount(0); // the person is fixed, no search
  await expect(dialog.getByTestId('chosen-person')).toContainText(p.name);
  await dialog.getByLabel('Jenis kejadian').selectOption('accident');
  await dialog.getByLabel('Tanggal kejadian').fill('05-03-2026');
  await dialog.getByLabel('Tempat').fill('Gudang Dinas PUPR');
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog).toBeHidden();

  const rows = section.locator('tr[data-testid^="person-incident-"]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('5 Maret 2026');
  await expect(rows.first()).toContainText('Kecelakaan kerja');
  await expect(rows.first()).toContainText('Lewat batas lapor');
  await expect(rows.first()).toContainText('Batas 9 Maret 2026');
  await expect(rows.first()).toContainText('sesuai perawatan');
  await expect(page.getByTestId('current-engagement')).not.toContainText('Tidak aktif saat ini');

  // A death on Monday 9 March: the banner, the engagement ended with the death reason, the JKM estimate.
  await section.getByRole('button', { name: 'Catat kejadian' }).click();
  await dialog.getByLabel('Jenis kejadian').selectOption('death');
  await expect(dialog.getByText('Penugasan akan diakhiri')).toBeVisible();
  await dialog.getByLabel('Tanggal kejadian').fill('09-03-2026');
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog).toBeHidden();

  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('9 Maret 2026');
  await expect(rows.first()).toContainText('Meninggal dunia (bukan kecelakaan kerja)');
  await expect(rows.first()).toContainText('Belum dilaporkan');
  await expect(rows.first()).toContainText('Batas 11 Maret 2026');
  await expect(rows.first()).toContainText('Rp42.000.000');
  const deathId = (await listIncidents(sigap.ctx)).find((i) => i.personId === p.id && i.kind === 'death')!.id;
  const banner = page.getByTestId('death-banner');
  await expect(banner).toContainText('Meninggal dunia pada 9 Maret 2026');
  await expect(banner).toContainText(`kejadian #${deathId}`);
  await expect(banner).toContainText('Penugasan diakhiri: Meninggal dunia');
  await expect(page.getByTestId('current-engagement')).toContainText('Tidak aktif saat ini');
  await expect(page.getByTestId('engagement-history')).toContainText('Meninggal dunia');
  await expect(page.getByTestId('engagement-history')).toContainText('9 Maret 2026');

  // The banner's link opens the incident log on that incident's details.
  await banner.getByRole('link', { name: `Buka kejadian #${deathId}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kecelakaan & kematian' })).toBeVisible();
  await expect(page.getByTestId(`incident-${deathId}`)).toContainText(p.name);
  await expect(page.getByTestId('benefit')).toContainText('Santunan sekaligus: Rp20.000.000');
});

test.describe('as a viewer', () => {
  test.use({ sigapAuth: 'viewer' });

  test('sees the incidents and the banner, masked NIK, but no "Catat kejadian"', async ({ page, sigap }) => {
    await seedDemo(sigap.ctx, { persons: 60, year: 2026 });
    const p = await pickPerson(sigap.ctx);
    await saveIncident(sigap.ctx, { personId: p.id, kind: 'work_death', date: '2026-03-06', reportedDate: '2026-03-09' });

    await sigap.open(`/pegawai/${p.id}`);
    await expect(page.getByRole('heading', { level: 1, name: p.name })).toBeVisible();
    const section = page.getByTestId('person-incidents');
    await expect(section.locator('tr[data-testid^="person-incident-"]')).toHaveCount(1);
    await expect(section).toContainText('Meninggal karena kecelakaan kerja');
    await expect(section).toContainText('Sudah dilaporkan');
    await expect(section).toContainText('Dilaporkan 9 Maret 2026');
    await expect(page.getByTestId('death-banner')).toContainText('Meninggal dunia pada 6 Maret 2026');
    await expect(page.getByRole('button', { name: 'Catat kejadian' })).toHaveCount(0);
    // Nor the other writing buttons of the page: a viewer only reads.
    await expect(page.getByRole('button', { name: 'Ubah data pribadi' })).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(p.nik);
  });
});
