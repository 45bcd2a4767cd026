/**
 * Pelaporan BPJS at 1366x768 with a demo Pemda of 2,000 staff: docs/screenshots/35-*.png to 44-*.png.
 * Run with `npx playwright test -c test/e2e/screenshots.config.ts screenshots-reporting.ts`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { endEngagement } from '../../electron/core/roster/person';
import { sigapBilledLines } from '../../electron/core/bpjs/index';
import { runBilling } from '../../electron/core/billing/index';
import { writeBill, writeKpjList, writeTemplate } from '../fixtures/bpjs-files';

const OUT = resolve(import.meta.dirname, '../../docs/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 767); // no hover effect in the picture
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: 'disabled' });
}

test('Pelaporan BPJS screens, with demo data', async ({ page, sigap }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 2000, year: 2026 });
  // Some participants whose contract ended in February: deactivations to report.
  const ended = ctx.db.prepare(
    `SELECT e.id FROM engagement e JOIN person p ON p.id = e.person_id JOIN category c ON c.id = e.category_id
     WHERE c.segment = 'PU' AND p.kpj IS NOT NULL ORDER BY e.id LIMIT 6`,
  ).pluck().all() as number[];
  for (const [i, id] of ended.entries()) await endEngagement(ctx, id, '2026-02-28', i % 3 === 0 ? 'Mengundurkan diri' : 'Habis kontrak');

  await sigap.open('/pelaporan');
  await expect(page.getByTestId('pending-table')).toBeVisible();
  await shot(page, '35-pelaporan-perlu-dilaporkan');

  await page.getByLabel('Tampilkan').selectOption('blocked');
  await expect(page.getByTestId('pending-table')).toContainText('NAMA_IBU_KANDUNG');
  await shot(page, '36-pelaporan-masalah');

  // The portal requires marital status and work location, which SK appendices do not carry: the clerk
  // fills each in one step (one value for everyone here) before writing the files.
  await page.getByLabel('Tampilkan').selectOption('all');
  for (const [column, label, value] of [['STATUS_KAWIN', 'Status kawin', 'T'], ['LOKASI_PEKERJAAN', 'Lokasi pekerjaan', 'LIWA']] as const) {
    await page.getByTestId(`fill-${column}`).click();
    const dialog = page.getByRole('dialog', { name: `Isi ${column} sekaligus` });
    const input = dialog.getByLabel(label, { exact: true });
    if (column === 'STATUS_KAWIN') await input.selectOption(value);
    else await input.fill(value);
    await dialog.getByRole('button', { name: 'Simpan ke data pegawai' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByTestId('required-missing')).toHaveCount(0);

  const out = join(sigap.dir, 'Unggah BPJS Maret 2026');
  mkdirSync(out);
  sigap.folderQueue.push(out);
  await page.getByRole('button', { name: /Pilih folder dan buat berkas/ }).click();
  await expect(page.getByTestId('export-result')).toBeVisible();
  await page.getByTestId('export-result').scrollIntoViewIfNeeded();
  await shot(page, '37-pelaporan-berkas-dibuat');

  await page.getByTestId('kind-na').click();
  sigap.folderQueue.push(out);
  await page.getByRole('button', { name: /Pilih folder dan buat berkas/ }).click();
  await expect(page.getByTestId('export-result')).toBeVisible();

  await page.getByRole('tab', { name: 'Riwayat batch' }).click();
  await page.getByRole('button', { name: '#1' }).click();
  const detail = page.getByTestId('batch-detail');
  const again = join(sigap.dir, 'Tulis ulang');
  mkdirSync(again);
  sigap.folderQueue.push(again);
  await detail.getByRole('button', { name: 'Tulis ulang berkas…' }).click();
  await expect(detail.getByTestId('regen-result')).toContainText('identik');
  await shot(page, '38-pelaporan-riwayat-batch');

  await page.getByRole('button', { name: '#2' }).click();
  await page.getByTestId('batch-detail').getByRole('button', { name: 'Batalkan batch…' }).click();
  await page.getByLabel('Alasan pembatalan').fill('Ditolak portal SIPP: templat lama');
  await shot(page, '39-pelaporan-batalkan-batch');
  await page.getByRole('dialog').getByRole('button', { name: 'Batalkan batch' }).click();
  await expect(page.getByTestId('batch-detail')).toContainText('Ditolak portal SIPP');

  const tpl = join(sigap.dir, 'TEMPLATE_TK_BARU_KC_LIWA.xlsx');
  await writeTemplate(tpl, 'data_tk_baru', ['NO', 'NAMA_LENGKAP', 'NOMOR_IDENTITAS', 'TEMPAT_LAHIR', 'TGL_LAHIR', 'NAMA_IBU', 'JENIS_KELAMIN', 'ALAMAT', 'NO_HP', 'KODE_DESA', 'UPAH'], ['TEMPLATE PENDAFTARAN TK BARU - KC LIWA']);
  sigap.openQueue.push(tpl);
  await page.getByRole('tab', { name: 'Profil templat' }).click();
  await page.getByRole('button', { name: /Profil dari templat cabang/ }).click();
  await page.getByLabel('Nama profil').fill('KC Liwa 2026');
  await page.getByRole('button', { name: 'Pilih templat (.xlsx)…' }).click();
  await expect(page.getByTestId('chosen-template')).toBeVisible();
  await page.getByRole('button', { name: 'Buat profil' }).click();
  await expect(page.getByTestId('template-report')).toContainText('KODE_DESA');
  await shot(page, '40-pelaporan-profil-dari-templat');
  await page.getByRole('button', { name: 'Petakan kolom…' }).click();
  await page.getByLabel('Isian kolom KODE_DESA').selectOption('unitCode');
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  // A copy of the built-in registration profile with fixed values for the columns Sigap has no data for.
  await page.getByRole('button', { name: 'Salin profil sipp-tk-baru' }).click();
  await page.getByRole('dialog').getByLabel('Nama profil baru').fill('KC Liwa (salinan bawaan)');
  await page.getByRole('dialog').getByRole('button', { name: 'Salin dan ubah' }).click();
  const editor = page.getByRole('dialog', { name: /Ubah profil/ });
  await editor.getByLabel('Isian kolom STATUS_KAWIN').selectOption({ label: 'Nilai tetap (sama untuk semua orang)…' });
  await editor.getByLabel('Isian kolom LOKASI_PEKERJAAN').selectOption({ label: 'Nilai tetap (sama untuk semua orang)…' });
  await editor.getByLabel('Nilai tetap kolom LOKASI_PEKERJAAN').fill('0012');
  await editor.getByLabel('Nilai tetap kolom LOKASI_PEKERJAAN').scrollIntoViewIfNeeded();
  await shot(page, '41-pelaporan-profil-ubah');
  await editor.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(editor).toBeHidden();

  // The branch's participant list: KPJ numbers for people registered in batch 1.
  const registered = ctx.db.prepare(
    `SELECT p.nik, p.name FROM bpjs_batch_item i JOIN person p ON p.id = i.person_id WHERE i.batch_id = 1 ORDER BY i.seq LIMIT 40`,
  ).all() as { nik: string; name: string }[];
  const list = join(sigap.dir, 'Daftar Peserta NPP 18040012.xlsx');
  await writeKpjList(list, [
    ...registered.map((r, i) => ({ nik: r.nik, name: i === 3 ? `${r.name}, S.Pd` : i === 7 ? r.name.replace(/a/i, 'e') : r.name, kpj: String(18040300001 + i), since: '12-03-2026' })),
    { nik: '1804015507950003', name: 'Rina Marlina', kpj: '18040399001', since: '12-03-2026' },
  ]);
  sigap.openQueue.push(list);
  await page.getByRole('tab', { name: 'Daftar peserta (KPJ)' }).click();
  await page.getByRole('button', { name: 'Pilih daftar peserta…' }).click();
  await expect(page.getByTestId('kpj-preview')).toBeVisible();
  await shot(page, '42-pelaporan-daftar-peserta');
  await page.getByRole('button', { name: /Simpan \d+ KPJ/ }).click();
  await expect(page.getByTestId('kpj-applied')).toBeVisible();

  // The bill for March: one person missing, two amounts off, one stranger.
  await runBilling(ctx, { month: '2026-03', issue: true });
  const byNik = new Map<string, { name: string; jkk: number; jkm: number }>();
  for (const l of await sigapBilledLines(ctx, '2026-03')) {
    const e = byNik.get(l.nik) ?? { name: l.name, jkk: 0, jkm: 0 };
    if (l.program === 'JKK') e.jkk += l.amount;
    if (l.program === 'JKM') e.jkm += l.amount;
    byNik.set(l.nik, e);
  }
  const niks = [...byNik.keys()];
  const bill = join(sigap.dir, 'Rincian Tagihan Maret 2026.xlsx');
  await writeBill(bill, '2026-03', [
    ...niks.filter((n) => n !== niks[5]).map((nik, i) => {
      const e = byNik.get(nik)!;
      return { nik, kpj: null, name: e.name, jkk: e.jkk + (i === 10 ? 1200 : 0), jkm: e.jkm + (i === 20 ? 1500 : 0) };
    }),
    { nik: '1804015507950003', kpj: '18040399001', name: 'Rina Marlina', jkk: 3600, jkm: 4500 },
  ]);
  sigap.openQueue.push(bill);
  await page.getByRole('tab', { name: 'Rekonsiliasi tagihan' }).click();
  await page.getByRole('button', { name: 'Pilih rincian tagihan…' }).click();
  await expect(page.getByTestId('reconcile-report')).toBeVisible();
  await shot(page, '43-pelaporan-rekonsiliasi');
  await page.getByTestId('only-sigap').scrollIntoViewIfNeeded();
  await shot(page, '44-pelaporan-rekonsiliasi-hanya-satu-pihak');
});
