/**
 * The demo generator's writes: an employer, units, two decrees and up to a million people with their
 * engagements, inside the generator's one write transaction (the benches build 100,000 people with
 * it). Statement texts repeat, so the store prepares each once. Measured on 100,000 people: people go
 * one row per INSERT (several rows per INSERT into `person`, with its unique NIK and two indexes, made
 * SQLite keep a statement journal and cost half again as much), engagements 500 rows per INSERT (one
 * store call per row cost more than their statement journal).
 */
import { sql, type SqlValue } from '../store/sql';
import type { Queries } from '../store/store';
import { personRepo } from '../roster/person-repository';

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
   * One person; returns the new id. engine: SQLite gives the id of a plain INSERT (its rowid), and an
   * INSERT … RETURNING costs it 40% more per row here; PostgreSQL gives none without RETURNING, so
   * there the id is found by the NIK (unique) just written.
   */
  async insertPerson(q: Queries, p: DemoPersonRow): Promise<number> {
    const r = await q.run(sql`INSERT INTO person (nik, name, birth_place, birth_date, sex, address, phone, mother_name, kpj, created_at, updated_at)
      VALUES (${p.nik}, ${p.name}, ${p.birthPlace}, ${p.birthDate}, ${p.sex}, ${p.address}, ${p.phone}, ${p.motherName}, ${p.kpj}, ${p.at}, ${p.at})`);
    return r.newId ?? (await personRepo.byNik(q, p.nik))!.id;
  },
  /**
   * Engagements, several rows in one INSERT (at most DEMO_BATCH: 4,500 values, under SQLite's 32,766
   * and PostgreSQL's 65,535). The `(…), (…)` list is made in one pass as the `sql` tag's own input:
   * the text between the values is fixed brackets and commas, every value a parameter (sqlJoin of 500
   * row fragments copies the values gathered so far at each step).
   * The reported wage is the honor, as the SK gives it.
   */
  async insertEngagements(q: Queries, rows: readonly DemoEngagementRow[]): Promise<void> {
    const between: string[] = [];
    const values: SqlValue[] = [];
    rows.forEach((e, i) => {
      [e.personId, e.decreeId, e.opdId, e.categoryId, e.position, e.honor, e.honor, e.startDate, e.endDate].forEach((v, k) => {
        between.push(k > 0 ? ', ' : i > 0 ? '), (' : '(');
        values.push(v);
      });
    });
    between.push(')');
    await q.run(sql`INSERT INTO engagement (person_id, decree_id, opd_id, category_id, position, honor, reported_wage, start_date, end_date)
      VALUES ${sql(Object.assign(between, { raw: between }), ...values)}`);
  },
};
