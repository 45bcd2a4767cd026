import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';
import { demoPerson, rng } from '../../electron/core/demo/names';
import { createPerson, updatePerson } from '../../electron/core/roster/person';
import { listCategories, listOpds } from '../../electron/core/roster/units';
import { preflight, sigapBilledLines } from '../../electron/core/bpjs/index';
import { runBilling } from '../../electron/core/billing/index';
import type { CoreContext } from '../../electron/core/context';
import { writeBill, writeKpjList } from '../fixtures/bpjs-files';
import { personRepo } from '../../electron/core/roster/person-repository';
import { storeOf } from '../../electron/core/store/of-context';

interface Added {
  id: number;
  nik: string;
  name: string;
}

/** New PU staff added by hand through the core, as the clerk would: some without the marital status the portal requires. */
async function addStaff(ctx: CoreContext, specs: { marital: boolean }[]): Promise<Added[]> {
  const r = rng(77);
  const opd = (await listOpds(ctx)).find((o) => o.kind === 'opd')!;
  const pu = (await listCategories(ctx)).find((c) => c.segment === 'PU')!;
  // One after another: each person is a write of its own.
  const out: Added[] = [];
  for (const [i, s] of specs.entries()) {
    const d = demoPerson(r, 900_000 + i);
    const { personId } = await createPerson(
      ctx,
      { nik: d.nik, name: d.name, birthPlace: d.birthPlace, birthDate: d.birthDate, sex: d.sex, address: d.address, phone: d.phone, motherName: d.mother, maritalStatus: s.marital ? 'T' : null, workLocation: 'LIWA' },
      { opdId: opd.id, categoryId: pu.id, position: 'Tenaga Administrasi', honor: 1_500_000, startDate: '2026-03-01' },
    );
    out.push({ id: personId, nik: d.nik, name: d.name });
  }
  return out;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('Pelaporan BPJS: pending and problems, files into a folder, batch cancel and regenerate, KPJ import, reconciliation', async ({ page, sigap }) => {
  test.setTimeout(120_000);
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 40, year: 2026 });
  const [ok, noMarital1, noMarital2] = await addStaff(ctx, [{ marital: true }, { marital: false }, { marital: false }]);
  const before = (await preflight(ctx)).kinds.find((k) => k.kind === 'new')!;
  expect(before.blocked.map((b) => b.nik)).toEqual(expect.arrayContaining([noMarital1!.nik, noMarital2!.nik]));

  // Pending by kind with their problems, named by the portal's column.
  await sigap.open('/pelaporan');
  const card = page.getByTestId('kind-new');
  await expect(card).toContainText(String(before.pending));
  await expect(card).toContainText(`${before.blocked.length} terhambat`);
  await page.getByLabel('Tampilkan').selectOption('blocked');
  const table = page.getByTestId('pending-table');
  await expect(table.locator('tbody tr')).toHaveCount(before.blocked.length);
  const row = table.locator('tr', { hasText: noMarital1!.nik });
  await expect(row).toContainText('STATUS_KAWIN');
  await expect(row).toContainText('STATUS_KAWIN wajib diisi untuk portal SIPP');

  // The name opens the person page; its back link returns to the same list.
  await row.getByRole('link', { name: noMarital1!.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: noMarital1!.name })).toBeVisible();
  await page.getByRole('link', { name: /Kembali/ }).click();
  await expect(page).toHaveURL(/\/pelaporan/);
  await expect(card).toHaveAttribute('aria-pressed', 'true');

  // The clerk fixes one person; "Periksa ulang" shows one blocked fewer.
  const stored = (await personRepo.row(storeOf(ctx), noMarital1!.id))!;
  const p = { nik: stored.nik, name: stored.name, birthPlace: stored.birth_place, birthDate: stored.birth_date, sex: stored.sex, address: stored.address, phone: stored.phone, kpj: stored.kpj } as Record<string, string>;
  await updatePerson(ctx, noMarital1!.id, { ...p, nik: p.nik!, name: p.name!, maritalStatus: 'Y' } as Parameters<typeof updatePerson>[2]);
  await page.getByRole('button', { name: 'Periksa ulang' }).click();
  await expect(card).toContainText(`${before.blocked.length - 1} terhambat`);
  await page.getByLabel('Tampilkan').selectOption('blocked');
  await expect(table.locator('tr', { hasText: noMarital1!.nik })).toHaveCount(0);

  // Generate: the folder comes from the dialog; files, rows, SHA-256 and the skipped people are shown.
  const out = join(sigap.dir, 'unggah');
  mkdirSync(out);
  sigap.folderQueue.push(out);
  const ready = before.ready + 1;
  await page.getByRole('button', { name: `Pilih folder dan buat berkas (${ready} baris)` }).click();
  const result = page.getByTestId('export-result');
  await expect(result).toContainText(`${ready} baris ditulis ke 1 berkas (batch 1)`);
  const fileName = 'data_tk_baru_18040012_20260310_01.xlsx';
  await expect(page.getByTestId('export-files')).toContainText(fileName);
  expect(existsSync(join(out, fileName))).toBe(true);
  const hash = sha(join(out, fileName));
  await expect(page.getByTestId('export-files')).toContainText(hash.slice(0, 12));
  await expect(page.getByTestId('export-skipped')).toContainText(noMarital2!.name);
  await expect(page.getByTestId('export-skipped')).toContainText('STATUS_KAWIN');
  await expect(card).toContainText(String(before.blocked.length - 1)); // only the blocked remain pending

  // The batch in the history: regenerate byte for byte, then cancel with a reason.
  await page.getByRole('tab', { name: 'Riwayat batch' }).click();
  await expect(page.getByTestId('batch-table')).toContainText(fileName);
  await page.getByRole('button', { name: '#1' }).click();
  const detail = page.getByTestId('batch-detail');
  await expect(detail.getByTestId('batch-files')).toContainText(hash);
  await expect(detail.getByTestId('batch-items')).toContainText(ok!.name);
  const again = join(sigap.dir, 'ulang');
  mkdirSync(again);
  sigap.folderQueue.push(again);
  await detail.getByRole('button', { name: 'Tulis ulang berkas…' }).click();
  await expect(detail.getByTestId('regen-result')).toHaveText(`${fileName}: identik`);
  expect(sha(join(again, fileName))).toBe(hash);

  await detail.getByRole('button', { name: 'Batalkan batch…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Batalkan batch #1?' });
  await expect(dialog.getByRole('button', { name: 'Batalkan batch' })).toBeDisabled(); // a reason is required
  await dialog.getByLabel('Alasan pembatalan').fill('Ditolak portal: templat lama');
  await dialog.getByRole('button', { name: 'Batalkan batch' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail).toContainText('Dibatalkan');
  await expect(detail).toContainText('Ditolak portal: templat lama');
  await expect(page.getByTestId('batch-table')).toContainText('Dibatalkan');
  await page.getByRole('tab', { name: 'Perlu dilaporkan' }).click();
  await expect(card).toContainText(String(before.pending)); // offered again

  // KPJ import: preview (new, unknown NIK, name mismatch), then apply.
  const list = join(sigap.dir, 'daftar-peserta.xlsx');
  await writeKpjList(list, [
    { nik: ok!.nik, name: ok!.name, kpj: '18040000001', since: '05-03-2026' },
    { nik: noMarital1!.nik, name: 'NAMA YANG LAIN', kpj: '18040000002', since: '05-03-2026' },
    { nik: '1804010101900001', name: 'Orang Luar', kpj: '18040000003', since: null },
  ]);
  sigap.openQueue.push(list);
  await page.getByRole('tab', { name: 'Daftar peserta (KPJ)' }).click();
  await page.getByRole('button', { name: 'Pilih daftar peserta…' }).click();
  const pv = page.getByTestId('kpj-preview');
  await expect(pv.locator('.stat', { hasText: 'Cocok dengan pegawai' })).toContainText('2');
  await expect(pv.locator('.stat', { hasText: 'NIK tidak dikenal' })).toContainText('1');
  await expect(pv.locator('.stat', { hasText: 'Nama berbeda' })).toContainText('1');
  await expect(pv.getByTestId('kpj-warnings')).toContainText('1804010101900001');
  await expect(pv.getByTestId('kpj-updates')).toContainText('18040000001');
  await pv.getByRole('button', { name: 'Simpan 2 KPJ' }).click();
  await expect(page.getByTestId('kpj-applied')).toContainText('2 pegawai cocok: 2 KPJ baru diisi, 0 KPJ diganti');
  expect((await personRepo.row(storeOf(ctx), ok!.id))!.kpj).toBe('18040000001');

  // Reconcile the branch's bill for March against the issued invoices, with one mismatch.
  await runBilling(ctx, { month: '2026-03', issue: true });
  // A PU bill of the Pemda's NPP: compared with the PU invoices only (BPU members are on another bill).
  const lines = (await sigapBilledLines(ctx, '2026-03')).filter((l) => l.segment === 'PU');
  const byNik = new Map<string, { name: string; jkk: number; jkm: number }>();
  for (const l of lines) {
    const e = byNik.get(l.nik) ?? { name: l.name, jkk: 0, jkm: 0 };
    if (l.program === 'JKK') e.jkk += l.amount;
    if (l.program === 'JKM') e.jkm += l.amount;
    byNik.set(l.nik, e);
  }
  expect(lines.every((l) => l.program === 'JKK' || l.program === 'JKM')).toBe(true);
  const [bumped, missing] = [...byNik.keys()];
  const bill = join(sigap.dir, 'tagihan-maret.xlsx');
  await writeBill(bill, '2026-03', [...byNik].filter(([nik]) => nik !== missing).map(([nik, e]) => ({ nik, kpj: null, name: e.name, jkk: e.jkk, jkm: e.jkm + (nik === bumped ? 1000 : 0) })));
  sigap.openQueue.push(bill);
  await page.getByRole('tab', { name: 'Rekonsiliasi tagihan' }).click();
  await page.getByRole('button', { name: 'Pilih rincian tagihan…' }).click();
  const rep = page.getByTestId('reconcile-report');
  await expect(rep.getByTestId('differences')).toContainText(bumped!);
  await expect(rep.getByTestId('differences')).toContainText('Rp1.000');
  await expect(rep.getByTestId('only-sigap')).toContainText(missing!);
  const m = byNik.get(missing!)!;
  const { formatRupiah } = await import('../../shared/money');
  await expect(rep.getByTestId('reconcile-totals').locator('tr', { hasText: 'Selisih' })).toContainText(formatRupiah(1000 - m.jkk - m.jkm));
});

test('Profil templat: a profile from the branch template, its unknown header mapped, used for the files, deleted', async ({ page, sigap }) => {
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 40, year: 2026 });
  const tpl = join(sigap.dir, 'TEMPLATE_TK_BARU.xlsx');
  const { writeTemplate } = await import('../fixtures/bpjs-files');
  await writeTemplate(tpl, 'TK_BARU', ['NAMA_LENGKAP', 'NOMOR_IDENTITAS', 'TGL_LAHIR', 'NAMA_IBU', 'KODE_DESA'], ['TEMPLATE KC LIWA']);
  sigap.openQueue.push(tpl);

  await sigap.open('/pelaporan?tab=profil');
  await expect(page.getByTestId('profile-table')).toContainText('sipp-tk-baru');
  await page.getByRole('button', { name: /Profil dari templat cabang/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Profil dari templat kantor cabang' });
  await dialog.getByLabel('Nama profil').fill('KC Liwa');
  await dialog.getByRole('button', { name: 'Pilih templat (.xlsx)…' }).click();
  await expect(dialog.getByTestId('chosen-template')).toHaveText('TEMPLATE_TK_BARU.xlsx');
  await dialog.getByRole('button', { name: 'Buat profil' }).click();
  // Sheet name and headers do not say which kind this is: the core says so, the clerk picks it.
  await expect(dialog.getByTestId('error-message')).toContainText('jenis templat tidak dapat dikenali');
  await dialog.getByLabel('Jenis berkas').selectOption({ label: 'Pendaftaran baru' });
  await dialog.getByRole('button', { name: 'Buat profil' }).click();
  await expect(dialog).toBeHidden();
  const report = page.getByTestId('template-report');
  await expect(report).toContainText('KODE_DESA');
  await expect(page.getByText('Profil “KC Liwa” dibuat dari sheet “TK_BARU” (judul di baris 3, 5 kolom)')).toBeVisible();

  // An .xlsx template is kept: the files are written into a copy of it (bpjs-template-fill.test.ts).
  await expect(report).toContainText('akan ditulis ke salinan templat TEMPLATE_TK_BARU.xlsx');
  await expect(page.getByRole('row', { name: /KC Liwa/ }).getByTestId('profile-template')).toContainText('dibuat dari templat kantor cabang: TEMPLATE_TK_BARU.xlsx');

  await report.getByRole('button', { name: 'Petakan kolom…' }).click();
  const editor = page.getByRole('dialog', { name: 'Ubah profil “KC Liwa” (Pendaftaran baru)' });
  await expect(editor.getByTestId('editor-template')).toContainText('TEMPLATE_TK_BARU.xlsx');
  // The template's sheet cannot be renamed: the copy keeps it.
  await expect(editor.getByLabel('Nama sheet')).toHaveAttribute('readonly', '');
  // Nor can it gain a column the template does not have.
  await expect(editor.getByLabel('Kolom baru di akhir')).toHaveCount(0);
  await editor.getByLabel('Isian kolom KODE_DESA').selectOption('unitCode');
  await editor.getByLabel('Hapus kolom TGL_LAHIR').check();
  await editor.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(editor).toBeHidden();
  const { getProfile } = await import('../../electron/core/bpjs/index');
  expect(await getProfile(ctx, 'KC Liwa')).toMatchObject({
    sheetName: 'TK_BARU',
    templateFile: 'TEMPLATE_TK_BARU.xlsx',
    columns: [
      { header: 'NAMA_LENGKAP', field: 'fullName' }, { header: 'NOMOR_IDENTITAS', field: 'idNumber' }, { header: 'NAMA_IBU', field: 'motherName' },
      { header: 'KODE_DESA', field: 'unitCode' },
    ],
  });

  // The profile is offered when generating registration files; the file is the template, filled.
  await page.getByRole('tab', { name: 'Perlu dilaporkan' }).click();
  await page.getByLabel('Profil templat').selectOption('KC Liwa');
  const out = join(sigap.dir, 'berkas');
  mkdirSync(out);
  sigap.folderQueue.push(out);
  await page.getByRole('button', { name: /Pilih folder dan buat berkas/ }).click();
  await expect(page.getByTestId('export-result')).toContainText('profil KC Liwa');
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(out, 'data_tk_baru_18040012_20260310_01', 'TEMPLATE_TK_BARU.xlsx'));
  const ws = wb.worksheets[0]!;
  expect(ws.name).toBe('TK_BARU');
  expect(ws.getRow(1).getCell(1).value).toBe('TEMPLATE KC LIWA');
  expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['NAMA_LENGKAP', 'NOMOR_IDENTITAS', 'TGL_LAHIR', 'NAMA_IBU', 'KODE_DESA']);
  // Row 4: the first person; TGL_LAHIR, dropped from the profile, stays empty; KODE_DESA is the unit's code.
  expect(typeof ws.getRow(4).getCell(2).value).toBe('string');
  expect(ws.getRow(4).getCell(3).value).toBeNull();
  expect(String(ws.getRow(4).getCell(5).value)).not.toBe('');

  await page.getByRole('tab', { name: 'Profil templat' }).click();
  await page.getByRole('row', { name: /KC Liwa/ }).getByRole('button', { name: 'Hapus' }).click();
  await page.getByRole('dialog', { name: 'Hapus profil “KC Liwa”?' }).getByRole('button', { name: 'Hapus profil' }).click();
  await expect(page.getByTestId('profile-table')).not.toContainText('KC Liwa');
});

test('Profil templat: the built-in layout copied, STATUS_KAWIN and LOKASI_PEKERJAAN given constants, written in the files', async ({ page, sigap }) => {
  const ctx = sigap.ctx;
  await seedDemo(ctx, { persons: 40, year: 2026 });
  await sigap.open('/pelaporan');
  // The built-in profile requires both columns; the demo people lack them: one line per column.
  const generate = page.getByTestId('generate');
  await expect(generate.getByTestId('required-missing')).toContainText('STATUS_KAWIN kosong untuk');
  await expect(generate.getByTestId('required-missing')).toContainText('LOKASI_PEKERJAAN kosong untuk');

  await page.getByRole('tab', { name: 'Profil templat' }).click();
  await page.getByRole('button', { name: 'Salin profil sipp-tk-baru' }).click();
  const copy = page.getByRole('dialog', { name: 'Salin profil “sipp-tk-baru”' });
  await copy.getByLabel('Nama profil baru').fill('KC Liwa 2026');
  await copy.getByRole('button', { name: 'Salin dan ubah' }).click();
  const editor = page.getByRole('dialog', { name: 'Ubah profil “KC Liwa 2026”' });
  // The copy keeps the built-in's required marks; the clerk marks one more column as the branch requires.
  await expect(editor.getByLabel('Kolom STATUS_KAWIN wajib diisi')).toBeChecked();
  await expect(editor.getByLabel('Kolom NOMOR_IDENTITAS wajib diisi')).not.toBeChecked();
  await editor.getByLabel('Kolom NOMOR_IDENTITAS wajib diisi').check();
  await editor.getByLabel('Isian kolom STATUS_KAWIN').selectOption({ label: 'Nilai tetap (sama untuk semua orang)…' });
  await expect(editor.getByLabel('Nilai tetap kolom STATUS_KAWIN')).toHaveValue('T');
  await editor.getByLabel('Isian kolom LOKASI_PEKERJAAN').selectOption({ label: 'Nilai tetap (sama untuk semua orang)…' });
  // A formula-like value is refused by the core, with the reason.
  await editor.getByLabel('Nilai tetap kolom LOKASI_PEKERJAAN').fill('=1+1');
  await editor.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(editor.getByTestId('error-message')).toContainText('rumus');
  await editor.getByLabel('Nilai tetap kolom LOKASI_PEKERJAAN').fill('0012');
  await editor.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(editor).toBeHidden();
  const { getProfile } = await import('../../electron/core/bpjs/index');
  const saved = (await getProfile(ctx, 'KC Liwa 2026')).columns;
  expect(saved.find((c) => c.header === 'STATUS_KAWIN')).toEqual({ header: 'STATUS_KAWIN', field: null, value: 'T', required: true });
  expect(saved.find((c) => c.header === 'LOKASI_PEKERJAAN')).toEqual({ header: 'LOKASI_PEKERJAAN', field: null, value: '0012', required: true });
  expect(saved.find((c) => c.header === 'NOMOR_IDENTITAS')).toMatchObject({ header: 'NOMOR_IDENTITAS', required: true });
  // The copy's row is open after copying: its columns show the constants.
  await expect(page.getByTestId('profile-columns')).toContainText('STATUS_KAWIN nilai tetap “T”');

  await page.getByRole('tab', { name: 'Perlu dilaporkan' }).click();
  await page.getByLabel('Profil templat').selectOption('KC Liwa 2026');
  await expect(generate.getByTestId('profile-warnings')).toHaveCount(0);
  await expect(generate.getByTestId('required-missing')).toHaveCount(0);
  const out = join(sigap.dir, 'berkas');
  mkdirSync(out);
  sigap.folderQueue.push(out);
  await generate.getByRole('button', { name: /Pilih folder dan buat berkas/ }).click();
  await expect(page.getByTestId('export-result')).toContainText('profil KC Liwa 2026');
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(out, 'data_tk_baru_18040012_20260310_01.xlsx'));
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  expect(ws.rowCount).toBeGreaterThan(1);
  for (let r = 2; r <= ws.rowCount; r++) {
    expect(ws.getRow(r).getCell(header.indexOf('STATUS_KAWIN') + 1).value).toBe('T');
    expect(ws.getRow(r).getCell(header.indexOf('LOKASI_PEKERJAAN') + 1).value).toBe('0012');
  }
});
