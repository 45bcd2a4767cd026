import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { SigapError } from '../../../shared/errors';
import { nikWarnings } from './person';
import { getIncident, type IncidentRow } from '../coverage/incidents';
import type { PersonDetailDto } from '../../../shared/contract/index';
import { privateForms, scrubFreeText } from '../private-text';

const MASKED_NIK_WARNING = 'Data NIK, tanggal lahir atau jenis kelamin pegawai ini perlu diperiksa oleh bagian Kepegawaian.';
const PRIVATE_FIELDS = ['address', 'phone', 'motherName', 'mother_name', 'birthDate', 'birth_date', 'postalCode', 'postal_code', 'email'];

/** This person's private values, now and in the snapshots of the trail, in every form text may quote them. */
function privateValues(p: PersonDetailDto['person'], trail: { before: unknown; after: unknown }[]): string[] {
  const values: unknown[] = [];
  for (const o of [p, ...trail.flatMap((a) => [a.before, a.after])]) {
    if (o && typeof o === 'object') for (const k of PRIVATE_FIELDS) values.push((o as Record<string, unknown>)[k]);
  }
  return privateForms(values.filter((v): v is string => typeof v === 'string'));
}

/** A person's page: identity, current engagement, every engagement with its decree, incidents, and the audit trail. */
export function personDetail(ctx: CoreContext, personId: number): PersonDetailDto {
  const p = ctx.db
    .prepare(
      `SELECT id, nik, name, birth_place AS birthPlace, birth_date AS birthDate, sex, address, phone, mother_name AS motherName, kpj,
              postal_code AS postalCode, email, marital_status AS maritalStatus, work_location AS workLocation,
              created_at AS createdAt, updated_at AS updatedAt FROM person WHERE id = ?`,
    )
    .get(personId) as PersonDetailDto['person'] | undefined;
  if (!p) throw new SigapError('NOT_FOUND', 'Pegawai tidak ditemukan.');
  const engagements = ctx.db
    .prepare(
      `SELECT e.id, o.name AS opd, o.id AS opdId, c.name AS category, e.position, e.honor, e.reported_wage AS reportedWage,
              e.start_date AS startDate, e.end_date AS endDate, e.end_reason AS endReason, d.number AS decreeNumber, d.date AS decreeDate,
              e.source_sheet AS sourceSheet, e.source_row AS sourceRow
       FROM engagement e JOIN opd o ON o.id = e.opd_id JOIN category c ON c.id = e.category_id LEFT JOIN decree d ON d.id = e.decree_id
       WHERE e.person_id = ? ORDER BY e.start_date DESC, e.id DESC`,
    )
    .all(personId) as PersonDetailDto['engagements'];
  const today = todayIso(ctx);
  const current = engagements.find((e) => e.startDate <= today && (e.endDate === null || e.endDate >= today)) ?? null;
  const engIds = engagements.map((e) => e.id);
  const audit = ctx.db
    .prepare(
      `SELECT id, at, actor, action, entity, entity_id AS entityId, summary, before_json, after_json FROM audit_log
       WHERE (entity = 'person' AND entity_id = ?) OR (entity = 'engagement' AND entity_id IN (SELECT value FROM json_each(?)))
       ORDER BY id DESC LIMIT 200`,
    )
    .all(personId, JSON.stringify(engIds)) as (Omit<PersonDetailDto['audit'][number], 'before' | 'after'> & { before_json: string | null; after_json: string | null })[];
  const incidents = personIncidents(ctx, personId);
  // The earliest death-kind incident, as the incident log itself decides who is recorded as deceased.
  const died = incidents.filter((i) => i.kind === 'death' || i.kind === 'work_death').sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1))[0];
  const warnings = nikWarnings({ nik: p.nik, birth_date: p.birthDate, sex: p.sex }, Number(today.slice(0, 4)));
  const trail = audit.map(({ before_json, after_json, ...a }) => ({ ...a, before: before_json ? JSON.parse(before_json) : null, after: after_json ? JSON.parse(after_json) : null }));
  const masked = ctx.seesIdentity === false;
  // The bridge masks fields and numbers for roles that may not see identity (shared/mask.ts); free text
  // (a reason to end typed by a clerk, an incident's description) may still quote this person's private
  // values, current or earlier: those are replaced here.
  const forms = masked ? privateValues(p, trail) : [];
  const scrub = <T,>(v: T): T => (masked ? scrubFreeText(v, forms) : v);
  return {
    person: p,
    current: scrub(current),
    engagements: scrub(engagements),
    audit: scrub(trail),
    nikWarnings: masked ? (warnings.length > 0 ? [MASKED_NIK_WARNING] : []) : warnings,
    incidents: scrub(incidents),
    death: died ? { incidentId: died.id, date: died.date, kind: died.kind, kindLabel: died.kindLabel } : null,
  };
}

/**
 * The person's incidents, newest first, each built by the incident log itself (deadline, status and
 * benefit estimate), so the person page and the /kejadian screen never disagree.
 */
export function personIncidents(ctx: CoreContext, personId: number): IncidentRow[] {
  const ids = ctx.db.prepare('SELECT id FROM incident WHERE person_id = ? ORDER BY date DESC, id DESC').all(personId) as { id: number }[];
  return ids.map((r) => getIncident(ctx, r.id));
}
