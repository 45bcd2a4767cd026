/**
 * The demo generator's writes: an employer, units, two decrees and up to a million people with their
 * engagements, inside the generator's one write transaction (the benches build 100,000 people with
 * it). Statement texts repeat, so the store prepares each once. Rows go in batches of DEMO_BATCH:
 * engagements 500 rows per INSERT on both engines (one store call per row cost more than their
 * statement journal); people see insertPeople.
 */
import { sql, type SqlQuery, type SqlValue } from '../store/sql';
import type { Queries } from '../store/store';
import { lockTables } from '../store/table-lock';

/** Engagements per INSERT. */
export const DEMO_BATCH = 500;

export interface DemoUnitRow {
  code: string;
  name: string;
  nameKey: string;
  kind: 'opd' | 'village';
  budgetAccount: string;
  address: string;
  headName: string;
  headNip: string | null;
  headTitle: string;
  pptkName: string;
  pptkNip: string | null;
  treasurerName: string;
  treasurerNip: string | null;
  createdAt: string;
}

export interface DemoDecreeRow {
  number: string;
  date: string;
  subject: string;
  tmtStart: string;
  tmtEnd: string;
  categoryId: number;
  importedAt: string;
  importedBy: string;
}

export interface DemoPersonRow {
  nik: string;
  name: string;
  birthPlace: string;
  birthDate: string;
  sex: string;
  address: string;
  phone: string | null;
  motherName: string | null;
  kpj: string | null;
  at: string;
}

export interface DemoEngagementRow {
  personId: number;
  decreeId: number;
  opdId: number;
  categoryId: number;
  position: string;
  honor: number;
  startDate: string;
  endDate: string;
}

export const demoRepo = {
  /**
   * Keeps a second generator out until this one commits, so it then finds the people and stops.
   * engine: SQLite's write transaction already holds the file's write lock; PostgreSQL's READ
   * COMMITTED writers would both find `person` empty, so the table is locked against other writers
   * (readers go on).
   */
  async lockForSeeding(q: Queries): Promise<void> {
    await lockTables(q, ['person'], 'exclusive');
  },
  async personCount(q: Queries): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM person`))!.n;
  },
  async putEmployer(q: Queries, e: { name: string; npp: string; address: string }): Promise<void> {
    await q.run(sql`INSERT INTO employer (id, name, npp, address, jkk_class) VALUES (1, ${e.name}, ${e.npp}, ${e.address}, 1)
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, npp = excluded.npp, address = excluded.address`);
  },
  async insertUnit(q: Queries, u: DemoUnitRow): Promise<number> {
    const r = await q.run(sql`INSERT INTO opd (code, name, name_key, kind, budget_account, address, head_name, head_nip, head_title, pptk_name, pptk_nip, treasurer_name, treasurer_nip, created_at)
      VALUES (${u.code}, ${u.name}, ${u.nameKey}, ${u.kind}, ${u.budgetAccount}, ${u.address}, ${u.headName}, ${u.headNip}, ${u.headTitle}, ${u.pptkName}, ${u.pptkNip}, ${u.treasurerName}, ${u.treasurerNip}, ${u.createdAt}) RETURNING id`);
    return r.newId!;
  },
  async insertDecree(q: Queries, d: DemoDecreeRow): Promise<number> {
    const r = await q.run(sql`INSERT INTO decree (number, date, subject, tmt_start, tmt_end, signatory, category_id, mode, source_file, imported_at, imported_by)
      VALUES (${d.number}, ${d.date}, ${d.subject}, ${d.tmtStart}, ${d.tmtEnd}, 'BUPATI LAMPUNG BARAT', ${d.categoryId}, 'replace', NULL, ${d.importedAt}, ${d.importedBy}) RETURNING id`);
    return r.newId!;
  },
  /**
   * People; returns their new ids in the order given. engine: on SQLite one plain INSERT per person,
   * its id the rowid (several rows per INSERT into `person`, with its unique NIK and two indexes, made
   * SQLite keep a statement journal, and RETURNING cost it 40% more per row); on PostgreSQL, where each
   * statement is a round trip over the socket, the whole batch in one INSERT … RETURNING id, nik,
   * matched back by the NIK (unique) rather than trusting the order of RETURNING.
   */
  async insertPeople(q: Queries, people: readonly DemoPersonRow[]): Promise<number[]> {
    if (q.engine === 'sqlite') {
      const ids: number[] = [];
      for (const p of people) {
        const r = await q.run(sql`INSERT INTO person (nik, name, birth_place, birth_date, sex, address, phone, mother_name, kpj, created_at, updated_at)
          VALUES (${p.nik}, ${p.name}, ${p.birthPlace}, ${p.birthDate}, ${p.sex}, ${p.address}, ${p.phone}, ${p.motherName}, ${p.kpj}, ${p.at}, ${p.at})`);
        ids.push(r.newId!);
      }
      return ids;
    }
    if (people.length === 0) return [];
    const rows = await q.all<{ id: number; nik: string }>(sql`INSERT INTO person (nik, name, birth_place, birth_date, sex, address, phone, mother_name, kpj, created_at, updated_at)
      VALUES ${valueRows(people.map((p) => [p.nik, p.name, p.birthPlace, p.birthDate, p.sex, p.address, p.phone, p.motherName, p.kpj, p.at, p.at]))} RETURNING id, nik`);
    const byNik = new Map(rows.map((r) => [r.nik, Number(r.id)]));
    return people.map((p) => byNik.get(p.nik)!);
  },
  /**
   * Engagements, several rows in one INSERT (at most DEMO_BATCH: 4,500 values, under SQLite's 32,766
   * and PostgreSQL's 65,535). The reported wage is the honor, as the SK gives it.
   */
  async insertEngagements(q: Queries, rows: readonly DemoEngagementRow[]): Promise<void> {
    await q.run(sql`INSERT INTO engagement (person_id, decree_id, opd_id, category_id, position, honor, reported_wage, start_date, end_date)
      VALUES ${valueRows(rows.map((e) => [e.personId, e.decreeId, e.opdId, e.categoryId, e.position, e.honor, e.honor, e.startDate, e.endDate]))}`);
  },
};

/**
 * `(…), (…)` for a multi-row INSERT, made in one pass as the `sql` tag's own input: the text between
 * the values is fixed brackets and commas, every value a parameter (sqlJoin of 500 row fragments would
 * copy the values gathered so far at each step).
 */
function valueRows(rows: readonly (readonly SqlValue[])[]): SqlQuery {
  const between: string[] = [];
  const values: SqlValue[] = [];
  rows.forEach((row, i) => {
    row.forEach((v, k) => {
      between.push(k > 0 ? ', ' : i > 0 ? '), (' : '(');
      values.push(v);
    });
  });
  between.push(')');
  return sql(Object.assign(between, { raw: between }), ...values);
}
