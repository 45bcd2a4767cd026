/** The SQL of a person's page (roster/detail.ts): identity, engagements with their decrees, trail, incidents. */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import { dialect } from '../store/dialect';
import type { PersonDetailDto } from '../../../shared/contract/index';

export type DetailAuditRow = Omit<PersonDetailDto['audit'][number], 'before' | 'after'> & { beforeJson: string | null; afterJson: string | null };

export const personDetailRepo = {
  person(q: Queries, id: number): Promise<PersonDetailDto['person'] | undefined> {
    return q.one(sql`SELECT id, nik, name, birth_place AS "birthPlace", birth_date AS "birthDate", sex, address, phone, mother_name AS "motherName", kpj,
      postal_code AS "postalCode", email, marital_status AS "maritalStatus", work_location AS "workLocation",
      created_at AS "createdAt", updated_at AS "updatedAt" FROM person WHERE id = ${id}`);
  },
  engagements(q: Queries, personId: number): Promise<PersonDetailDto['engagements']> {
    return q.all(sql`SELECT e.id, o.name AS opd, o.id AS "opdId", c.name AS category, e.position, e.honor, e.reported_wage AS "reportedWage",
      e.start_date AS "startDate", e.end_date AS "endDate", e.end_reason AS "endReason", d.number AS "decreeNumber", d.date AS "decreeDate",
      e.source_sheet AS "sourceSheet", e.source_row AS "sourceRow"
      FROM engagement e JOIN opd o ON o.id = e.opd_id JOIN category c ON c.id = e.category_id LEFT JOIN decree d ON d.id = e.decree_id
      WHERE e.person_id = ${personId} ORDER BY e.start_date DESC, e.id DESC`);
  },
  /** The newest 200 audit rows about the person or these engagements of theirs. */
  trail(q: Queries, personId: number, engagementIds: readonly number[]): Promise<DetailAuditRow[]> {
    return q.all(sql`SELECT id, at, actor, action, entity, entity_id AS "entityId", summary, before_json AS "beforeJson", after_json AS "afterJson"
      FROM audit_log
      WHERE (entity = 'person' AND entity_id = ${personId}) OR (entity = 'engagement' AND entity_id IN ${dialect(q).inList(engagementIds, 'int')})
      ORDER BY id DESC LIMIT 200`);
  },
  /** The person's incident ids, newest first. */
  async incidentIds(q: Queries, personId: number): Promise<number[]> {
    return (await q.all<{ id: number }>(sql`SELECT id FROM incident WHERE person_id = ${personId} ORDER BY date DESC, id DESC`)).map((r) => r.id);
  },
};
