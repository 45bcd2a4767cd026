/**
 * The demo generator's writes: an employer, units, two decrees and up to a million people with their
 * engagements. Called inside the generator's one write transaction. People and engagements go in
 * batches of rows per statement (the benches build 100,000 people with it): one store call per batch
 * instead of one per row, and every full batch has the same text, so the store prepares it once.
 */
import { sql, type SqlQuery, type SqlValue } from '../store/sql';
import type { Queries } from '../store/store';

/** Rows per statement: 500 people are 5,500 values, well under SQLite's 32,766 and PostgreSQL's 65,535. */
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
  /** The new people's ids, in the order of `rows` (matched by NIK: RETURNING promises no order). */
  async insertPersons(q: Queries, rows: readonly DemoPersonRow[]): Promise<number[]> {
    const values = valuesList(rows.map((p) => [p.nik, p.name, p.birthPlace, p.birthDate, p.sex, p.address, p.phone, p.motherName, p.kpj, p.at, p.at]));
    const made = await q.all<{ id: number; nik: string }>(sql`INSERT INTO person (nik, name, birth_place, birth_date, sex, address, phone, mother_name, kpj, created_at, updated_at)
      VALUES ${values} RETURNING id, nik`);
    const idOf = new Map(made.map((m) => [m.nik, m.id]));
    return rows.map((p) => idOf.get(p.nik)!);
  },
  /** The reported wage is the honor, as the SK gives it. */
  async insertEngagements(q: Queries, rows: readonly DemoEngagementRow[]): Promise<void> {
    const values = valuesList(rows.map((e) => [e.personId, e.decreeId, e.opdId, e.categoryId, e.position, e.honor, e.honor, e.startDate, e.endDate]));
    await q.run(sql`INSERT INTO engagement (person_id, decree_id, opd_id, category_id, position, honor, reported_wage, start_date, end_date)
      VALUES ${values}`);
  },
};

/**
 * `(?, ?, …), (?, …)` for rows of values, made in one pass. The text between the values is fixed here
 * (brackets and commas); every value stays a parameter. Built as the `sql` tag's own input, because
 * joining 500 row fragments with sqlJoin copies the values gathered so far at every step (n²).
 */
function valuesList(rows: readonly (readonly SqlValue[])[]): SqlQuery {
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
