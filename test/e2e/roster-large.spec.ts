import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';

test('100,000 people: the roster scrolls to the end and searches by name and NIK', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 100_000, year: 2026 });
  await sigap.open('/pegawai');
  await expect(page.getByTestId('roster-count')).toHaveText('Menampilkan 100.000 pegawai');

  // The keyboard way to the end of the list: focus the rows and press End.
  const scroller = page.getByTestId('roster-scroller');
  await scroller.focus();
  await page.keyboard.press('End');
  const lastRow = page.locator('[role="row"][aria-rowindex="100001"]');
  await expect(lastRow).toHaveAttribute('data-loaded', 'true');
  await expect(lastRow).toContainText('100.000');
  await expect(lastRow).toBeInViewport();

  // Half-way down by the scrollbar's position, rows arrive there too.
  await scroller.evaluate((el) => {
    const e = el as unknown as { scrollTop: number; scrollHeight: number };
    e.scrollTop = e.scrollHeight / 2;
  });
  await expect(page.locator('[role="row"][aria-rowindex="50001"]')).toHaveAttribute('data-loaded', 'true');

  const someone = (await personRepo.row(storeOf(sigap.ctx), 77777))!;
  const search = page.getByLabel('Cari nama, NIK atau KPJ');
  await search.fill(someone.nik);
  await expect(page.getByTestId('roster-count')).toHaveText('Menampilkan 1 pegawai');
  await expect(page.locator('[role="row"][data-loaded="true"]')).toContainText(someone.name);

  const surname = someone.name.split(' ').slice(-1)[0]!;
  await search.fill(surname);
  await expect(page.getByTestId('roster-count')).not.toHaveText('Menampilkan 1 pegawai');
  const firstRow = page.locator('[role="row"][aria-rowindex="2"]');
  await expect(firstRow).toHaveAttribute('data-loaded', 'true');
  await expect(firstRow).toContainText(surname);
});
