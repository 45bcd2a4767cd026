import { test, expect } from './harness';
import { billOnTime } from '../billing-seed';
import { seedDemo } from '../../electron/core/demo/index';
import { listInvoices, recordPayment } from '../../electron/core/billing/index';
import { rosterCounts } from '../../electron/core/roster/counts-repository';
import { personDetail } from '../../electron/core/roster/detail';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

test('Beranda shows coverage, dues and arrears of the demo Pemda, and a number opens its roster list', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 600, year: 2026 });
  await billOnTime(sigap.ctx, ['2026-01', '2026-02', '2026-03']);
  const jan = (await listInvoices(sigap.ctx, { month: '2026-01' })).filter((i) => i.status === 'issued');
  for (const i of jan.slice(0, 10)) await recordPayment(sigap.ctx, { invoice: i.number!, amount: i.total, date: '2026-02-12', sp2d: `SP2D/${i.id}` });
  // The expected figures counted here, independently of the screen's own queries.
  const store = storeOf(sigap.ctx);
  const active = (await rosterCounts(store)).persons;
  const enrolled = (await store.one<{ n: number }>(sql`SELECT count(*) AS n FROM person WHERE kpj IS NOT NULL`))!.n;
  const marchIssued = (await store.one<{ t: number }>(sql`SELECT sum(total) AS t FROM invoice WHERE month = '2026-03' AND status = 'issued'`))!.t;

  await sigap.open('/');
  await expect(page.locator('[data-state="ready"]')).toBeVisible();
  await expect(page.getByTestId('stat-active')).toContainText(active.toLocaleString('id-ID'));
  await expect(page.getByTestId('stat-not-enrolled')).toContainText(String(active - enrolled));
  await expect(page.getByTestId('stat-dues')).toContainText(`Rp${marchIssued.toLocaleString('id-ID')}`);
  // Charts drew their bars.
  await expect(page.getByTestId('chart-opd').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('chart-trend').locator('.recharts-bar-rectangle')).not.toHaveCount(0);
  await expect(page.getByTestId('work-waiting')).toContainText('Pendaftaran peserta baru (PU)');

  // The biggest unit's number opens the roster filtered to it, with the same count.
  const top = (await store.one<{ id: number; name: string; n: number }>(sql`SELECT o.id, o.name, count(*) AS n FROM engagement e JOIN opd o ON o.id = e.opd_id GROUP BY o.id, o.name, o.code ORDER BY n DESC, o.code LIMIT 1`))!;
  await page.getByText('Tabel semua unit').click();
  await page.getByRole('row', { name: new RegExp(top.name) }).getByRole('link', { name: String(top.n), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/pegawai\\?bulan=2026-03&opd=${top.id}`));
  await expect(page.getByTestId('roster-count')).toHaveText(`Menampilkan ${top.n} pegawai`);

  // A bar of the chart opens its segment: the first (enrolled) segment of the biggest unit, its people with a KPJ.
  const topEnrolled = (await store.one<{ n: number }>(sql`SELECT count(*) AS n FROM engagement e JOIN person p ON p.id = e.person_id WHERE e.opd_id = ${top.id} AND p.kpj IS NOT NULL`))!.n;
  expect(topEnrolled).toBeGreaterThan(0);
  expect(topEnrolled).toBeLessThan(top.n);
  await page.goBack();
  await expect(page.locator('[data-state="ready"]')).toBeVisible();
  await page.getByTestId('chart-opd').locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(new RegExp(`opd=${top.id}&kpj=ada`));
  await expect(page.getByTestId('roster-count')).toHaveText(`Menampilkan ${topEnrolled} pegawai`);

  // The unit's "Terdaftar" number in the table opens the same list, with the same count.
  await page.goBack();
  await expect(page.locator('[data-state="ready"]')).toBeVisible();
  await page.getByText('Tabel semua unit').click();
  await page.getByRole('link', { name: `${topEnrolled.toLocaleString('id-ID')} terdaftar di ${top.name}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/pegawai\\?bulan=2026-03&opd=${top.id}&kpj=ada`));
  await expect(page.getByTestId('roster-count')).toHaveText(`Menampilkan ${topEnrolled} pegawai`);
  await expect(page.getByRole('combobox', { name: /^KPJ/ })).toHaveValue('ada');

  // The "Belum terdaftar" card opens the people without a KPJ, the same number as on the card.
  await page.goBack();
  await expect(page.locator('[data-state="ready"]')).toBeVisible();
  await page.getByTestId('stat-not-enrolled').click();
  await expect(page).toHaveURL(/\/pegawai\?bulan=2026-03&kpj=belum/);
  await expect(page.getByTestId('roster-count')).toHaveText(`Menampilkan ${(active - enrolled).toLocaleString('id-ID')} pegawai`);
  // Switching the filter in the roster gives the enrolled people, the card's "N orang".
  await page.getByRole('combobox', { name: /^KPJ/ }).selectOption('ada');
  await expect(page).toHaveURL(/kpj=ada/);
  await expect(page.getByTestId('roster-count')).toHaveText(`Menampilkan ${enrolled.toLocaleString('id-ID')} pegawai`);
  await page.goto(page.url()); // the filter survives a reload from the address
  await expect(page.getByTestId('roster-count')).toHaveText(`Menampilkan ${enrolled.toLocaleString('id-ID')} pegawai`);
});

test('records a death in the incident log: deadline badge, benefit estimate, engagement ended, then reported', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 200, year: 2026 });
  const p = (await storeOf(sigap.ctx).one<{ id: number; nik: string; name: string }>(
    sql`SELECT p.id, p.nik, p.name FROM person p JOIN engagement e ON e.person_id = p.id JOIN category c ON c.id = e.category_id WHERE c.segment = 'PU' AND p.kpj IS NOT NULL ORDER BY p.id LIMIT 1`,
  ))!;

  await sigap.open('/kejadian');
  await expect(page.locator('[data-state="empty"]')).toBeVisible();
  await page.getByRole('button', { name: '+ Catat kejadian' }).click();
  const dialog = page.getByRole('dialog', { name: 'Catat kejadian' });
  await dialog.getByLabel('Cari pegawai').fill(p.nik);
  await dialog.getByRole('button', { name: new RegExp(p.name) }).click();
  await expect(dialog.getByTestId('chosen-person')).toContainText(p.name);
  await dialog.getByLabel('Jenis kejadian').selectOption('death');
  await expect(dialog.getByText('Penugasan akan diakhiri')).toBeVisible();
  await dialog.getByLabel('Tanggal kejadian').fill('09-03-2026');
  await dialog.getByLabel('Tempat').fill('Rumah, Liwa');
  await dialog.getByRole('button', { name: 'Simpan' }).click();
  await expect(dialog).toBeHidden();

  const row = page.locator('tr[data-testid^="incident-"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(p.name);
  await expect(row).toContainText('11 Maret 2026'); // Monday 9 March + 2 working days
  await expect(row).toContainText('Belum dilaporkan');
  await expect(row).toContainText('Rp42.000.000');
  await expect(page.getByTestId('benefit')).toContainText('Santunan sekaligus: Rp20.000.000');
  // The person's first engagement (the lowest id), as the detail page reads it.
  const eng = (await personDetail(sigap.ctx, p.id)).engagements.reduce((a, b) => (b.id < a.id ? b : a));
  expect({ end_date: eng.endDate, end_reason: eng.endReason }).toEqual({ end_date: '2026-03-09', end_reason: 'Meninggal dunia' });

  await row.getByRole('button', { name: 'Tandai dilaporkan' }).click();
  const rep = page.getByRole('dialog', { name: 'Tandai sudah dilaporkan' });
  await rep.getByLabel('Tanggal dilaporkan ke BPJS').fill('10-03-2026');
  await rep.getByRole('button', { name: 'Simpan' }).click();
  await expect(rep).toBeHidden();
  await expect(row).toContainText('Sudah dilaporkan');
});
