import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { SigapError } from '../../../shared/errors';
import { nikWarnings } from './person';
import { getIncident, type IncidentRow } from '../coverage/incidents';
import type { PersonDetailDto } from '../../../shared/contract/index';

/** A person's page: identity, current engagement, every engagement with its decree, incidents, and the audit trail. */
export function personDetail(ctx: CoreContext, personId: number): PersonDetailDto {
  const p = ctx.db
    .prepare(
      `SELECT id, nik, name, birth_place AS birthPlace, birth_date AS birthDate, sex, address, phone, mother_name AS motherName, kpj,
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
  return {
    person: p,
    current,
    engagements,
    audit: audit.map(({ before_json, after_json, ...a }) => ({ ...a, before: before_json ? JSON.parse(before_json) : null, after: after_json ? JSON.parse(after_json) : null })),
    nikWarnings: nikWarnings({ nik: p.nik, birth_date: p.birthDate, sex: p.sex }, Number(today.slice(0, 4))),
    incidents,
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
