/**
 * The Excel copy of an invoice: a summary sheet (header, totals per program) and the detail sheet with
 * one row per person. Written with the streaming writer; NIK and KPJ are text cells, amounts numbers.
 * NIK and KPJ are masked (`1804********0001`) when the caller's role may not see them (finance, viewer).
 */
import { identityFor, type CoreContext } from '../context';
import { writeXlsxStream } from '../files/xlsx-write';
import type { InvoiceLine, LineChange } from '../../../shared/billing-types';
import { formatMonthId } from '../../../shared/dates';
import { invoiceDocument } from './document';
import { getInvoice, iterateInvoiceLines } from './invoices';

const CHANGE_LABELS: Record<LineChange, string> = { tambah: 'Tambah', berhenti: 'Berhenti', perubahan: 'Perubahan' };

export const DETAIL_HEADER = [
  'No', 'NIK', 'Nama', 'KPJ', 'Kategori', 'Kelas JKK', 'Upah', 'Dasar iuran', 'Dasar JP',
  'JKK', 'JKM', 'JHT pemberi kerja', 'JHT pekerja', 'JP pemberi kerja', 'JP pekerja',
  'Bagian pemberi kerja', 'Bagian pekerja', 'Jumlah', 'Keterangan',
];

async function* detailRows(lines: AsyncIterable<InvoiceLine>, id: (s: string | null) => string | null): AsyncGenerator<(string | number | null)[]> {
  let no = 0;
  for await (const l of lines) {
    no++;
    yield [
      no, id(l.nik), l.name, id(l.kpj), l.category, l.jkkClass, l.wage, l.base, l.jpBase,
      l.jkk, l.jkm, l.jhtEmployer, l.jhtWorker, l.jpEmployer, l.jpWorker, l.employer, l.worker, l.total,
      [l.change ? CHANGE_LABELS[l.change] : null, l.note].filter(Boolean).join('; ') || null,
    ];
  }
}

/** Writes the workbook atomically to `path`. Returns the number of detail rows. */
export async function writeInvoiceXlsx(ctx: CoreContext, ref: number | string, path: string): Promise<number> {
  // NIK and KPJ as the caller's role may see them, decided now (the rows are read while writing).
  const id = identityFor(ctx);
  const inv = await getInvoice(ctx, ref);
  const doc = await invoiceDocument(ctx, inv.id, { withLines: false });
  const summary: (string | number | null)[][] = [
    ['Pemda', doc.letterhead.pemda],
    ['NPP', doc.letterhead.npp],
    ['Dokumen', doc.title],
    ['Nomor', inv.number ?? 'DRAF (belum terbit)'],
    ['Unit', `${doc.unit.code} ${doc.unit.name}`],
    ['Kode rekening', doc.unit.budgetAccount],
    ['Bulan iuran', formatMonthId(inv.month)],
    ['Jatuh tempo', doc.dueDateLabel],
    ['Tagihan asal', inv.originalNumber],
    ['Jumlah orang', inv.persons],
    ...doc.programs.flatMap((p) => [[`${p.program} pemberi kerja`, p.employer], ...(p.worker !== 0 ? [[`${p.program} pekerja`, p.worker]] : [])]),
    ['Bagian pemberi kerja', inv.employer],
    ['Bagian pekerja', inv.worker],
    ['Jumlah', inv.total],
    ['Terbilang', doc.amountInWords],
  ];
  let count = 0;
  // The lines are read while the workbook is written: the store is held until the last row.
  const counted = async function* (): AsyncGenerator<(string | number | null)[]> {
    for await (const row of detailRows(iterateInvoiceLines(ctx, inv.id), id)) {
      count++;
      yield row;
    }
  };
  const numeric = [0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
  await writeXlsxStream(path, [
    { name: 'Ringkasan', header: ['Keterangan', 'Nilai'], rows: summary, numeric: [1], widths: [24, 60] },
    { name: 'Rincian', header: DETAIL_HEADER, rows: counted(), numeric, widths: [6, 20, 32, 16, 26, 9, 13, 13, 13, 11, 11, 13, 13, 13, 13, 14, 14, 14, 12] },
  ]);
  return count;
}
