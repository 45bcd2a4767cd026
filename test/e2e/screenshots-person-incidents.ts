/**
 * The person page with the incident log's view of one person (docs/screenshots/04b-pegawai-kejadian.png):
 * an accident past its reporting deadline and a recorded death, with the banner at the top.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { saveIncident } from '../../electron/core/coverage/index';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

test('person page with incidents', async ({ page, sigap }) => {
  mkdirSync(OUT, { recursive: true });
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 300, year: 2026 });
  const p = ctx.db
    .prepare(
      `SELECT p.id, p.name FROM person p JOIN engagement e ON e.person_id = p.id JOIN category c ON c.id = e.category_id
       WHERE c.segment = 'PU' AND p.kpj IS NOT NULL GROUP BY p.id HAVING count(*) = 1 ORDER BY p.id LIMIT 1 OFFSET 7`,
    )
    .get() as { id: number; name: string };
  await saveIncident(ctx, { personId: p.id, kind: 'accident', date: '2026-02-16', place: 'Jalan Liwa - Krui km 12', description: 'Jatuh dari sepeda motor saat mengantar surat dinas.', reportedDate: '2026-02-17' });
  await saveIncident(ctx, { personId: p.id, kind: 'work_death', date: '2026-03-05', place: 'Gudang Dinas PUPR', description: 'Tertimpa rak material.' });

  await sigap.open(`/pegawai/${p.id}`);
  await expect(page.getByRole('heading', { level: 1, name: p.name })).toBeVisible();
  await expect(page.getByTestId('death-banner')).toBeVisible();
  await expect(page.locator('tr[data-testid^="person-incident-"]')).toHaveCount(2);
  await page.mouse.move(0, 767);
  await page.screenshot({ path: join(OUT, '04b-pegawai-kejadian.png'), animations: 'disabled' });
  await page.screenshot({ path: '/tmp/pinc-full.png', animations: 'disabled', fullPage: true });
});
