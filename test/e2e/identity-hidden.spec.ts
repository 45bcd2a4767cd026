/**
 * Finance sees the person page and the roster with identity hidden, in Chromium with the real core:
 * "disembunyikan" where the core now sends nothing, the birth year, the masked NIK, and a search that
 * says it is by name only. SIGAP_SHOTS=<dir> also writes screenshots there to look at.
 */
import { join } from 'node:path';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { updatePerson } from '../../electron/core/roster/person';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

test.use({ sigapAuth: 'finance' });

test('finance: person page and roster with identity hidden', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 60, year: 2026 });
  // The first person with a mother's name on record (no core read picks people by that).
  const p = (await storeOf(sigap.ctx).one<{
    id: number; nik: string; name: string; birthPlace: string; birthDate: string; sex: 'L' | 'P'; motherName: string; kpj: string | null;
  }>(sql`SELECT id, nik, name, birth_place AS "birthPlace", birth_date AS "birthDate", sex, mother_name AS "motherName", kpj FROM person WHERE mother_name IS NOT NULL ORDER BY id LIMIT 1`))!;
  const actor = sigap.ctx.actor;
  sigap.ctx.actor = 'admin';
  await updatePerson(sigap.ctx, p.id, { ...p, phone: '0812 7788 2041', address: 'Jl. Raden Intan No. 12, Liwa' });
  sigap.ctx.actor = actor;
  const shots = process.env.SIGAP_SHOTS;

  await sigap.open(`/pegawai/${p.id}`);
  const card = page.getByTestId('identity');
  await expect(card).toContainText(`${p.nik.slice(0, 4)}********${p.nik.slice(-4)}`);
  await expect(card).toContainText(`tahun ${p.birthDate.slice(0, 4)}`);
  await expect(page.getByTestId('identity-hidden-note')).toBeVisible();
  for (const label of ['Nama ibu kandung', 'Telepon/HP', 'Alamat']) {
    await expect(card.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]')).toHaveText('disembunyikan');
  }
  const text = (await page.locator('main, body').first().textContent()) ?? '';
  expect(text).not.toContain('undefined');
  expect(text).not.toContain(p.nik);
  expect(text).not.toContain(p.motherName);
  expect(text).not.toContain('7788');
  await expect(page.getByTestId('audit-trail')).toContainText('Telepon: disembunyikan → disembunyikan');
  if (shots) await page.screenshot({ path: join(shots, 'pegawai-keuangan.png'), fullPage: true, animations: 'disabled' });

  await sigap.open('/pegawai');
  const box = page.getByLabel('Cari nama pegawai');
  await expect(box).toHaveAttribute('placeholder', 'Cari nama pegawai…');
  await expect(page.getByTestId('roster-search-hint')).toBeVisible();
  await box.fill(p.nik.slice(0, 6));
  await expect(page.getByTestId('roster-count')).toContainText('0');
  await box.fill(p.name);
  await expect(page.locator('[role="row"][aria-rowindex="2"]')).toHaveAttribute('data-loaded', 'true');
  if (shots) await page.screenshot({ path: join(shots, 'daftar-keuangan.png'), animations: 'disabled' });
});
