/**
 * The incident log: work accidents and deaths of staff, the deadline to report them to the branch
 * office, and the benefit the family can expect (the rules: incident-rules.ts).
 *
 * Recording a death ends the person's engagements on the date with the reason "Meninggal dunia", in
 * the same transaction: the billing run stops after that month, and the BPJS deactivation file leaves
 * the person out (deaths go through the JKM/JKK claim, not `data_tk_na`).
 */
import type { CoreContext } from '../context';
import { nowIso, todayIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { formatDateId, isIsoDate, monthOf } from '../../../shared/dates';
import { paramAt } from '../billing/rates';
import { endEngagementIn } from '../roster/person';
import { personRepo } from '../roster/person-repository';
import { coverageSettings } from './settings';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { incidentRepo, type IncidentDbRow, type IncidentFields } from './incident-repository';
import {
  addWorkingDays, benefitEstimate, deadlineStatus, DEATH_REASON, INCIDENT_KIND_LABELS, INCIDENT_KINDS,
  type BenefitEstimate, type DeadlineStatus, type IncidentKind,
} from './incident-rules';

export * from './incident-rules';

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

/**
 * Months with contributions: issued billing months of the person, or months since BPJS membership began.
 * `known` is false when neither source says anything (no issued invoice, no membership date): for a
 * person with a KPJ the months are then unknown rather than zero.
 */
async function contributionMonths(q: Queries, personId: number, date: string): Promise<{ months: number; known: boolean }> {
  const billed = await incidentRepo.billedMonths(q, personId, monthOf(date));
  const since = await incidentRepo.memberSince(q, personId);
  let fromMembership = 0;
  const hasSince = Boolean(since && isIsoDate(since));
  if (since && isIsoDate(since) && since <= date) {
    const [y1, m1] = since.split('-').map(Number) as [number, number];
    const [y2, m2] = date.split('-').map(Number) as [number, number];
    fromMembership = (y2 - y1) * 12 + (m2 - m1) + 1;
  }
  return { months: Math.max(billed, fromMembership), known: billed > 0 || hasSince };
}

type DbRow = IncidentDbRow;

async function toRow(q: Queries, r: DbRow, days: number, today: string): Promise<IncidentRow> {
  const deadline = addWorkingDays(r.date, days);
  const { programs, ...rest } = r;
  return {
    ...rest,
    kindLabel: INCIDENT_KIND_LABELS[r.kind],
    deadline,
    status: deadlineStatus(deadline, r.reportedDate, today),
    benefit: await benefitFor(q, r.kind, r.reportedWage, r.personId, r.date, r.kpj, programs),
  };
}

async function benefitFor(q: Queries, kind: IncidentKind, wage: number, personId: number, date: string, kpj: string | null, programs: string | null): Promise<BenefitEstimate> {
  const c = await contributionMonths(q, personId, date);
  return benefitEstimate(kind, wage, c.months, { hasKpj: kpj !== null, programs, monthsKnown: c.known || kpj === null });
}

export interface IncidentFilter { year?: number | undefined; status?: DeadlineStatus | 'open' | undefined }

export async function listIncidents(ctx: CoreContext, f: IncidentFilter = {}): Promise<IncidentRow[]> {
  // One snapshot: each row's benefit reads the invoices and membership as they stood with the list.
  const rows = await storeOf(ctx).tx('read', async (q) => {
    const { incidentDeadlineDays } = await coverageSettings(ctx);
    const today = await todayIso(ctx);
    const out: IncidentRow[] = [];
    for (const r of await incidentRepo.list(q, f.year)) out.push(await toRow(q, r, incidentDeadlineDays, today));
    return out;
  });
  if (f.status === 'open') return rows.filter((r) => r.status === 'due' || r.status === 'overdue');
  return f.status ? rows.filter((r) => r.status === f.status) : rows;
}

export async function getIncident(ctx: CoreContext, id: number): Promise<IncidentRow> {
  return storeOf(ctx).tx('read', async (q) => {
    const r = await incidentRepo.byId(q, id);
    if (!r) throw new SigapError('NOT_FOUND', 'Kejadian tidak ditemukan.');
    return toRow(q, r, (await coverageSettings(ctx)).incidentDeadlineDays, await todayIso(ctx));
  });
}

/** Why a person has no engagement on the date (none in force: the claim needs one), in words a clerk can act on. */
async function notEngagedMessage(q: Queries, person: { id: number; name: string }, date: string): Promise<string> {
  const last = await incidentRepo.lastEngagementBy(q, person.id, date);
  if (!last || last.end === null) return `${person.name} belum bertugas pada ${formatDateId(date)}; kejadian tidak disimpan.`;
  return `${person.name} tidak lagi tercatat pada SK pada ${formatDateId(date)}: penugasan terakhirnya berakhir ${formatDateId(last.end)}` +
    `${last.reason ? ` (${last.reason})` : ''}. Klaim JKK/JKM memerlukan kepesertaan yang masih aktif pada tanggal kejadian; periksa tanggalnya. Kejadian tidak disimpan.`;
}

const clean = (s: string | null | undefined): string | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
};

/** Ends every engagement of the person still running on the date: a death. */
async function endForDeath(ctx: CoreContext, q: Queries, personId: number, date: string): Promise<number> {
  if ((await incidentRepo.engagementsStartingAfter(q, personId, date)) > 0) {
    throw new SigapError('CONFLICT', `Pegawai ini memiliki penugasan yang mulai setelah ${formatDateId(date)}. Periksa SK-nya dahulu; kejadian tidak disimpan.`);
  }
  const open = await incidentRepo.runningAfter(q, personId, date);
  for (const id of open) await endEngagementIn(ctx, q, id, date, DEATH_REASON);
  return open.length;
}

const isDeath = (k: IncidentKind) => k === 'death' || k === 'work_death';

/** Records or edits an incident. A death ends the person's engagements on its date. */
export async function saveIncident(ctx: CoreContext, input: IncidentInput): Promise<{ id: number; endedEngagements: number }> {
  if (!INCIDENT_KINDS.includes(input.kind)) throw new SigapError('INVALID_INPUT', 'Jenis kejadian tidak dikenal.');
  if (!isIsoDate(input.date)) throw new SigapError('INVALID_INPUT', 'Tanggal kejadian tidak sah; tulis YYYY-MM-DD.');
  const reported = input.reportedDate ?? null;
  if (reported !== null) {
    if (!isIsoDate(reported)) throw new SigapError('INVALID_INPUT', 'Tanggal lapor ke BPJS tidak sah; tulis YYYY-MM-DD.');
    if (reported < input.date) throw new SigapError('INVALID_INPUT', 'Tanggal lapor ke BPJS tidak boleh sebelum tanggal kejadian.');
  }
  const now = nowIso(ctx);
  // Every check that reads the store runs inside the write: the death, the engagement and the wage still hold when written
  // (and on SQLite a read before it would queue behind another clerk's open write instead of asking for the write lock).
  return storeOf(ctx).tx('write', async (q) => {
    const today = await todayIso(ctx);
    if (input.date > today) throw new SigapError('INVALID_INPUT', 'Tanggal kejadian tidak boleh setelah hari ini.');
    if (reported !== null && reported > today) throw new SigapError('INVALID_INPUT', 'Tanggal lapor ke BPJS tidak boleh setelah hari ini.');
    // One writer per person's incidents: two clerks recording a death at once would both read "no death yet".
    await personRepo.lockPersonRecords(q, input.personId);
    const person = await incidentRepo.person(q, input.personId);
    if (!person) throw new SigapError('NOT_FOUND', 'Pegawai tidak ditemukan.');
    const died = await incidentRepo.recordedDeath(q, person.id, input.id ?? null);
    if (died && isDeath(input.kind)) {
      throw new SigapError('CONFLICT', `${person.name} sudah tercatat meninggal dunia pada ${formatDateId(died.date)} (kejadian #${died.id}). Kematian tidak dapat dicatat dua kali; perbaiki kejadian #${died.id} bila keliru.`);
    }
    if (died && input.date > died.date) {
      throw new SigapError('CONFLICT', `${person.name} tercatat meninggal dunia pada ${formatDateId(died.date)} (kejadian #${died.id}); kejadian sesudah tanggal itu tidak dapat dicatat.`);
    }
    const eng = await incidentRepo.engagementOn(q, person.id, input.date);
    if (!eng) throw new SigapError('INVALID_INPUT', await notEngagedMessage(q, person, input.date));
    const floor = (await paramAt(ctx, 'pu.wage_floor', monthOf(input.date)))?.value ?? 0;
    const wage = Math.max(eng.wage, floor);
    let ended = 0;
    let id: number;
    const fields: IncidentFields = {
      person_id: person.id, engagement_id: eng.id, kind: input.kind, date: input.date, place: clean(input.place),
      description: clean(input.description), reported_date: reported, reported_wage: wage, now,
    };
    if (input.id !== undefined) {
      const before = await incidentRepo.raw(q, input.id);
      if (!before) throw new SigapError('NOT_FOUND', 'Kejadian tidak ditemukan.');
      if (before.person_id !== person.id) throw new SigapError('INVALID_INPUT', 'Pegawai pada kejadian yang sudah dicatat tidak dapat diganti; catat kejadian baru.');
      if (isDeath(before.kind) && (!isDeath(input.kind) || before.date !== input.date)) {
        throw new SigapError('CONFLICT', 'Tanggal dan jenis kematian yang sudah dicatat tidak dapat diubah karena penugasan pegawai sudah diakhiri. Perbaiki lewat halaman pegawai.');
      }
      await incidentRepo.update(q, input.id, fields);
      id = input.id;
      if (isDeath(input.kind) && !isDeath(before.kind)) ended = await endForDeath(ctx, q, person.id, input.date);
      await audit(ctx, { action: 'update', entity: 'incident', entityId: id, summary: `${person.nik}: ${INCIDENT_KIND_LABELS[input.kind]} ${input.date}`, before, after: fields });
    } else {
      id = await incidentRepo.insert(q, fields, ctx.actor);
      if (isDeath(input.kind)) ended = await endForDeath(ctx, q, person.id, input.date);
      await audit(ctx, { action: 'create', entity: 'incident', entityId: id, summary: `${person.nik} ${person.name}: ${INCIDENT_KIND_LABELS[input.kind]} ${input.date}`, after: fields });
    }
    return { id, endedEngagements: ended };
  });
}

/** Marks an incident as reported to the branch office on a date. */
export async function markReported(ctx: CoreContext, id: number, reportedDate: string): Promise<void> {
  await storeOf(ctx).tx('write', async (q) => {
    const cur = await incidentRepo.editable(q, id);
    if (!cur) throw new SigapError('NOT_FOUND', 'Kejadian tidak ditemukan.');
    await saveIncident(ctx, { ...cur, id, reportedDate });
  });
}
