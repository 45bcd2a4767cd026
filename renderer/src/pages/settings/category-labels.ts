import type { Program } from '../../../../shared/contract/index';

/** What each program is, in the words on a BPJS Ketenagakerjaan card, and who pays it. */
export const PROGRAM_INFO: Record<Program, { name: string; what: string }> = {
  JKK: { name: 'Jaminan Kecelakaan Kerja', what: 'Biaya perawatan dan santunan bila celaka saat bekerja atau di perjalanan kerja. Dibayar pemberi kerja; tarif menurut kelas risiko.' },
  JKM: { name: 'Jaminan Kematian', what: 'Santunan untuk ahli waris bila peserta meninggal bukan karena kecelakaan kerja. Dibayar pemberi kerja.' },
  JHT: { name: 'Jaminan Hari Tua', what: 'Tabungan yang dicairkan saat berhenti bekerja atau pensiun. PU: 3,7% pemberi kerja + 2% dipotong dari honor; BPU: 2% dari penghasilan.' },
  JP: { name: 'Jaminan Pensiun', what: 'Uang pensiun bulanan. Hanya untuk Penerima Upah: 2% pemberi kerja + 1% dipotong dari honor, dengan batas upah.' },
};

export const SEGMENT_LABELS = { PU: 'Penerima Upah (PU)', BPU: 'Bukan Penerima Upah (BPU)' } as const;

const ROMAN = ['I', 'II', 'III', 'IV', 'V'] as const;
/** `kelas I` .. `kelas V`. */
export const jkkClassName = (c: number): string => `kelas ${ROMAN[c - 1] ?? c}`;

/** The risk words of PP 44/2015 for each JKK class. */
export const JKK_RISK = ['sangat rendah', 'rendah', 'sedang', 'tinggi', 'sangat tinggi'] as const;
