import { join } from 'node:path';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { previewSk, applyImport } from '../../electron/core/skimport/index';
import { runBilling } from '../../electron/core/billing/index';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { readAmendingSk } from './wizard-steps';
import { rosterCounts } from '../../electron/core/roster/counts-repository';
import { personRepo } from '../../electron/core/roster/person-repository';
import { listAudit } from '../../electron/core/audit-query';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

const NUMBER = '800/047/KPTS/III.01/2026';

test('an SK applied in the wizard is withdrawn from the SK page with a reason: its people leave the roster, the record stays as Dibatalkan', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 20, year: 2026 });
  const persons = fxPersons(3, ['Dinas Sosial'], 31, 850_000);
  const w = await writeMessyAppendix(join(sigap.dir, 'lampiran-salah.xlsx'), persons, { number: NUMBER, date: '2026-02-25' });
  sigap.openQueue.push(w.path);
  const count = async () => (await rosterCounts(storeOf(sigap.ctx))).persons;
  const before = await count();

  await sigap.open('/sk/impor');
  await readAmendingSk(page);
  await page.getByRole('button', { name: 'Terapkan SK' }).click();
  await expect(page.getByTestId('import-done')).toContainText(`SK ${NUMBER} sudah diterapkan`);
  expect(await count()).toBe(before + 3);

  await page.getByRole('link', { name: 'Lihat daftar SK' }).click();
  const row = page.locator(`tr[data-decree="${NUMBER}"]`);
  await row.getByRole('button', { name: NUMBER }).click();
  const undo = page.getByTestId('decree-undo');
  await undo.getByRole('button', { name: 'Periksa pembatalan…' }).click();
  await expect(undo).toContainText('3 keterlibatan dari SK ini dihapus, 0 keterlibatan yang diakhirinya dibuka kembali, 3 orang baru dihapus');
  const confirm = undo.getByRole('button', { name: 'Batalkan penerapan SK' });
  await expect(confirm).toBeDisabled(); // no reason yet
  await undo.getByLabel('Alasan pembatalan').fill('Lampiran salah unggah, diganti SK perbaikan');
  await confirm.click();
  await expect(page.getByText(`Penerapan SK ${NUMBER} dibatalkan`)).toBeVisible();
  await expect(page.getByTestId('decree-status')).toContainText('Dibatalkan');
  await expect(page.getByTestId('decree-status')).toContainText('Alasan: Lampiran salah unggah, diganti SK perbaikan');
  await expect(row).toContainText('Dibatalkan');
  expect(await count()).toBe(before);
  for (const p of persons) expect(await personRepo.byNik(storeOf(sigap.ctx), p.nik)).toBeUndefined();
  const newest = (await listAudit(sigap.ctx, { entity: 'decree', limit: 1 })).rows[0]!; // newest first
  const audit = { actor: newest.actor, summary: newest.summary };
  expect(audit).toEqual({ actor: 'admin', summary: `Penerapan SK ${NUMBER} dibatalkan: Lampiran salah unggah, diganti SK perbaikan` });
});

test('an SK billed in an issued invoice cannot be withdrawn: the page names the invoices and offers the amending SK; an SK from before the effects were recorded is refused too', async ({ page, sigap }) => {
  await seedDemo(sigap.ctx, { persons: 20, year: 2026 });
  const w = await writeMessyAppendix(join(sigap.dir, 'lampiran.xlsx'), fxPersons(2, ['Dinas Sosial'], 41, 900_000), { number: NUMBER, date: '2026-02-25' });
  const pv = await previewSk(sigap.ctx, { path: w.path, tmt: '2026-03-01', mode: 'amend' });
  await applyImport(sigap.ctx, pv, {});
  await runBilling(sigap.ctx, { month: '2026-03', issue: true });
  // The issued invoice billing this SK's engagements: what the page must name, read from the tables themselves.
  const invoice = (await storeOf(sigap.ctx).one<{ number: string }>(
    sql`SELECT DISTINCT i.number FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id JOIN engagement e ON e.id = l.engagement_id JOIN decree d ON d.id = e.decree_id WHERE d.number = ${NUMBER} AND i.status = 'issued'`,
  ))?.number as string;
  expect(invoice).toBeTruthy();

  await sigap.open('/sk');
  await page.locator(`tr[data-decree="${NUMBER}"]`).getByRole('button', { name: NUMBER }).click();
  await page.getByRole('button', { name: 'Periksa pembatalan…' }).click();
  const blockers = page.getByTestId('undo-blockers');
  await expect(blockers).toContainText(`Tagihan yang sudah terbit bergantung pada SK ${NUMBER}: ${invoice} (Maret 2026)`);
  await expect(page.getByRole('link', { name: 'Impor SK perubahan' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Batalkan penerapan SK' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  const demo = (await storeOf(sigap.ctx).one<{ number: string }>(sql`SELECT number FROM decree WHERE effects_recorded = 0 ORDER BY id LIMIT 1`))?.number as string;
  await page.locator(`tr[data-decree="${demo}"]`).getByRole('button', { name: demo }).click();
  await page.getByRole('button', { name: 'Periksa pembatalan…' }).click();
  await expect(page.getByTestId('undo-blockers')).toContainText('belum mencatat rincian setiap perubahannya');
});
