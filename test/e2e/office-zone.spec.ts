/** Pengaturan > Profil Pemda: the time zone; audit times on screen follow it. */
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { getEmployer } from '../../electron/core/settings/employer';
import { todayIso } from '../../electron/core/context';

test('a Pemda in WITA sets its zone and sees audit times on its own clock', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 10, year: 2026 });
  sigap.ctx.clock = () => new Date('2026-03-02T01:15:00Z'); // 08.15 WIB, 09.15 WITA
  await sigap.open('/pengaturan');
  const zone = page.getByLabel('Zona waktu');
  await expect(zone).toHaveValue('WIB');
  await zone.selectOption('WITA');
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(page.getByText('Profil Pemda tersimpan')).toBeVisible();
  expect((await getEmployer(sigap.ctx))?.zone).toBe('WITA');
  expect(await todayIso(sigap.ctx)).toBe('2026-03-02');
  await page.screenshot({ path: 'test-results/office-zone-form.png' });

  await page.getByRole('tab', { name: 'Jejak audit' }).click();
  await expect(page.getByRole('columnheader', { name: 'Waktu (WITA)' })).toBeVisible();
  await expect(page.getByText('2 Maret 2026 09.15').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/office-zone-audit.png' });
});
