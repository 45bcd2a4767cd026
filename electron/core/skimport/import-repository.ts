/**
 * The SK import's SQL: what the preview reads to check an appendix against the roster, and what the
 * apply writes. The apply's statements are fixed texts, so the Store prepares each once for a
 * 100,000-row SK.
 */
import { sql, sqlId, sqlJoin } from '../store/sql';
import type { Queries } from '../store/store';
import { lockTables } from '../store/table-lock';
import { dialect, jsonRows } from '../store/dialect';
import { rosterList } from '../roster/roster-repository';

export interface CurrentEngagement {
  id: number;
  person_id: number;
  nik: string;
  name: string;
  opd: string;
  honor: number;
  start_date: string;
  end_date: string | null;
  decree_number: string | null;
}

export interface ActiveElsewhere {
  nik: string;
  category: string;
  opd: string;
  number: string | null;
}

export interface RecordedDeath {
  nik: string;
  date: string;
  incidentId: number | null;
  reason: string | null;
}

/** The SK's columns as the apply writes them. */
export interface NewDecreeRow {
  number: string;
  date: string | null;
  subject: string | null;
  tmtStart: string;
  tmtEnd: string;
  signatory: string | null;
  categoryId: number;
  mode: 'replace' | 'amend';
  sourceFile: string;
  sourceSha256: string;
  importedAt: string;
  importedBy: string;
}

/** The person columns an SK states (the appendix never blanks what it does not state). */
export const PERSON_FIELDS = ['name', 'birth_place', 'birth_date', 'sex', 'address', 'phone', 'mother_name', 'kpj'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
export type PersonFields = Record<PersonField, string | null>;

export interface NewEngagementRow {
  personId: number;
  decreeId: number;
  opdId: number;
  categoryId: number;
  position: string | null;
  honor: number;
  startDate: string;
  endDate: string;
  sourceSheet: string;
  sourceRow: number;
}

const PERSON_COLUMNS = sqlJoin(PERSON_FIELDS.map(sqlId));

export const skImport = {
  /** The category's engagements active the day before, or on, the TMT (`dayBefore` is the day before it). */
  currentRoster(q: Queries, categoryId: number, tmt: string, dayBefore: string): Promise<CurrentEngagement[]> {
    return q.all<CurrentEngagement>(sql`
      SELECT e.id, e.person_id, p.nik, p.name, o.name AS opd, e.honor, e.start_date, e.end_date, d.number AS decree_number
      FROM engagement e JOIN person p ON p.id = e.person_id JOIN opd o ON o.id = e.opd_id
      LEFT JOIN decree d ON d.id = e.decree_id
      WHERE e.category_id = ${categoryId} AND e.start_date <= ${tmt} AND (e.end_date IS NULL OR e.end_date >= ${dayBefore})
      ORDER BY e.start_date`);
  },

  /** An applied SK with this number (a withdrawn one gives its number back). */
  async appliedNumberExists(q: Queries, number: string): Promise<boolean> {
    return (await q.one(sql`SELECT number FROM decree WHERE number = ${number} AND status = 'applied'`)) !== undefined;
  },

  /** The number of an applied SK read from the same file, if any. */
  async appliedNumberOfFile(q: Queries, sha256: string): Promise<string | null> {
    return (await q.one<{ number: string }>(sql`SELECT number FROM decree WHERE source_sha256 = ${sha256} AND status = 'applied'`))?.number ?? null;
  },

  /** An engagement of the category starting on or after `tmt` (not one ended the day it started). */
  laterEngagement(q: Queries, categoryId: number, tmt: string): Promise<{ number: string | null; start_date: string } | undefined> {
    return q.one(sql`
      SELECT d.number, e.start_date FROM engagement e LEFT JOIN decree d ON d.id = e.decree_id
      WHERE e.category_id = ${categoryId} AND e.start_date >= ${tmt} AND e.end_date IS DISTINCT FROM e.start_date ORDER BY e.start_date, e.id LIMIT 1`);
  },

  /** Who is engaged in another category at any time in [start, end]. */
  activeElsewhere(q: Queries, categoryId: number, start: string, end: string): Promise<ActiveElsewhere[]> {
    return q.all<ActiveElsewhere>(sql`
      SELECT p.nik, c.name AS category, o.name AS opd, d.number
      FROM engagement e JOIN person p ON p.id = e.person_id JOIN category c ON c.id = e.category_id
      JOIN opd o ON o.id = e.opd_id LEFT JOIN decree d ON d.id = e.decree_id
      WHERE e.category_id <> ${categoryId} AND e.start_date <= ${end} AND (e.end_date IS NULL OR e.end_date >= ${start})`);
  },

  /** Deaths in the incident log, and engagements ended with a reason starting "Meninggal". */
  recordedDeaths(q: Queries): Promise<RecordedDeath[]> {
    return q.all<RecordedDeath>(sql`
      SELECT p.nik, i.date, i.id AS "incidentId", NULL AS reason FROM incident i JOIN person p ON p.id = i.person_id
      WHERE i.kind IN ('death', 'work_death')
      UNION ALL
      SELECT p.nik, e.end_date, NULL, e.end_reason FROM engagement e JOIN person p ON p.id = e.person_id
      WHERE e.end_date IS NOT NULL AND e.end_reason LIKE 'Meninggal%'`);
  },

  /**
   * What changes whenever the database may have: this connection's writes and other connections'
   * commits (another process such as the CLI): rosterList.anyChange (the roster list's own token ignores
   * incidents and decrees, which the preview's checks read); where
   * it has none, a token equal to no other.
   */
  async changeCounters(q: Queries): Promise<string> {
    return (await rosterList.anyChange(q)) ?? `none:${++unversioned}`;
  },

  /**
   * Inside the apply's write transaction, before the check that the roster is as previewed: on SQLite
   * the transaction already holds the one write lock (BEGIN IMMEDIATE). PostgreSQL writers run side by
   * side, so the apply takes the tables its preview read and its writes touch for itself (readers go
   * on; other writers of these tables wait until it commits), and what it checked still holds when it
   * writes. Two applies queue here instead of both passing the "number not yet used" check.
   */
  async lockForApply(q: Queries): Promise<void> {
    await lockTables(q, ['decree', 'decree_effect', 'category', 'opd', 'unit_alias', 'person', 'engagement', 'incident'], 'share row exclusive');
  },

  /** The unit whose name has this key (unitKey), if any. */
  async opdIdByKey(q: Queries, nameKey: string): Promise<number | null> {
    return (await q.one<{ id: number }>(sql`SELECT id FROM opd WHERE name_key = ${nameKey}`))?.id ?? null;
  },

  async insertDecree(q: Queries, d: NewDecreeRow): Promise<number> {
    const { newId } = await q.run(sql`
      INSERT INTO decree (number, date, subject, tmt_start, tmt_end, signatory, category_id, mode, source_file, source_sha256, imported_at, imported_by, effects_recorded)
      VALUES (${d.number}, ${d.date}, ${d.subject}, ${d.tmtStart}, ${d.tmtEnd}, ${d.signatory}, ${d.categoryId}, ${d.mode}, ${d.sourceFile}, ${d.sourceSha256}, ${d.importedAt}, ${d.importedBy}, 1)
      RETURNING id`);
    return newId!;
  },

  /** The end of each of these engagements as it is, by id: one read for all the apply ends. */
  async engagementEnds(q: Queries, ids: readonly number[]): Promise<Map<number, { end_date: string | null; end_reason: string | null }>> {
    const rows = await q.all<{ id: number; end_date: string | null; end_reason: string | null }>(
      sql`SELECT id, end_date, end_reason FROM engagement WHERE id IN ${dialect(q).inList(ids, 'int')}`,
    );
    return new Map(rows.map(({ id, ...end }) => [id, end]));
  },

  /** Ends these engagements on `endDate` for `reason`, in one statement. */
  async endEngagements(q: Queries, ids: readonly number[], endDate: string, reason: string): Promise<void> {
    if (ids.length === 0) return;
    await q.run(sql`UPDATE engagement SET end_date = ${endDate}, end_reason = ${reason} WHERE id IN ${dialect(q).inList(ids, 'int')}`);
  },

  /**
   * The people already holding these NIKs, with the fields an SK may state: one read for the whole
   * apply instead of one per row of a 100,000-row SK.
   */
  peopleByNik(q: Queries, niks: string[]): Promise<({ id: number; nik: string } & PersonFields)[]> {
    return q.all(sql`SELECT id, nik, ${PERSON_COLUMNS} FROM person WHERE nik IN ${dialect(q).inList(niks, 'text')}`);
  },

  /**
   * New people, their ids by NIK. SQLite: one flat INSERT per person (insertPerson below); PostgreSQL:
   * one statement per PG_CHUNK people, the rows as one JSON parameter, the ids from RETURNING.
   */
  async insertPersons(q: Queries, rows: readonly { nik: string; fields: PersonFields }[], now: string): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    if (q.engine !== 'postgres') {
      for (const { nik, fields } of rows) ids.set(nik, await insertPerson(q, nik, fields, now));
      return ids;
    }
    for (let i = 0; i < rows.length; i += PG_CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + PG_CHUNK).map(({ nik, fields: f }) => [nik, f.name, f.birth_place, f.birth_date, f.sex, f.address, f.phone, f.mother_name, f.kpj]));
      const made = await q.all<{ id: number; nik: string }>(sql`
        INSERT INTO person (nik, name, birth_place, birth_date, sex, address, phone, mother_name, kpj, created_at, updated_at)
        SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7, j.value ->> 8,
          CAST(${now} AS text), CAST(${now} AS text)
        FROM ${jsonRows(q, json)} j ORDER BY j.key
        RETURNING id, nik`);
      for (const r of made) ids.set(r.nik, r.id);
    }
    return ids;
  },

  /** New engagements, their ids in the rows' order (as insertPersons: one per row on SQLite, chunks on PostgreSQL). */
  async insertEngagements(q: Queries, rows: readonly NewEngagementRow[]): Promise<number[]> {
    if (q.engine !== 'postgres') {
      const ids: number[] = [];
      for (const e of rows) ids.push(await insertEngagement(q, e));
      return ids;
    }
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += PG_CHUNK) {
      const chunk = rows.slice(i, i + PG_CHUNK);
      const json = JSON.stringify(chunk.map((e) => [e.personId, e.decreeId, e.opdId, e.categoryId, e.position, e.honor, e.startDate, e.endDate, e.sourceSheet, e.sourceRow]));
      const made = await q.all<{ id: number; person_id: number }>(sql`
        INSERT INTO engagement (person_id, decree_id, opd_id, category_id, position, honor, reported_wage, start_date, end_date, source_sheet, source_row)
        SELECT CAST(j.value ->> 0 AS bigint), CAST(j.value ->> 1 AS bigint), CAST(j.value ->> 2 AS bigint), CAST(j.value ->> 3 AS bigint), j.value ->> 4,
          CAST(j.value ->> 5 AS bigint), CAST(j.value ->> 5 AS bigint), j.value ->> 6, j.value ->> 7, j.value ->> 8, CAST(j.value ->> 9 AS bigint)
        FROM ${jsonRows(q, json)} j ORDER BY j.key
        RETURNING id, person_id`);
      // RETURNING keeps no order: an SK names a person once (read.ts refuses a NIK twice), so the person tells the row.
      const byPerson = new Map(made.map((r) => [r.person_id, r.id]));
      if (byPerson.size !== chunk.length) throw new Error('insertEngagements: one person twice in an SK');
      for (const e of chunk) ids.push(byPerson.get(e.personId)!);
    }
    return ids;
  },
};

let unversioned = 0;

/**
 * Rows per statement of the PostgreSQL bulk writes: an apply's chunk (apply.ts) in one round trip. Round
 * trips, not rows, are what a loaded server or network makes slow (one wake-up of each side per statement).
 */
const PG_CHUNK = 5000;

/**
 * SQLite's two inserts per row of an SK apply. No RETURNING: on SQLite an INSERT … RETURNING runs with a
 * statement journal (a temporary file) per statement, 100,000 rows cost about 2 s more CPU, mostly
 * system time; the Store's run() reports the rowid it made. Flat templates: the statement is kept by
 * the template, no text rendered per row.
 */
function insertPerson(q: Queries, nik: string, f: PersonFields, now: string): Promise<number> {
  const insert = sql`
    INSERT INTO person (nik, name, birth_place, birth_date, sex, address, phone, mother_name, kpj, created_at, updated_at)
    VALUES (${nik}, ${f.name}, ${f.birth_place}, ${f.birth_date}, ${f.sex}, ${f.address}, ${f.phone}, ${f.mother_name}, ${f.kpj}, ${now}, ${now})`;
  return q.run(insert).then((r) => r.newId!);
}

function insertEngagement(q: Queries, e: NewEngagementRow): Promise<number> {
  const insert = sql`
    INSERT INTO engagement (person_id, decree_id, opd_id, category_id, position, honor, reported_wage, start_date, end_date, source_sheet, source_row)
    VALUES (${e.personId}, ${e.decreeId}, ${e.opdId}, ${e.categoryId}, ${e.position}, ${e.honor}, ${e.honor}, ${e.startDate}, ${e.endDate}, ${e.sourceSheet}, ${e.sourceRow})`;
  return q.run(insert).then((r) => r.newId!);
}
