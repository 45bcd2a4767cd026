/**
 * Excel exports of the coverage area: the budget forecast in the shape a finance office pastes into
 * its RKA (kode rekening, uraian, volume, satuan, tarif, jumlah; a heading row per unit) with a summary
 * sheet, and the year's contributions by unit and program. Amounts are number cells, text is text.
 */
import { writeXlsxStream } from '../files/xlsx-write';
import type { ForecastResult } from './forecast';
import type { YearlyReport } from './yearly';

export const RKA_HEADER = ['Kode rekening', 'Uraian', 'Volume', 'Satuan', 'Tarif', 'Jumlah'];

export function* rkaRows(f: ForecastResult): Generator<(string | number | null)[]> {
  for (const u of f.units) {
    yield [u.budgetAccount ?? '', `${u.code} ${u.name}`, null, null, null, u.total];
    for (const l of u.lines) yield ['', l.uraian, l.volume, 'OB', l.tariff, l.amount];
    if (u.headroom) yield ['', `Cadangan penambahan pegawai (${f.headroomPct}%)`, 1, 'paket', u.headroom, u.headroom];
  }
  yield ['', 'Jumlah seluruh unit', f.personMonths, 'OB', null, f.total];
}

export async function writeForecastXlsx(f: ForecastResult, path: string): Promise<void> {
  await writeXlsxStream(path, [
    { name: `RKA ${f.year}`, header: RKA_HEADER, rows: rkaRows(f), numeric: [2, 4, 5], widths: [24, 90, 10, 8, 14, 18] },
    {
      name: 'Ringkasan',
      header: ['Kode', 'Unit', 'Kode rekening', 'Orang', 'Orang-bulan', 'JKK', 'JKM', 'JHT', 'JP', 'Cadangan', 'Jumlah', 'Bagian pekerja (tidak dianggarkan)'],
      rows: f.units.map((u) => {
        const by = (p: string) => u.lines.filter((l) => l.program === p).reduce((s, l) => s + l.amount, 0);
        return [u.code, u.name, u.budgetAccount ?? '', u.persons, u.personMonths, by('JKK'), by('JKM'), by('JHT'), by('JP'), u.headroom, u.total, u.workerShare];
      }),
      numeric: [3, 4, 5, 6, 7, 8, 9, 10, 11],
      widths: [10, 50, 24, 10, 12, 16, 16, 16, 16, 16, 18, 20],
    },
  ]);
}

export async function writeYearlyXlsx(r: YearlyReport, path: string): Promise<void> {
  const row = (code: string, name: string, account: string, u: YearlyReport['totals']) =>
    [code, name, account, u.personMonths, u.jkk, u.jkm, u.jhtEmployer, u.jhtWorker, u.jpEmployer, u.jpWorker, u.total, u.paid, u.total - u.paid];
  await writeXlsxStream(path, [
    {
      name: `Iuran ${r.year}`,
      header: ['Kode', 'Unit', 'Kode rekening', 'Orang-bulan', 'JKK', 'JKM', 'JHT pemberi kerja', 'JHT pekerja', 'JP pemberi kerja', 'JP pekerja', 'Jumlah', 'Dibayar', 'Sisa'],
      rows: [...r.units.map((u) => row(u.code, u.name, u.budgetAccount ?? '', u)), row('', 'Jumlah', '', r.totals)],
      numeric: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      widths: [10, 50, 24, 12, 16, 16, 16, 16, 16, 16, 18, 18, 18],
    },
  ]);
}
