/**
 * Pelaporan BPJS, the branch's own files, at 1366x768 with a demo Pemda: docs/screenshots/89-*.png to
 * 91-*.png (TK lanjutan pending; a profile made from the branch's .xlsx template; the files written into
 * copies of it). Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-bpjs-files.ts`.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');
const TEMPLATE = resolve(import.meta.dirname, '../fixtures/files/template_tk_mendaftar.xlsx');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

test('Pelaporan BPJS: TK lanjutan and the branch template, with demo data', async ({ page, sigap }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 400, year: 2026 });
  // The branch's participant list names every KPJ holder but eight active PU staff: they carried a KPJ
  // from an earlier job (written as import-kpj records a list).
  const carried = ctx.db.prepare(
    `SELECT p.id FROM person p JOIN engagement e ON e.person_id = p.id JOIN category c ON c.id = e.category_id
     WHERE p.kpj IS NOT NULL AND c.segment = 'PU' AND c.enrolled = 1 AND e.start_date <= '2026-03-10' AND (e.end_date IS NULL OR e.end_date >= '2026-03-10')
     ORDER BY p.id LIMIT 8`,
  ).pluck().all() as number[];
  const importId = Number(ctx.db.prepare("INSERT INTO bpjs_kpj_import (file, sha256, rows, applied, imported_at, imported_by) VALUES ('Daftar Peserta NPP 18040012.xlsx', 'x', 0, 1, '2026-03-02T03:00:00.000Z', 'app')").run().lastInsertRowid);
  ctx.db.prepare(`INSERT INTO bpjs_membership (person_id, kpj, member_since, import_id, updated_at)
    SELECT id, kpj, '2024-01-01', ?, 'x' FROM person WHERE kpj IS NOT NULL AND id NOT IN (${carried.join(',')})`).run(importId);

  // The clerk has set marital status and the work-location code from the template's list (a code of its
  // hidden "daftar" sheet) for everyone, as the registration upload requires.
  ctx.db.prepare("UPDATE person SET marital_status = 'T', work_location = 'LB01'").run();

  await sigap.open('/pelaporan');
  await page.getByTestId('kind-continue').click();
  await expect(page.getByTestId('pending-table')).toBeVisible();
  await expect(page.getByTestId('pending-table').locator('tbody tr')).toHaveCount(8);
  await shot(page, '89-pelaporan-tk-lanjutan');

  // A profile from the branch's own template (made by LibreOffice: hidden list sheet, validations).
  const tpl = join(sigap.dir, 'template_tk_mendaftar.xlsx');
  copyFileSync(TEMPLATE, tpl);
  sigap.openQueue.push(tpl);
  await page.getByRole('tab', { name: 'Profil templat' }).click();
  await page.getByRole('button', { name: /Profil dari templat cabang/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Profil dari templat kantor cabang' });
  await dialog.getByLabel('Nama profil').fill('KC Liwa 2026');
  await dialog.getByRole('button', { name: 'Pilih templat (.xlsx)…' }).click();
  await dialog.getByRole('button', { name: 'Buat profil' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('template-report')).toContainText('akan ditulis ke salinan templat template_tk_mendaftar.xlsx');
  await expect(page.getByRole('row', { name: /KC Liwa 2026/ }).getByTestId('profile-template')).toContainText('dibuat dari templat kantor cabang: template_tk_mendaftar.xlsx');
  await shot(page, '90-pelaporan-profil-templat-cabang');

  // Registration files written into a copy of it, under its name, in a folder of their own.
  await page.getByRole('tab', { name: 'Perlu dilaporkan' }).click();
  await page.getByTestId('kind-new').click();
  await page.getByLabel('Profil templat').selectOption('KC Liwa 2026');
  const out = join(sigap.dir, 'Unggah BPJS Maret 2026');
  mkdirSync(out);
  sigap.folderQueue.push(out);
  await page.getByRole('button', { name: /Pilih folder dan buat berkas/ }).click();
  const result = page.getByTestId('export-result');
  await expect(result).toContainText('data_tk_baru_18040012_20260310_01/template_tk_mendaftar.xlsx');
  expect(existsSync(join(out, 'data_tk_baru_18040012_20260310_01', 'template_tk_mendaftar.xlsx'))).toBe(true);
  await result.scrollIntoViewIfNeeded();
  await shot(page, '91-pelaporan-berkas-templat-cabang');
});
