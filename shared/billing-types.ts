/**
 * Billing vocabulary shared by the core, the CLI and the screens: the dated rate parameters the app
 * knows, and the shapes of invoices, payments, arrears and print models. Pure TypeScript.
 */

export type Segment = 'PU' | 'BPU';
export type InvoiceKind = 'regular' | 'supplementary' | 'credit';
export type InvoiceStatus = 'draft' | 'issued';
export type Confidence = 'H' | 'M' | 'L';

/**
 * Who is billed for a month when an engagement starts or ends inside it. Billing is by whole months
 * (BPJS does not prorate), so the rule only decides *which* months count:
 * - `any_day` (default): engaged on at least one day of the month. Coverage has no gap: someone who
 *   starts on the 20th is protected (and billed) for that month, and someone who leaves on the 3rd is
 *   billed for the month they leave in.
 * - `first_day`: engaged on the 1st of the month. A starter after the 1st is billed from the next
 *   month; a leaver is billed for the month they leave in only if they were there on the 1st.
 * Stored as the dated parameter `billing.month_rule` with value = index in this list.
 */
export const MONTH_RULES = ['any_day', 'first_day'] as const;
export type MonthRule = (typeof MONTH_RULES)[number];

/** How a parameter's integer value reads: basis points (1/100 of a percent), rupiah, a day, a flag... */
export type ParamUnit = 'bp' | 'rupiah' | 'day' | 'months' | 'years' | 'flag' | 'monthRule';

export interface ParamSpec {
  label: string;
  unit: ParamUnit;
  min: number;
  max: number;
  /** Figures derived from it are shown as an estimate (the late fine). */
  estimate?: boolean;
}

const bp = (label: string, estimate = false): ParamSpec => ({ label, unit: 'bp', min: 0, max: 10_000, ...(estimate ? { estimate } : {}) });
const rupiah = (label: string): ParamSpec => ({ label, unit: 'rupiah', min: 0, max: 1_000_000_000 });

/**
 * Every dated billing parameter. Each row in `rate_param` is (key, effective month, integer value,
 * source, confidence); the row in force for month M is the one with the latest effective month <= M.
 */
export const RATE_PARAMS = {
  'pu.jkk.1': bp('JKK kelas I (pemberi kerja)'),
  'pu.jkk.2': bp('JKK kelas II (pemberi kerja)'),
  'pu.jkk.3': bp('JKK kelas III (pemberi kerja)'),
  'pu.jkk.4': bp('JKK kelas IV (pemberi kerja)'),
  'pu.jkk.5': bp('JKK kelas V (pemberi kerja)'),
  'pu.jkm': bp('JKM (pemberi kerja)'),
  'pu.jht.employer': bp('JHT bagian pemberi kerja'),
  'pu.jht.worker': bp('JHT bagian pekerja'),
  'pu.jp.employer': bp('JP bagian pemberi kerja'),
  'pu.jp.worker': bp('JP bagian pekerja'),
  'pu.jp.wage_cap': rupiah('Batas atas upah JP'),
  'pu.jp.retirement_age': { label: 'Usia pensiun JP (sesudahnya JP tidak ditagih)', unit: 'years', min: 50, max: 70 },
  'pu.wage_floor': rupiah('Upah minimum yang dilaporkan (mis. UMK; 0 = tidak ada)'),
  'bpu.jkk': bp('BPU JKK, persen dari penghasilan yang dilaporkan'),
  'bpu.jkm': rupiah('BPU JKM, iuran tetap per bulan'),
  'bpu.jht': bp('BPU JHT, persen dari penghasilan yang dilaporkan'),
  'pu.due.month_offset': { label: 'PU jatuh tempo: bulan setelah bulan iuran', unit: 'months', min: 0, max: 2 },
  'pu.due.day': { label: 'PU jatuh tempo: tanggal', unit: 'day', min: 1, max: 31 },
  'bpu.due.month_offset': { label: 'BPU jatuh tempo: bulan setelah bulan iuran', unit: 'months', min: 0, max: 2 },
  'bpu.due.day': { label: 'BPU jatuh tempo: tanggal', unit: 'day', min: 1, max: 31 },
  'due.roll_weekend': { label: 'Jatuh tempo di hari Sabtu/Minggu mundur ke Senin', unit: 'flag', min: 0, max: 1 },
  'pu.fine.enabled': { label: 'Hitung perkiraan denda keterlambatan PU', unit: 'flag', min: 0, max: 1, estimate: true },
  'pu.fine.bp_per_month': bp('Denda keterlambatan PU per bulan dari iuran yang belum dibayar', true),
  'billing.month_rule': { label: 'Aturan bulan penuh (0 = terikat satu hari pun, 1 = terikat pada tanggal 1)', unit: 'monthRule', min: 0, max: 1 },
} as const satisfies Record<string, ParamSpec>;

export type RateParamKey = keyof typeof RATE_PARAMS;
export const RATE_PARAM_KEYS = Object.keys(RATE_PARAMS) as RateParamKey[];

export interface RateParamRow {
  key: RateParamKey;
  label: string;
  unit: ParamUnit;
  effectiveMonth: string;
  value: number;
  source: string;
  confidence: Confidence;
  note: string | null;
  estimate: boolean;
}

export interface BpuBracket {
  /** Lowest actual income (rupiah) that falls in this bracket. */
  incomeFrom: number;
  /** The declared income the percentages apply to. */
  declaredIncome: number;
}

export interface BpuBracketSet {
  effectiveMonth: string;
  source: string;
  confidence: Confidence;
  brackets: BpuBracket[];
}

export interface ParamInForce {
  value: number;
  effectiveMonth: string;
  source: string;
  confidence: Confidence;
}

/**
 * Everything a month's billing used: stored with every invoice as its rate snapshot. A parameter
 * with no row on or before the month is absent (the JP cap before 2019); billing refuses to run only
 * when someone actually needs it.
 */
export interface RatesInForce {
  month: string;
  params: Partial<Record<RateParamKey, ParamInForce>>;
  /** Null when no bracket table is in force for the month (billing BPU then stops with a message). */
  bpuBrackets: BpuBracketSet | null;
  employerJkkClass: number;
  categories: { id: number; name: string; segment: Segment; programs: string; jkkClass: number | null; enrolled: boolean }[];
}

/** Amounts of one line or one invoice. `employer + worker = total`, each the exact sum of its parts. */
export interface Amounts {
  jkk: number;
  jkm: number;
  jhtEmployer: number;
  jhtWorker: number;
  jpEmployer: number;
  jpWorker: number;
  employer: number;
  worker: number;
  total: number;
}

/** The paying unit a row belongs to: an OPD, or a village for village-funded staff. */
export interface UnitRef {
  opdId: number;
  opdCode: string;
  opd: string;
  opdKind: 'opd' | 'village';
}

export interface InvoiceSummary extends Amounts, UnitRef {
  id: number;
  number: string | null;
  month: string;
  segment: Segment;
  kind: InvoiceKind;
  status: InvoiceStatus;
  originalId: number | null;
  originalNumber: string | null;
  dueDate: string;
  persons: number;
  issuedAt: string | null;
  /** Payments recorded against this invoice. */
  paid: number;
  /** The employer registration billed (null: the Pemda's own) and its NPP (null while none is set). */
  registrationId: number | null;
  npp: string | null;
}

export type LineChange = 'tambah' | 'berhenti' | 'perubahan';

export interface InvoiceLine extends Amounts {
  personId: number;
  nik: string;
  name: string;
  kpj: string | null;
  category: string;
  jkkClass: number | null;
  /** The wage on the roster (reported wage, or the honor when none is reported). */
  wage: number;
  /** The contribution base: the wage raised to the floor (PU) or the declared-income bracket (BPU). */
  base: number;
  /** The JP base: `base` capped by the JP wage cap (0 when the person has no JP). */
  jpBase: number;
  /** On a supplementary or credit invoice: why this person's amounts changed. */
  change: LineChange | null;
  /** The per-person exception the line was billed under ("Pengecualian: hanya JKK+JKM (SK ...)"). */
  note: string | null;
}

export interface BillRunResult {
  month: string;
  /** New draft invoices (regular, supplementary, credit) written by this run. */
  drafts: number;
  /** Drafts issued by this run (`issue: true`). */
  issued: number;
  /** Every invoice of the month after the run; their totals add up to what the month costs now. */
  invoices: InvoiceSummary[];
  total: number;
  persons: number;
}

export interface Payment {
  id: number;
  invoiceId: number;
  invoiceNumber: string;
  /** The SP2D (fund disbursement order) that paid it: number and date. */
  sp2dNumber: string;
  sp2dDate: string;
  amount: number;
  note: string | null;
  createdAt: string;
}

export const AGING_BUCKETS = ['notDue', 'd0_30', 'd31_60', 'd61_90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export const AGING_LABELS: Record<AgingBucket, string> = {
  notDue: 'Belum jatuh tempo', d0_30: '0-30 hari', d31_60: '31-60 hari', d61_90: '61-90 hari', over90: '> 90 hari',
};

/** One month and segment of one paying unit that is not fully paid. */
export interface ArrearsItem {
  month: string;
  segment: Segment;
  /** The invoices' own payment deadline for the OPD (later than the statutory date when issued late). */
  dueDate: string;
  /** The statutory due date BPJS counts late from; aging, the bucket and the fine run from it. */
  statutoryDueDate: string;
  /** Days past the OPD's own deadline (<= 0: not passed, although BPJS may already count the month late). */
  opdDaysPastDue: number;
  daysPastDue: number;
  bucket: AgingBucket;
  billed: number;
  paid: number;
  outstanding: number;
  /** Months of delay counted for the fine (any part of a month counts). */
  monthsLate: number;
  /** Estimated late fine (PU only, when the fine rule is on for that month). Always an estimate. */
  fineEstimate: number;
  invoiceNumbers: string[];
}

/**
 * One payment of a PU invoice made after its due date: the estimated fine accrued on the amount it paid,
 * from the due date to its SP2D date (payable with the next bill). Always an estimate.
 */
export interface LatePaidFine {
  month: string;
  segment: Segment;
  dueDate: string;
  /** The statutory due date the fine runs from. */
  statutoryDueDate: string;
  invoiceNumber: string;
  sp2dNumber: string;
  paidDate: string;
  /** The part of the payment the fine is computed on (the payment, capped at what was still unpaid). */
  amount: number;
  monthsLate: number;
  fineEstimate: number;
}

export interface ArrearsUnit extends UnitRef {
  buckets: Record<AgingBucket, number>;
  /** Past due only (every bucket except notDue). */
  pastDue: number;
  outstanding: number;
  /** Estimated fine on what is still outstanding. */
  fineEstimate: number;
  /** Estimated fine accrued on PU months already paid, but paid late (sum of latePaid). */
  latePaidFineEstimate: number;
  latePaid: LatePaidFine[];
  /** BPU coverage ends after more than 3 consecutive unpaid months: this unit has such a run. */
  bpuLapseRisk: boolean;
  items: ArrearsItem[];
}

export interface ArrearsReport {
  asOf: string;
  fineIsEstimate: true;
  units: ArrearsUnit[];
  totals: Record<AgingBucket, number> & { pastDue: number; outstanding: number; fineEstimate: number; latePaidFineEstimate: number };
  /** The NPP the report is limited to; null: every NPP. */
  npp?: string | null;
}

/** A signature block: role, title as printed, name and NIP (empty until filled in Pengaturan). */
export interface Official {
  role: 'Kepala' | 'PPTK' | 'Bendahara Pengeluaran';
  title: string;
  name: string | null;
  nip: string | null;
}

/** The Pemda letterhead; the logo is a data URL. */
export interface Letterhead { pemda: string; npp: string | null; address: string | null; logo: string | null }

export interface UnitHeader {
  id: number;
  code: string;
  name: string;
  kind: 'opd' | 'village';
  budgetAccount: string | null;
  address: string | null;
  officials: Official[];
}

/** Everything the invoice print layout needs. */
export interface InvoiceDocument {
  letterhead: Letterhead;
  unit: UnitHeader;
  /** The town above the signatures: frozen with the header when the invoice was issued. */
  place: string | null;
  invoice: InvoiceSummary;
  title: string;
  monthLabel: string;
  dueDateLabel: string;
  /** Totals per program with the employer / worker split, in print order. */
  programs: { program: 'JKK' | 'JKM' | 'JHT' | 'JP'; employer: number; worker: number; total: number }[];
  amountInWords: string;
  /** Rates used (from the snapshot), for the footnote. */
  rates: RatesInForce;
  lines: InvoiceLine[];
  /** The JKK classes its lines were billed at (also when the attachment is left out of `lines`). */
  jkkClasses: number[];
  /** A draft prints with a DRAF watermark and no number. */
  draft: boolean;
}

export interface RecapRow extends Amounts, UnitRef {
  segment: Segment;
  persons: number;
  invoiceNumbers: string[];
  drafts: number;
  paid: number;
}

export interface RecapDocument {
  letterhead: Letterhead;
  month: string;
  monthLabel: string;
  rows: RecapRow[];
  totals: Amounts & { persons: number; paid: number };
  amountInWords: string;
  /** True while any invoice of the month is still a draft. */
  hasDrafts: boolean;
}

export interface ReminderLetter {
  letterhead: Letterhead;
  unit: UnitHeader;
  asOf: string;
  asOfLabel: string;
  items: (ArrearsItem & { monthLabel: string })[];
  outstanding: number;
  fineEstimate: number;
  /** Fine accrued on PU months paid late (estimate), with the payments it comes from. */
  latePaid: (LatePaidFine & { monthLabel: string })[];
  latePaidFineEstimate: number;
  amountInWords: string;
  /** How firm the letter is, from the oldest item's days past due: 1 up to 60, 2 from 61 to 90, 3 over 90. */
  level: 1 | 2 | 3;
  fineIsEstimate: true;
}
