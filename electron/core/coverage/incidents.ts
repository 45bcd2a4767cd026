/**
 * The incident log: work accidents and deaths of staff, the deadline to report them to the branch
 * office, and the benefit the family can expect (domain.md section 6).
 *
 * The deadline is a number of working days after the incident (a setting, default 2; Saturdays and
 * Sundays are skipped, national holidays are not known to the app). Recording a death ends the
 * person's engagements on the date with the reason "Meninggal dunia", in the same transaction: the
 * billing run stops after that month, and the BPJS deactivation file leaves the person out (deaths go
 * through the JKM/JKK claim, not `data_tk_na`).
 */
import type { CoreContext } from '../context';
import { nowIso, todayIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { formatDateId, isIsoDate, monthOf } from '../../../shared/dates';
import { paramAt } from '../billing/rates';
import { endEngagement } from '../roster/person';
import { coverageSettings } from './settings';

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

export interface IncidentRow {
  id: number;
  personId: number;
  nik: string;
  name: string;
  kpj: string | null;
  opdId: number | null;
  opd: string | null;
  kind: IncidentKind;
  kindLabel: string;
  date: string;
  place: string | null;
  description: string | null;
  reportedDate: string | null;
  reportedWage: number;
  deadline: string;
  status: DeadlineStatus;
  benefit: BenefitEstimate;
  createdAt: string;
  createdBy: string;
}

export interface IncidentInput {
  id?: number | undefined;
  personId: number;
  kind: IncidentKind;
  date: string;
  place?: string | null | undefined;
  description?: string | null | undefined;
  reportedDate?: string | null | undefined;
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

/**
 * Months with contributions: issued billing months of the person, or months since BPJS membership began.
 * `known` is false when neither source says anything (no issued invoice, no membership date): for a
 * person with a KPJ the months are then unknown rather than zero.
 */
function contributionMonths(ctx: CoreContext, personId: number, date: string): { months: number; known: boolean } {
  const billed = (ctx.db
    .prepare(
      `SELECT count(DISTINCT i.month) AS n FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
       WHERE l.person_id = ? AND i.status = 'issued' AND i.kind <> 'credit' AND i.month <= ? AND l.total > 0`,
    )
    .get(personId, monthOf(date)) as { n: number }).n;
  const since = (ctx.db.prepare('SELECT member_since AS s FROM bpjs_membership WHERE person_id = ?').get(personId) as { s: string | null } | undefined)?.s;
  let fromMembership = 0;
  const hasSince = Boolean(since && isIsoDate(since));
  if (since && isIsoDate(since) && since <= date) {
    const [y1, m1] = since.split('-').map(Number) as [number, number];
    const [y2, m2] = date.split('-').map(Number) as [number, number];
    fromMembership = (y2 - y1) * 12 + (m2 - m1) + 1;
  }
  return { months: Math.max(billed, fromMembership), known: billed > 0 || hasSince };
}

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

const ROW_SQL = `
  SELECT i.id, i.person_id AS personId, p.nik, p.name, p.kpj, o.id AS opdId, o.name AS opd, c.programs,
         i.kind, i.date, i.place, i.description, i.reported_date AS reportedDate, i.reported_wage AS reportedWage,
         i.created_at AS createdAt, i.created_by AS createdBy
  FROM incident i JOIN person p ON p.id = i.person_id
  LEFT JOIN engagement e ON e.id = i.engagement_id LEFT JOIN opd o ON o.id = e.opd_id LEFT JOIN category c ON c.id = e.category_id`;

type DbRow = Omit<IncidentRow, 'kindLabel' | 'deadline' | 'status' | 'benefit'> & { programs: string | null };

function toRow(ctx: CoreContext, r: DbRow, days: number, today: string): IncidentRow {
  const deadline = addWorkingDays(r.date, days);
  const { programs, ...rest } = r;
  return {
    ...rest,
    kindLabel: INCIDENT_KIND_LABELS[r.kind],
    deadline,
    status: deadlineStatus(deadline, r.reportedDate, today),
    benefit: benefitFor(ctx, r.kind, r.reportedWage, r.personId, r.date, r.kpj, programs),
  };
}

function benefitFor(ctx: CoreContext, kind: IncidentKind, wage: number, personId: number, date: string, kpj: string | null, programs: string | null): BenefitEstimate {
  const c = contributionMonths(ctx, personId, date);
  return benefitEstimate(kind, wage, c.months, { hasKpj: kpj !== null, programs, monthsKnown: c.known || kpj === null });
}

export interface IncidentFilter { year?: number | undefined; status?: DeadlineStatus | 'open' | undefined }

export function listIncidents(ctx: CoreContext, f: IncidentFilter = {}): IncidentRow[] {
  const { incidentDeadlineDays } = coverageSettings(ctx);
  const today = todayIso(ctx);
  const where = f.year ? 'WHERE substr(i.date, 1, 4) = @year' : '';
  const rows = (ctx.db.prepare(`${ROW_SQL} ${where} ORDER BY i.date DESC, i.id DESC`).all(f.year ? { year: String(f.year) } : {}) as DbRow[])
    .map((r) => toRow(ctx, r, incidentDeadlineDays, today));
  if (f.status === 'open') return rows.filter((r) => r.status === 'due' || r.status === 'overdue');
  return f.status ? rows.filter((r) => r.status === f.status) : rows;
}

export function getIncident(ctx: CoreContext, id: number): IncidentRow {
  const r = ctx.db.prepare(`${ROW_SQL} WHERE i.id = ?`).get(id) as DbRow | undefined;
  if (!r) throw new SigapError('NOT_FOUND', 'Kejadian tidak ditemukan.');
  return toRow(ctx, r, coverageSettings(ctx).incidentDeadlineDays, todayIso(ctx));
}

/**
 * The engagement in force on the date (started by it and not ended before it), for the unit and the
 * wage. A JKK/JKM claim needs membership through an engagement on the day, so none means no incident.
 */
function engagementOn(ctx: CoreContext, personId: number, date: string) {
  return ctx.db
    .prepare(
      `SELECT id, CASE WHEN reported_wage > 0 THEN reported_wage ELSE honor END AS wage, start_date AS start, end_date AS end
       FROM engagement WHERE person_id = ? AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)
       ORDER BY start_date DESC, id DESC LIMIT 1`,
    )
    .get(personId, date, date) as { id: number; wage: number; start: string; end: string | null } | undefined;
}

/** Why a person has no engagement on the date, in words a clerk can act on. */
function notEngagedMessage(ctx: CoreContext, person: { id: number; name: string }, date: string): string {
  const last = ctx.db
    .prepare('SELECT end_date AS end, end_reason AS reason FROM engagement WHERE person_id = ? AND start_date <= ? ORDER BY start_date DESC, id DESC LIMIT 1')
    .get(person.id, date) as { end: string | null; reason: string | null } | undefined;
  if (!last || last.end === null) return `${person.name} belum bertugas pada ${formatDateId(date)}; kejadian tidak disimpan.`;
  return `${person.name} tidak lagi tercatat pada SK pada ${formatDateId(date)}: penugasan terakhirnya berakhir ${formatDateId(last.end)}` +
    `${last.reason ? ` (${last.reason})` : ''}. Klaim JKK/JKM memerlukan kepesertaan yang masih aktif pada tanggal kejadian; periksa tanggalnya. Kejadian tidak disimpan.`;
}

/** The person's recorded death (an incident of a death kind), leaving out the incident being edited. */
function recordedDeath(ctx: CoreContext, personId: number, exceptId: number | undefined): { id: number; date: string } | undefined {
  return ctx.db
    .prepare("SELECT id, date FROM incident WHERE person_id = ? AND kind IN ('death', 'work_death') AND id IS NOT ? ORDER BY date, id LIMIT 1")
    .get(personId, exceptId ?? null) as { id: number; date: string } | undefined;
}

const clean = (s: string | null | undefined): string | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
};

/** Ends every engagement of the person still running on the date: a death. */
function endForDeath(ctx: CoreContext, personId: number, date: string): number {
  const later = ctx.db.prepare('SELECT count(*) AS n FROM engagement WHERE person_id = ? AND start_date > ?').get(personId, date) as { n: number };
  if (later.n > 0) {
    throw new SigapError('CONFLICT', `Pegawai ini memiliki penugasan yang mulai setelah ${formatDateId(date)}. Periksa SK-nya dahulu; kejadian tidak disimpan.`);
  }
  const open = ctx.db.prepare('SELECT id FROM engagement WHERE person_id = ? AND start_date <= ? AND (end_date IS NULL OR end_date > ?)').all(personId, date, date) as { id: number }[];
  for (const e of open) endEngagement(ctx, e.id, date, DEATH_REASON);
  return open.length;
}

const isDeath = (k: IncidentKind) => k === 'death' || k === 'work_death';

/** Records or edits an incident. A death ends the person's engagements on its date. */
export function saveIncident(ctx: CoreContext, input: IncidentInput): { id: number; endedEngagements: number } {
  if (!INCIDENT_KINDS.includes(input.kind)) throw new SigapError('INVALID_INPUT', 'Jenis kejadian tidak dikenal.');
  if (!isIsoDate(input.date)) throw new SigapError('INVALID_INPUT', 'Tanggal kejadian tidak sah; tulis YYYY-MM-DD.');
  const today = todayIso(ctx);
  if (input.date > today) throw new SigapError('INVALID_INPUT', 'Tanggal kejadian tidak boleh setelah hari ini.');
  const reported = input.reportedDate ?? null;
  if (reported !== null) {
    if (!isIsoDate(reported)) throw new SigapError('INVALID_INPUT', 'Tanggal lapor ke BPJS tidak sah; tulis YYYY-MM-DD.');
    if (reported < input.date) throw new SigapError('INVALID_INPUT', 'Tanggal lapor ke BPJS tidak boleh sebelum tanggal kejadian.');
    if (reported > today) throw new SigapError('INVALID_INPUT', 'Tanggal lapor ke BPJS tidak boleh setelah hari ini.');
  }
  const person = ctx.db.prepare('SELECT id, nik, name FROM person WHERE id = ?').get(input.personId) as { id: number; nik: string; name: string } | undefined;
  if (!person) throw new SigapError('NOT_FOUND', 'Pegawai tidak ditemukan.');
  const died = recordedDeath(ctx, person.id, input.id);
  if (died && isDeath(input.kind)) {
    throw new SigapError('CONFLICT', `${person.name} sudah tercatat meninggal dunia pada ${formatDateId(died.date)} (kejadian #${died.id}). Kematian tidak dapat dicatat dua kali; perbaiki kejadian #${died.id} bila keliru.`);
  }
  if (died && input.date > died.date) {
    throw new SigapError('CONFLICT', `${person.name} tercatat meninggal dunia pada ${formatDateId(died.date)} (kejadian #${died.id}); kejadian sesudah tanggal itu tidak dapat dicatat.`);
  }
  const eng = engagementOn(ctx, person.id, input.date);
  if (!eng) throw new SigapError('INVALID_INPUT', notEngagedMessage(ctx, person, input.date));
  const floor = paramAt(ctx, 'pu.wage_floor', monthOf(input.date))?.value ?? 0;
  const wage = Math.max(eng.wage, floor);
  const now = nowIso(ctx);
  return ctx.db.transaction(() => {
    let ended = 0;
    let id: number;
    const fields = {
      person_id: person.id, engagement_id: eng.id, kind: input.kind, date: input.date, place: clean(input.place),
      description: clean(input.description), reported_date: reported, reported_wage: wage, now,
    };
    if (input.id !== undefined) {
      const before = ctx.db.prepare('SELECT * FROM incident WHERE id = ?').get(input.id) as Record<string, unknown> & { person_id: number; kind: IncidentKind; date: string } | undefined;
      if (!before) throw new SigapError('NOT_FOUND', 'Kejadian tidak ditemukan.');
      if (before.person_id !== person.id) throw new SigapError('INVALID_INPUT', 'Pegawai pada kejadian yang sudah dicatat tidak dapat diganti; catat kejadian baru.');
      if (isDeath(before.kind) && (!isDeath(input.kind) || before.date !== input.date)) {
        throw new SigapError('CONFLICT', 'Tanggal dan jenis kematian yang sudah dicatat tidak dapat diubah karena penugasan pegawai sudah diakhiri. Perbaiki lewat halaman pegawai.');
      }
      ctx.db.prepare(
        `UPDATE incident SET engagement_id = @engagement_id, kind = @kind, date = @date, place = @place, description = @description,
           reported_date = @reported_date, reported_wage = @reported_wage, updated_at = @now WHERE id = @id`,
      ).run({ ...fields, id: input.id });
      id = input.id;
      if (isDeath(input.kind) && !isDeath(before.kind)) ended = endForDeath(ctx, person.id, input.date);
      audit(ctx, { action: 'update', entity: 'incident', entityId: id, summary: `${person.nik}: ${INCIDENT_KIND_LABELS[input.kind]} ${input.date}`, before, after: fields });
    } else {
      id = Number(ctx.db.prepare(
        `INSERT INTO incident (person_id, engagement_id, kind, date, place, description, reported_date, reported_wage, created_at, created_by, updated_at)
         VALUES (@person_id, @engagement_id, @kind, @date, @place, @description, @reported_date, @reported_wage, @now, @actor, @now)`,
      ).run({ ...fields, actor: ctx.actor }).lastInsertRowid);
      if (isDeath(input.kind)) ended = endForDeath(ctx, person.id, input.date);
      audit(ctx, { action: 'create', entity: 'incident', entityId: id, summary: `${person.nik} ${person.name}: ${INCIDENT_KIND_LABELS[input.kind]} ${input.date}`, after: fields });
    }
    return { id, endedEngagements: ended };
  })();
}

/** Marks an incident as reported to the branch office on a date. */
export function markReported(ctx: CoreContext, id: number, reportedDate: string): void {
  const cur = ctx.db.prepare('SELECT person_id AS personId, kind, date, place, description FROM incident WHERE id = ?').get(id) as
    { personId: number; kind: IncidentKind; date: string; place: string | null; description: string | null } | undefined;
  if (!cur) throw new SigapError('NOT_FOUND', 'Kejadian tidak ditemukan.');
  saveIncident(ctx, { ...cur, id, reportedDate });
}
