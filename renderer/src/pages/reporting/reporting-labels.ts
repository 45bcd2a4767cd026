/** Indonesian words for the reporting codes, as a clerk of a Pemda says them. */
import type { ReportKind } from '../../../../shared/sipp-layouts';
import type { PendingStatus } from '../../../../shared/contract/reporting-calls';

/** Short names for tabs, cards and tables; REPORT_KIND_LABELS holds the long ones. */
export const KIND_SHORT: Record<ReportKind, string> = {
  new: 'Pendaftaran baru',
  continue: 'TK lanjutan',
  na: 'Nonaktif',
  wage: 'Perubahan upah',
  bpu: 'BPU kolektif',
};

/** What each kind of file tells the branch office. */
export const KIND_HELP: Record<ReportKind, string> = {
  new: 'Pegawai aktif di kategori PU yang belum memiliki KPJ.',
  continue: 'Pegawai aktif di kategori PU yang sudah memiliki KPJ dari pekerjaan sebelumnya tetapi tidak tercantum di daftar peserta kantor cabang untuk NPP Pemda: didaftarkan lewat unggahan TK lanjutan dengan KPJ-nya. Baru terlihat setelah daftar peserta kantor cabang diimpor (tab Daftar peserta).',
  na: 'Peserta yang masa kerjanya berakhir (bukan karena meninggal: itu lewat klaim JKM).',
  wage: 'Peserta dengan upah dilaporkan yang berubah dari keterlibatan sebelumnya.',
  bpu: 'Pekerja rentan (BPU) yang belum memiliki KPJ, didaftarkan kolektif.',
};

export const STATUS_SHORT: Record<Exclude<PendingStatus, 'all'>, string> = {
  ready: 'Siap',
  warning: 'Ada peringatan',
  blocked: 'Terhambat',
};

export const FUNDING_LABELS = {
  SG: 'SG — dibiayai pemerintah daerah',
  SA: 'SA — desa, dari APBD',
  SD: 'SD — desa, dari APBDes',
  SL: 'SL — desa, sumber lain',
} as const;

export const BATCH_STATUS = { submitted: 'Terkirim', cancelled: 'Dibatalkan' } as const;

/** Short SHA-256 for tables; the whole value is in the title and the detail. */
export const shortHash = (h: string) => `${h.slice(0, 12)}…`;
