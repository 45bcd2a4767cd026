/**
 * The incident log's rules that need no data: the kinds of incident, the reporting deadline in working
 * days (Saturdays and Sundays skipped; national holidays are not known to the app) and the benefit the
 * family can expect (domain.md section 6).
 */
export const INCIDENT_KINDS = ['accident', 'work_death', 'death'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_KIND_LABELS: Record<IncidentKind, string> = {
  accident: 'Kecelakaan kerja',
  work_death: 'Meninggal karena kecelakaan kerja',
  death: 'Meninggal dunia (bukan kecelakaan kerja)',
};
export const DEATH_REASON = 'Meninggal dunia';

/** JKM for a death not at work, PP 82/2019: lump sum + periodic (24 x Rp500.000 at once) + funeral. */
export const JKM_BENEFIT = { lumpSum: 20_000_000, periodic: 12_000_000, funeral: 10_000_000 } as const;
export const JKM_TOTAL = JKM_BENEFIT.lumpSum + JKM_BENEFIT.periodic + JKM_BENEFIT.funeral;
/** JKK death: 48 x the reported monthly wage (PP 82/2019). */
export const JKK_DEATH_WAGES = 48;
/** Scholarship for up to 2 children, after at least 3 years of contributions for a JKM death. */
export const SCHOLARSHIP_MAX = 174_000_000;
export const SCHOLARSHIP_MIN_MONTHS_JKM = 36;
export const SCHOLARSHIP_RULE =
  'PP 82/2019 dan Permenaker 5/2021: beasiswa untuk paling banyak 2 anak, paling banyak Rp174.000.000; ' +
  'untuk JKM bila masa iur paling singkat 3 tahun (36 bulan), untuk JKK tanpa masa iur minimal. ' +
  'Per anak per tahun: TK/SD Rp1.500.000, SMP Rp2.000.000, SMA Rp3.000.000, perguruan tinggi Rp12.000.000.';

export type DeadlineStatus = 'reported' | 'reported_late' | 'due' | 'overdue';

export interface BenefitItem { label: string; amount: number | null; note: string | null }
export interface BenefitEstimate {
  program: 'JKK' | 'JKM';
  items: BenefitItem[];
  /** The sum of the items with an amount. */
  total: number;
  scholarship: {
    eligible: boolean;
    contributionMonths: number;
    /** False when the person has a KPJ but neither a membership date nor an issued invoice: 0 is not known to be true. */
    monthsKnown: boolean;
    maxAmount: number;
    rule: string;
    /** One line for the screen and the CLI, e.g. "tidak berhak (masa iur 9 bulan)". */
    summary: string;
  };
  warnings: string[];
}

const isWeekend = (iso: string): boolean => {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
};

const nextDay = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** `n` working days after `date` (Saturday and Sunday skipped). */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = nextDay(d);
    if (!isWeekend(d)) left--;
  }
  return d;
}

export function deadlineStatus(deadline: string, reportedDate: string | null, today: string): DeadlineStatus {
  if (reportedDate !== null) return reportedDate <= deadline ? 'reported' : 'reported_late';
  return today > deadline ? 'overdue' : 'due';
}

export const MONTHS_UNKNOWN_TEXT = 'masa iur belum diketahui — impor daftar peserta BPJS untuk tanggal kepesertaan';

/** The scholarship line: eligibility with the contribution months, or why they are not known. */
export function scholarshipSummary(program: 'JKK' | 'JKM', eligible: boolean, months: number, known: boolean, forAccident = false): string {
  if (forAccident) return 'tidak ada (kecelakaan kerja tanpa kematian)';
  if (program === 'JKK') return `berhak, tanpa masa iur minimal (${known ? `masa iur ${months} bulan` : MONTHS_UNKNOWN_TEXT})`;
  if (!known) return `belum dapat dipastikan: ${MONTHS_UNKNOWN_TEXT}`;
  return `${eligible ? 'berhak' : 'tidak berhak'} (masa iur ${months} bulan, minimal ${SCHOLARSHIP_MIN_MONTHS_JKM} bulan)`;
}

/** What the family can expect for an incident (figures from domain.md section 6). */
export function benefitEstimate(
  kind: IncidentKind,
  wage: number,
  months: number,
  facts: { hasKpj: boolean; programs: string | null; monthsKnown?: boolean },
): BenefitEstimate {
  // Without a KPJ there were no contributions: zero months is then a fact, not a gap.
  const monthsKnown = facts.monthsKnown ?? true;
  const warnings: string[] = [];
  const progs = new Set((facts.programs ?? '').toUpperCase().split(',').map((p) => p.trim()));
  if (!facts.hasKpj) warnings.push('Pegawai belum memiliki KPJ (belum terdaftar): klaim dapat ditolak dan manfaat menjadi tanggungan pemberi kerja.');
  const program = kind === 'death' ? 'JKM' : 'JKK';
  if (facts.programs !== null && !progs.has(program)) warnings.push(`Kategori pegawai tidak mengikuti program ${program}.`);
  const items: BenefitItem[] = [];
  let scholarshipEligible: boolean;
  if (kind === 'death') {
    items.push(
      { label: 'Santunan sekaligus', amount: JKM_BENEFIT.lumpSum, note: null },
      { label: 'Santunan berkala (24 x Rp500.000, dibayar sekaligus)', amount: JKM_BENEFIT.periodic, note: null },
      { label: 'Biaya pemakaman', amount: JKM_BENEFIT.funeral, note: null },
    );
    scholarshipEligible = months >= SCHOLARSHIP_MIN_MONTHS_JKM;
  } else if (kind === 'work_death') {
    items.push(
      { label: `Santunan kematian karena kecelakaan kerja (${JKK_DEATH_WAGES} x upah dilaporkan)`, amount: JKK_DEATH_WAGES * wage, note: null },
      { label: 'Biaya pemakaman dan santunan berkala', amount: null, note: 'ditetapkan oleh BPJS Ketenagakerjaan saat klaim' },
    );
    if (wage === 0) warnings.push('Upah dilaporkan belum diisi; santunan 48 x upah tidak dapat dihitung.');
    scholarshipEligible = true;
  } else {
    items.push({ label: 'Perawatan dan pengobatan sesuai kebutuhan medis', amount: null, note: 'dibayar BPJS ke fasilitas kesehatan' });
    items.push({ label: 'Santunan sementara tidak mampu bekerja / cacat', amount: null, note: 'dihitung BPJS dari upah dilaporkan dan hasil pemeriksaan' });
    scholarshipEligible = false;
  }
  return {
    program,
    items,
    total: items.reduce((s, i) => s + (i.amount ?? 0), 0),
    scholarship: {
      eligible: scholarshipEligible, contributionMonths: months, monthsKnown, maxAmount: scholarshipEligible ? SCHOLARSHIP_MAX : 0, rule: SCHOLARSHIP_RULE,
      summary: scholarshipSummary(program, scholarshipEligible, months, monthsKnown, kind === 'accident'),
    },
    warnings,
  };
}
