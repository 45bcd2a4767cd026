/**
 * Screens read at 1366x768 (issue 19): the Tunggakan table fits without sideways scrolling and has one
 * fine column; long unit and category names stay readable (wrapped, or cut with the full name in a
 * title); the Beranda program figure shows every program set; and each screen loads its own chunk.
 * Screenshots go to SIGAP_SHOTS (default test-results/readable) for a person to look at.
 */
import { join } from 'node:path';
import { test, expect } from './harness';
import { billOnTime } from '../billing-seed';
import { seedDemo } from '../../electron/core/demo/index';
import { arrearsReport, listInvoices, recordPayment } from '../../electron/core/billing/index';
import { listCategories, listOpds } from '../../electron/core/roster/units';
import { saveCategory } from '../../electron/core/roster/categories';
import { saveOpd } from '../../electron/core/settings/employer';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { formatRupiah } from '../../shared/money';
import type { CoreContext } from '../../electron/core/context';
import { clippedNameCheck } from './readable-check';

const SHOTS = process.env.SIGAP_SHOTS ?? 'test-results/readable';
const LONG_UNIT = 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana';
const LONG_CATEGORY = 'Tenaga Pendukung Teknis Administrasi Perkantoran pada Sekretariat Daerah';

/** Two billed months, one PU January invoice paid late, and the longest unit and category names a Pemda has. */
async function seed(ctx: CoreContext, persons = 300) {
  await seedDemo(ctx, { persons, year: 2026 });
  await billOnTime(ctx, ['2026-01', '2026-02']);
  const inv = (await listInvoices(ctx, { month: '2026-01' })).filter((i) => i.segment === 'PU').sort((a, b) => a.id - b.id)[0]!;
  await recordPayment(ctx, { invoice: inv.number!, amount: inv.total, date: '2026-03-09', sp2d: '00777/SP2D/LS/2026' });
  // The unit and the category with the most engagements (no core read ranks them so) get the longest names,
  // renamed as Pengaturan renames them.
  const store = storeOf(ctx);
  const big = (await store.one<{ id: number }>(sql`SELECT opd_id AS id FROM engagement GROUP BY opd_id ORDER BY count(*) DESC LIMIT 1`))!;
  const o = (await listOpds(ctx)).find((u) => u.id === big.id)!;
  await saveOpd(ctx, {
    id: o.id, code: o.code, name: LONG_UNIT, kind: o.kind, budgetAccount: o.budget_account, address: o.address,
    headName: o.head_name, headNip: o.head_nip, headTitle: o.head_title, pptkName: o.pptk_name, pptkNip: o.pptk_nip,
    treasurerName: o.treasurer_name, treasurerNip: o.treasurer_nip,
  });
  const most = (await store.one<{ id: number }>(sql`SELECT category_id AS id FROM engagement GROUP BY category_id ORDER BY count(*) DESC LIMIT 1`))!;
  const c = (await listCategories(ctx)).find((k) => k.id === most.id)!;
  await saveCategory(ctx, { id: c.id, name: LONG_CATEGORY, segment: c.segment, programs: c.programs, jkkClass: c.jkk_class });
}

test('Tunggakan fits 1366x768: headers on at most two lines, one fine column with its breakdown', async ({ page, sigap }) => {
  await seed(sigap.ctx);
  const report = await arrearsReport(sigap.ctx, '2026-03-10');
  await sigap.open('/iuran?tab=tunggakan');
  const table = page.getByTestId('arrears-table');
  await expect(page.getByTestId('arrears-row')).toHaveCount(report.units.length);
  await page.screenshot({ path: join(SHOTS, 'arrears-1366.png') });

  // No sideways scrolling: the table is no wider than its card, the card no wider than the window.
  const widths = await table.evaluate((t) => {
    const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
    return { table: t.scrollWidth, box: t.parentElement!.clientWidth, page: g.document.documentElement.scrollWidth, view: g.innerWidth };
  });
  expect(widths.table).toBeLessThanOrEqual(widths.box);
  expect(widths.page).toBeLessThanOrEqual(widths.view);

  // Every header on one or two lines.
  const lines = await table.locator('thead th').evaluateAll((ths) =>
    ths.map((th) => {
      const g = globalThis as unknown as { document: { createRange(): { selectNodeContents(n: unknown): void; getClientRects(): ArrayLike<{ top: number }> } } };
      const r = g.document.createRange();
      r.selectNodeContents(th);
      const tops = new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top)));
      return { text: th.textContent ?? '', lines: tops.size };
    }),
  );
  for (const h of lines) expect(h.lines, `header "${h.text}"`).toBeLessThanOrEqual(2);

  // One fine column; a unit with a late payment shows the sum, with both parts in a second line and a title.
  await expect(table.locator('thead th', { hasText: 'Denda' })).toHaveCount(1);
  const unit = report.units.find((u) => (u.latePaidFineEstimate ?? 0) > 0)!;
  const fine = table.locator(`tr[data-opd="${unit.opdCode}"]`).getByTestId('arrears-fine');
  await expect(fine.getByTestId('arrears-fine-total')).toHaveText(formatRupiah(unit.fineEstimate + unit.latePaidFineEstimate!));
  await expect(fine.getByTestId('arrears-late-paid-unit')).toHaveText(formatRupiah(unit.latePaidFineEstimate!));
  await expect(fine).toHaveAttribute('title', new RegExp(`bayar terlambat ${formatRupiah(unit.latePaidFineEstimate!).replace('.', '\\.')}`));
  await fine.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'arrears-fine-1366.png') });
  // The long unit name wraps inside its cell instead of widening the table.
  await expect(table.getByRole('button', { name: LONG_UNIT, exact: true })).toBeVisible();
});

test('Beranda: program sets as labelled bars, long unit and category names readable', async ({ page, sigap }) => {
  await seed(sigap.ctx, 600);
  await sigap.open('/');
  await expect(page.locator('[data-state="ready"]')).toBeVisible();
  // Every program set has its row with a count and a share, the empty ones too.
  const rows = page.getByTestId('program-mix-row');
  await expect(rows).toHaveCount(3);
  const mix = (await storeOf(sigap.ctx).one<{ n: number }>(sql`SELECT count(*) AS n FROM person WHERE kpj IS NOT NULL`))!;
  expect(mix.n).toBeGreaterThan(0);
  await expect(page.getByTestId('chart-programs')).toContainText(`${mix.n.toLocaleString('id-ID')} peserta terdaftar`);
  for (const set of ['jkkJkmOnly', 'allFour', 'other']) await expect(rows.and(page.locator(`[data-set="${set}"]`))).toContainText(/\d+ orang · \d+,\d%/);
  // The long unit name is cut beside its bar, with the full name as its title.
  await expect(page.getByTestId('opd-tick').locator('title', { hasText: LONG_UNIT })).toHaveCount(1);
  await page.getByText('Tabel semua unit').click();
  expect(await page.evaluate(clippedNameCheck(LONG_UNIT))).toEqual([]);
  expect(await page.evaluate(clippedNameCheck(LONG_CATEGORY))).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'beranda-1366.png') });
  await page.getByTestId('chart-programs').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'beranda-programs-1366.png') });
});

test('Roster and Iuran: long unit and category names wrap or carry their full name in a title', async ({ page, sigap }) => {
  await seed(sigap.ctx);
  const unit = (await listOpds(sigap.ctx)).find((u) => u.name === LONG_UNIT)!;
  await sigap.open(`/pegawai?opd=${unit.id}`);
  await expect(page.getByTestId('roster-count')).toBeVisible();
  await expect(page.locator('.col-opd', { hasText: LONG_UNIT.slice(0, 18) }).first()).toBeVisible();
  expect(await page.evaluate(clippedNameCheck(LONG_UNIT))).toEqual([]);
  expect(await page.evaluate(clippedNameCheck(LONG_CATEGORY))).toEqual([]);
  // The chosen unit is cut in the closed drop-down; its title says it in full.
  await expect(page.getByRole('combobox', { name: 'OPD' })).toHaveAttribute('title', LONG_UNIT);
  await page.screenshot({ path: join(SHOTS, 'roster-1366.png') });

  await sigap.open('/iuran?bulan=2026-02');
  await expect(page.getByTestId('invoice-row').first()).toBeVisible();
  expect(await page.evaluate(clippedNameCheck(LONG_UNIT))).toEqual([]);
  const widths = await page.getByTestId('invoice-table').evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth }));
  expect(widths.table).toBeLessThanOrEqual(widths.box);
  await page.getByTestId('invoice-row').filter({ hasText: LONG_UNIT }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'iuran-1366.png') });
});

test('each screen loads its own chunk: charts only with Beranda, a small first chunk', async ({ page, sigap }) => {
  await seed(sigap.ctx, 100);
  const scripts: { url: string; size: Promise<number> }[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.push({ url: r.url(), size: r.body().then((b) => b.length, () => 0) });
  });
  await sigap.open('/iuran');
  await expect(page.getByRole('heading', { level: 1, name: 'Iuran' })).toBeVisible();
  expect(scripts.some((s) => /BillingPage-/.test(s.url))).toBe(true);
  expect(scripts.some((s) => /HomePage-/.test(s.url)), 'Beranda and its charts are not loaded for Iuran').toBe(false);
  const entry = scripts.find((s) => /\/assets\/index-/.test(s.url));
  expect(entry, 'the entry chunk').toBeDefined();
  expect(await entry!.size).toBeLessThan(450_000); // one 1.1 MB chunk before the split
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Beranda' }).click();
  await expect(page.getByTestId('stat-active')).toBeVisible();
  expect(scripts.some((s) => /HomePage-/.test(s.url)), scripts.map((s) => s.url).join(' ')).toBe(true);
});
