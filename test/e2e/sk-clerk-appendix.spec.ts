/**
 * Issue 15's "done when", in the wizard: the appendix with all of a clerk's habits (test/fixtures/
 * clerk-appendix.ts) goes in as it is: title read, hidden row and sheet named, merged unit cells, units
 * proposed from abbreviations, applied with no hand edit of the file.
 */
import { join } from 'node:path';
import { test, expect } from './harness';
import { readAmendingSk } from './wizard-steps';
import { seedDemo } from '../../electron/core/demo/index';
import { writeClerkAppendix, CLERK_NUMBER } from '../fixtures/clerk-appendix';
import { rosterCounts } from '../../electron/core/roster/counts-repository';
import { personDetail } from '../../electron/core/roster/detail';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';

test("an appendix as a clerk makes it imports from the wizard without editing the file", async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 20, year: 2026 }); // Dinas Kesehatan and Kecamatan Balik Bukit exist
  const fx = await writeClerkAppendix(join(sigap.dir, 'lampiran-sk-honorer.xlsx'));
  sigap.openQueue.push(fx.path);
  const opdCount = async () => (await rosterCounts(storeOf(sigap.ctx))).opds;
  const before = await opdCount();

  await sigap.open('/sk/impor');
  await readAmendingSk(page);

  // The abbreviations stand for the units Sigap knows, proposed and chosen.
  const step = page.getByTestId('unit-step');
  await expect(step).toBeVisible();
  await expect(page.getByLabel('Unit untuk “DINKES”').locator('option:checked')).toHaveText('Dinas Kesehatan');
  await expect(page.getByLabel('Unit untuk “KEC. BALIK BUKIT”').locator('option:checked')).toHaveText('Kecamatan Balik Bukit');
  await expect(step).toContainText('semua dipastikan');

  // The hidden row and the hidden sheet are named, as warnings, before anything is applied.
  await page.getByRole('tab', { name: /Baris bermasalah|Masalah/ }).first().click();
  const problems = page.getByTestId('problem-table');
  await expect(problems.locator('tbody tr', { hasText: 'ROW_HIDDEN' })).toContainText(fx.hidden.name);
  await expect(problems.locator('tbody tr', { hasText: 'SHEET_HIDDEN' })).toContainText('2025');
  await page.screenshot({ path: 'test-results/sk-clerk-appendix-problems.png' });

  await page.getByRole('tab', { name: /Ringkasan/ }).click();
  await expect(page.getByTestId('decree-number')).toHaveText(CLERK_NUMBER);
  await expect(page.getByTestId('accepted-count')).toHaveText('8');
  await page.screenshot({ path: 'test-results/sk-clerk-appendix-summary.png', fullPage: true });

  await page.getByRole('button', { name: 'Terapkan SK' }).click();
  await expect(page.getByTestId('import-done')).toContainText(`SK ${CLERK_NUMBER} sudah diterapkan`);
  // The unit of the person's latest engagement; undefined for a NIK not on the roster.
  const unitOf = async (nik: string) => {
    const p = await personRepo.byNik(storeOf(sigap.ctx), nik);
    return p ? (await personDetail(sigap.ctx, p.id)).engagements.sort((a, b) => b.id - a.id)[0]?.opd : undefined;
  };
  for (const u of fx.units) {
    for (const p of u.persons) {
      if (p === fx.hidden) expect(await unitOf(p.nik)).toBeUndefined();
      else expect(await unitOf(p.nik)).toBe(u.written === 'DINKES' ? 'Dinas Kesehatan' : 'Kecamatan Balik Bukit');
    }
  }
  expect(await opdCount()).toBe(before);
});
