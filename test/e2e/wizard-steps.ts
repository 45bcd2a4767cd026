import type { Page } from '@playwright/test';

/**
 * The SK wizard's first step as a clerk does it for an amending SK: choose the file (the test's open
 * queue answers the dialog), give the TMT, pick "Perubahan" and read the file.
 */
export async function readAmendingSk(page: Page, tmt = '01-03-2026'): Promise<void> {
  await page.getByRole('button', { name: 'Pilih berkas…' }).click();
  await page.getByLabel('TMT (terhitung mulai tanggal)').fill(tmt);
  await page.getByText('Perubahan', { exact: true }).click();
  await page.getByRole('button', { name: 'Baca berkas' }).click();
}
