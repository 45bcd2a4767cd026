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
import { arrearsReport, recordPayment } from '../../electron/core/billing/index';
import { formatRupiah } from '../../shared/money';
import type { CoreContext } from '../../electron/core/context';

const SHOTS = process.env.SIGAP_SHOTS ?? 'test-results/readable';
const LONG_UNIT = 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana';
const LONG_CATEGORY = 'Tenaga Pendukung Teknis Administrasi Perkantoran pada Sekretariat Daerah';

/** Two billed months, one PU January invoice paid late, and the longest unit and category names a Pemda has. */
function seed(ctx: CoreContext, persons = 300) {
  seedDemo(ctx, { persons, year: 2026 });
  billOnTime(ctx, ['2026-01', '2026-02']);
  const inv = ctx.db.prepare("SELECT number, total FROM invoice WHERE month = '2026-01' AND segment = 'PU' ORDER BY id LIMIT 1").get() as { number: string; total: number };
  recordPayment(ctx, { invoice: inv.number, amount: inv.total, date: '2026-03-09', sp2d: '00777/SP2D/LS/2026' });
  const big = ctx.db.prepare('SELECT opd_id AS id FROM engagement GROUP BY opd_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number };
  ctx.db.prepare('UPDATE opd SET name = ? WHERE id = ?').run(LONG_UNIT, big.id);
  const cat = ctx.db.prepare('SELECT category_id AS id FROM engagement GROUP BY category_id ORDER BY count(*) DESC LIMIT 1').get() as { id: number };
  ctx.db.prepare('UPDATE category SET name = ? WHERE id = ?').run(LONG_CATEGORY, cat.id);
}

test('Tunggakan fits 1366x768: headers on at most two lines, one fine column with its breakdown', async ({ page, sigap }) => {
  seed(sigap.ctx);
  const report = arrearsReport(sigap.ctx, '2026-03-10');
  await sigap.open('/iuran?tab=tunggakan');
  const table = page.getByTestId('arrears-table');
  await expect(page.getByTestId('arrears-row')).toHaveCount(report.units.length);
  await page.screenshot({ path: join(SHOTS, 'arrears-1366.png') });

  // No sideways scrolling: the table is no wider than its card, the card no wider than the window.
  const widths = await table.evaluate((t) => {
    const box = t.parentElement!;
    return { table: t.scrollWidth, box: box.clientWidth, page: document.documentElement.scrollWidth, view: window.innerWidth };
  });
  expect(widths.table).toBeLessThanOrEqual(widths.box);
  expect(widths.page).toBeLessThanOrEqual(widths.view);

  // Every header on one or two lines.
  const lines = await table.locator('thead th').evaluateAll((ths) =>
    ths.map((th) => {
      const r = document.createRange();
      r.selectNodeContents(th);
      const tops = new Set([...r.getClientRects()].map((b) => Math.round(b.top)));
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
