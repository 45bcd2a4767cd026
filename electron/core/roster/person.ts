import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { parseNik, nikBirthDate } from '../../../shared/nik';
import { formatDateId, isIsoDate } from '../../../shared/dates';
import { checkPersonName } from '../../../shared/person-name';
import { CONTACT_COLUMNS, CONTACT_FIELDS, CONTACT_PARSERS, type ContactField } from '../../../shared/person-contact';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { personRepo, type PersonRow } from './person-repository';
import { unitRepo } from './unit-repository';
import { categoryRepo } from './category-repository';

export interface PersonInput {
  nik: string;
  name: string;
  birthPlace?: string | null | undefined;
  birthDate?: string | null | undefined;
  sex?: 'L' | 'P' | null | undefined;
  address?: string | null | undefined;
  phone?: string | null | undefined;
  motherName?: string | null | undefined;
  kpj?: string | null | undefined;
  /** Migration 0120's fields; left out (undefined) keeps what is stored, null or '' clears. */
  postalCode?: string | null | undefined;
  email?: string | null | undefined;
  maritalStatus?: string | null | undefined;
  workLocation?: string | null | undefined;
}

export interface EngagementInput {
  opdId: number;
  categoryId: number;
  position?: string | null | undefined;
  honor: number;
  startDate: string;
  endDate?: string | null | undefined;
}

/** One contact field (shared/person-contact.ts) as stored, or a SigapError with the field's message. */
function contactValue(field: ContactField, value: string | null | undefined, kept: string | null): string | null {
  if (value === undefined) return kept;
  const parsed = CONTACT_PARSERS[field](value ?? '');
  if (!parsed.ok) throw new SigapError('INVALID_INPUT', parsed.message); // the message names the field
  return parsed.value;
}

const blank = (s: string | null | undefined): string | null => {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
};

/**
 * The same rules the importer applies to a row, for a person typed in by hand. `kept` holds the stored
 * contact fields of a person being edited: a contact field the input leaves out keeps its value.
 */
export async function validatePerson(ctx: CoreContext, q: Queries, p: PersonInput, selfId?: number, kept?: Partial<PersonRow>): Promise<PersonRow> {
  const nik = parseNik(p.nik);
  if (!nik.ok) throw new SigapError('INVALID_INPUT', nik.message);
  // The importer's name rule (shared/person-name.ts): no formulas, invisible characters or look-alikes.
  const checked = checkPersonName(p.name);
  if (!checked.ok) throw new SigapError('INVALID_INPUT', checked.message);
  const name = checked.name;
  const birthDate = blank(p.birthDate);
  if (birthDate !== null && !isIsoDate(birthDate)) throw new SigapError('INVALID_INPUT', `Tanggal lahir "${birthDate}" tidak sah.`);
  const kpj = blank(p.kpj)?.replace(/\D/g, '') ?? null;
  if (kpj !== null && (kpj.length < 8 || kpj.length > 13)) throw new SigapError('INVALID_INPUT', 'Nomor KPJ harus 8 sampai 13 angka.');
  const dup = await personRepo.byNik(q, nik.info.nik);
  if (dup && dup.id !== selfId) throw new SigapError('CONFLICT', `NIK ${nik.info.nik} sudah terdaftar atas nama ${dup.name}.`);
  return {
    nik: nik.info.nik, name, birth_place: blank(p.birthPlace), birth_date: birthDate ?? nikBirthDate(nik.info, ctx.clock().getUTCFullYear()),
    sex: p.sex ?? nik.info.sex, address: blank(p.address), phone: blank(p.phone), mother_name: blank(p.motherName), kpj,
    ...contactColumns(p, kept),
  };
}

type ContactColumns = Pick<PersonRow, (typeof CONTACT_COLUMNS)[ContactField]>;

function contactColumns(p: PersonInput, kept: Partial<PersonRow> = {}): ContactColumns {
  const out = {} as ContactColumns;
  for (const f of CONTACT_FIELDS) out[CONTACT_COLUMNS[f]] = contactValue(f, p[f], kept[CONTACT_COLUMNS[f]] ?? null);
  return out;
}

/** Warnings the importer would give: birth date or sex that disagree with the NIK. */
export function nikWarnings(p: { nik: string; birth_date: string | null; sex: 'L' | 'P' | null }, referenceYear: number): string[] {
  const r = parseNik(p.nik);
  if (!r.ok) return [r.message];
  const out: string[] = [];
  const fromNik = nikBirthDate(r.info, referenceYear);
  if (p.birth_date && p.birth_date.slice(5) !== fromNik.slice(5)) {
    out.push(`Tanggal lahir ${formatDateId(p.birth_date)} berbeda dengan tanggal dalam NIK (${formatDateId(fromNik).replace(/\s\d{4}$/, '')}).`);
  }
  if (p.sex && p.sex !== r.info.sex) out.push(`Jenis kelamin ${p.sex} berbeda dengan NIK (${r.info.sex}).`);
  return out;
}

async function checkEngagement(q: Queries, e: EngagementInput, personId: number | null): Promise<void> {
  if (!isIsoDate(e.startDate)) throw new SigapError('INVALID_INPUT', 'Tanggal mulai tidak sah.');
  if (e.endDate && (!isIsoDate(e.endDate) || e.endDate < e.startDate)) throw new SigapError('INVALID_INPUT', 'Tanggal akhir harus sesudah tanggal mulai.');
  if (!(await unitRepo.byId(q, e.opdId))) throw new SigapError('NOT_FOUND', 'OPD tidak ditemukan.');
  const cat = await categoryRepo.segmentOf(q, e.categoryId);
  if (!cat) throw new SigapError('NOT_FOUND', 'Kategori tidak ditemukan.');
  if (cat.segment === 'PU' && e.honor <= 0) throw new SigapError('INVALID_INPUT', 'Honor wajib diisi untuk pegawai penerima upah (PU).');
  if (personId !== null) {
    const overlap = await personRepo.overlapping(q, personId, e.startDate, e.endDate ?? '9999-12-31');
    if (overlap) throw new SigapError('CONFLICT', `Orang ini masih aktif di ${overlap.name} sejak ${formatDateId(overlap.start_date)}. Akhiri keterlibatan itu dahulu.`);
  }
}

export async function createPerson(ctx: CoreContext, p: PersonInput, e: EngagementInput): Promise<{ personId: number; engagementId: number }> {
  return storeOf(ctx).tx('write', async (q) => {
    const row = await validatePerson(ctx, q, p);
    await checkEngagement(q, e, null);
    const personId = await personRepo.insert(q, row, nowIso(ctx));
    await audit(ctx, { action: 'create', entity: 'person', entityId: personId, summary: `${row.nik} ${row.name} (input manual)`, after: row });
    const engagementId = await personRepo.insertEngagement(q, {
      personId, opdId: e.opdId, categoryId: e.categoryId, position: blank(e.position), honor: e.honor, startDate: e.startDate, endDate: e.endDate ?? null,
    });
    await audit(ctx, { action: 'create', entity: 'engagement', entityId: engagementId, summary: `${row.nik}: keterlibatan (input manual)`, after: e });
    return { personId, engagementId };
  });
}

export async function updatePerson(ctx: CoreContext, personId: number, p: PersonInput): Promise<void> {
  await storeOf(ctx).tx('write', async (q) => {
    const before = await personRepo.row(q, personId);
    if (!before) throw new SigapError('NOT_FOUND', 'Pegawai tidak ditemukan.');
    const after = await validatePerson(ctx, q, p, personId, before);
    const changed = (Object.keys(after) as (keyof PersonRow)[]).filter((k) => after[k] !== before[k]);
    if (changed.length === 0) return;
    await personRepo.update(q, personId, Object.fromEntries(changed.map((k) => [k, after[k]])), nowIso(ctx));
    await audit(ctx, {
      action: 'update', entity: 'person', entityId: personId, summary: `${after.nik} diubah: ${changed.join(', ')}`,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
  });
}

export async function endEngagement(ctx: CoreContext, engagementId: number, endDate: string, reason: string): Promise<void> {
  await storeOf(ctx).tx('write', (q) => endEngagementIn(ctx, q, engagementId, endDate, reason));
}

/** endEngagement inside the caller's write transaction (a death ends the person's engagements in its own). */
export async function endEngagementIn(ctx: CoreContext, q: Queries, engagementId: number, endDate: string, reason: string): Promise<void> {
  const e = await personRepo.engagementToEnd(q, engagementId);
  if (!e) throw new SigapError('NOT_FOUND', 'Keterlibatan tidak ditemukan.');
  if (!isIsoDate(endDate)) throw new SigapError('INVALID_INPUT', 'Tanggal berakhir tidak sah.');
  if (endDate < e.start_date) throw new SigapError('INVALID_INPUT', `Tanggal berakhir tidak boleh sebelum tanggal mulai (${formatDateId(e.start_date)}).`);
  if (e.end_date !== null && endDate > e.end_date) throw new SigapError('INVALID_INPUT', `Keterlibatan ini sudah berakhir ${formatDateId(e.end_date)}.`);
  // Written only if the end is still the one checked above: on PostgreSQL a death or an SK apply may have set another meanwhile.
  if (!(await personRepo.endEngagement(q, engagementId, endDate, reason.trim(), e.end_date))) {
    throw new SigapError('CONFLICT', `Tanggal berakhir keterlibatan ini baru saja diubah oleh pengguna lain (pencatatan kematian, penerapan SK, atau pengakhiran lain). Muat ulang dan periksa lagi; tidak ada yang diubah.`);
  }
  await audit(ctx, { action: 'end', entity: 'engagement', entityId: engagementId, summary: `${e.nik}: ${reason.trim()}`, before: { end_date: e.end_date }, after: { end_date: endDate, end_reason: reason.trim() } });
}

/** The person with this NIK, as a clerk types it (spaces around it ignored): their id, or a refusal naming it. */
export async function personIdByNik(ctx: CoreContext, nik: string): Promise<number> {
  const p = await personRepo.byNik(storeOf(ctx), nik.trim());
  if (p === undefined) throw new SigapError('NOT_FOUND', `Tidak ada pegawai dengan NIK ${nik.trim()}.`);
  return p.id;
}
