/** Indonesian words for the billing codes that cross the bridge. */
import type { InvoiceSummaryDto } from '../../../../shared/contract/billing-calls';
import { formatRupiah } from '../../format';

export const STATUS_LABELS = { draft: 'Draf', issued: 'Terbit' } as const;
export const KIND_LABELS = { regular: 'Tagihan', supplementary: 'Tagihan tambahan', credit: 'Nota kredit' } as const;
export const SEGMENT_LABELS = { PU: 'Penerima Upah', BPU: 'Bukan Penerima Upah' } as const;
export const CHANGE_LABELS = { tambah: 'Tambah', berhenti: 'Berhenti', perubahan: 'Perubahan' } as const;
export const CONFIDENCE_LABELS = { H: 'tinggi', M: 'sedang', L: 'rendah' } as const;

/** Where an invoice stands with payments: a word and a pill tone. */
export function paymentState(i: InvoiceSummaryDto): { label: string; tone: string } {
  if (i.status === 'draft') return { label: 'Belum terbit', tone: 'pill-muted' };
  if (i.kind === 'credit') return { label: 'Mengurangi tagihan asal', tone: 'pill-info' };
  if (i.payable === 0) return { label: 'Lunas', tone: 'pill-ok' };
  if (i.paid > 0) return { label: 'Dibayar sebagian', tone: 'pill-warning' };
  return { label: 'Belum dibayar', tone: 'pill-danger' };
}

/** A rate as the clerk reads it: `0,24%`, `Rp11.086.300`, `tanggal 15`, `ya`. */
export function formatRateValue(unit: string, value: number): string {
  switch (unit) {
    case 'bp':
      return `${(value / 100).toLocaleString('id-ID', { maximumFractionDigits: 2 })}%`;
    case 'rupiah':
      return formatRupiah(value);
    case 'day':
      return `tanggal ${value}`;
    case 'months':
      return value === 0 ? 'bulan yang sama' : `${value} bulan sesudahnya`;
    case 'years':
      return `${value} tahun`;
    case 'flag':
      return value === 1 ? 'ya' : 'tidak';
    case 'monthRule':
      return value === 0 ? 'terikat satu hari pun' : 'terikat pada tanggal 1';
    default:
      return String(value);
  }
}

/** The program a rate parameter belongs to, for grouping the rate tables. */
export function rateGroup(key: string): string {
  if (key.startsWith('pu.jkk')) return 'JKK (PU) menurut kelas risiko';
  if (key === 'pu.jkm') return 'JKM (PU)';
  if (key.startsWith('pu.jht')) return 'JHT (PU)';
  if (key.startsWith('pu.jp')) return 'JP (PU) dan batas upahnya';
  if (key === 'pu.wage_floor') return 'Upah yang dilaporkan';
  if (key.startsWith('bpu.due') || key.startsWith('pu.due') || key === 'due.roll_weekend') return 'Jatuh tempo';
  if (key.startsWith('bpu.')) return 'BPU (pekerja rentan)';
  if (key.startsWith('pu.fine')) return 'Denda keterlambatan (perkiraan)';
  return 'Aturan penagihan';
}
