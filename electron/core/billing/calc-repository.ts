/**
 * The billing computation's SQL: the `calc` common table expression that yields every billed person's
 * lines of a month in one statement, and the small temp tables it reads (rates per category, segment
 * and JKK class, unit registrations, exceptions, BPU brackets), which calc.ts fills before each run.
 * See calc.ts for who is billed and how.
 */
import { sql, sqlId, sqlJoin, type SqlQuery } from '../store/sql';
import type { Engine, Queries } from '../store/store';
import { dialect } from '../store/dialect';
import type { Segment } from '../../../shared/billing-types';

/** The columns `calc` yields and `invoice_line` stores, in the same order (total is generated). */
export const LINE_COLUMN_NAMES = ['nik', 'name', 'kpj', 'category', 'jkk_class', 'wage', 'base', 'jp_base', 'jkk', 'jkm', 'jht_employer', 'jht_worker', 'jp_employer', 'jp_worker'] as const;
export const AMOUNT_COLUMNS = ['jkk', 'jkm', 'jht_employer', 'jht_worker', 'jp_employer', 'jp_worker'] as const;

/** The line columns, each prefixed with `alias.` when given. */
export const lineColumns = (alias?: string): SqlQuery =>
  sqlJoin(LINE_COLUMN_NAMES.map((c) => (alias ? sql`${sqlId(alias)}.${sqlId(c)}` : sqlId(c))));

/** The wage of an engagement row `alias`: the reported wage, or the honor when none is reported (base.ts, wageOf). */
export const wageSql = (alias: string): SqlQuery => sql`CASE WHEN ${sqlId(alias)}.reported_wage > 0 THEN ${sqlId(alias)}.reported_wage ELSE ${sqlId(alias)}.honor END`;

/** The values `calc` is computed with (bigint: better-sqlite3 binds a JS number as REAL, which would make the integer division fractional). */
export interface CalcParams {
  monthStart: string;
  /** The latest start date that counts for the month under the month rule. */
  startBy: string;
  floor: bigint;
  jpCap: bigint | null;
  jpBirthCutoff: string | null;
  employerClass: bigint;
}

// Rates are per category (bill_cat), so for most rows the work is arithmetic only. A row whose
// unit has its own registration, or whose person has an exception (bill_exc: other programs
// and/or JKK class), looks its rates up instead in the per-class and per-segment tables (bill_jkk,
// bill_seg); those lookups are only evaluated for such rows. The bracket is a range join.
// The temp tables are named without a schema: both engines look in the connection's temp schema first.
const seg = (col: string) => sql`(SELECT ${sqlId(col)} FROM bill_seg s WHERE s.segment = b.segment)`;

/**
 * Each person's latest engagement that counts for the month (the latest start date, then the highest
 * id). SQLite takes the bare columns from the row holding the max(), and the (person_id, start_date)
 * index streams the grouping without a sort; PostgreSQL refuses bare columns and says it with DISTINCT ON.
 */
function latestEngagement(engine: Engine, p: CalcParams): SqlQuery {
  const where = sql`e.category_id IN (SELECT id FROM bill_cat)
              AND e.start_date <= ${p.startBy} AND (e.end_date IS NULL OR e.end_date >= ${p.monthStart})`;
  if (engine === 'postgres') {
    return sql`
            SELECT DISTINCT ON (e.person_id) e.person_id, e.id AS engagement_id, e.opd_id, e.category_id, ${wageSql('e')} AS wage
            FROM engagement e
            WHERE ${where}
            ORDER BY e.person_id, e.start_date DESC, e.id DESC`;
  }
  return sql`
            SELECT e.person_id, e.id AS engagement_id, e.opd_id, e.category_id,
                   ${wageSql('e')} AS wage,
                   max(e.start_date || printf('%012d', e.id)) AS latest
            FROM engagement e
            WHERE ${where}
            GROUP BY e.person_id`;
}

/**
 * `calc AS (...)`, to follow `WITH`. Each program is `(base * bp + 5000) / 10000` in integer SQL:
 * rounded half-up to the rupiah per person and program, the same formula as `applyBp`.
 * The parameters are cast: PostgreSQL infers no type for a parameter compared with NULL or passed to
 * least()/greatest().
 */
export function calcCte(q: { readonly engine: Engine }, p: CalcParams): SqlQuery {
  const d = dialect(q);
  return sql`
  calc AS (
    SELECT person_id, engagement_id, opd_id, segment, registration_id, note, nik, name, kpj, category, jkk_class, wage, base, jp_base,
           (base * jkk_bp + 5000) / 10000 AS jkk,
           (base * jkm_bp + 5000) / 10000 + jkm_flat AS jkm,
           (base * jht_employer_bp + 5000) / 10000 AS jht_employer,
           (base * jht_worker_bp + 5000) / 10000 AS jht_worker,
           (jp_base * jp_employer_bp + 5000) / 10000 AS jp_employer,
           (jp_base * jp_worker_bp + 5000) / 10000 AS jp_worker
    FROM (
      -- JP only before retirement age (PP 45/2015 Ps.15; the rule and its cutoff: retirement.ts): born
      -- on or before the cutoff, no JP. No birth date: billed.
      SELECT r.*, CASE WHEN r.jp_employer_bp + r.jp_worker_bp > 0 AND (CAST(${p.jpBirthCutoff} AS text) IS NULL OR r.birth_date IS NULL OR r.birth_date > CAST(${p.jpBirthCutoff} AS text))
                       THEN ${d.least(sql`r.base`, sql`CAST(${p.jpCap} AS bigint)`)} ELSE 0 END AS jp_base
      FROM (
        SELECT b.person_id, b.engagement_id, b.opd_id, b.segment, b.registration_id, b.note, b.nik, b.name, b.kpj, b.birth_date,
               b.category, b.jkk_class, b.wage, b.base,
               CASE WHEN b.plain THEN b.k_jkk WHEN b.t_jkk = 0 THEN 0
                    WHEN b.segment = 'PU' THEN (SELECT j.bp FROM bill_jkk j WHERE j.class = b.jkk_class) ELSE ${seg('jkk_bp')} END AS jkk_bp,
               CASE WHEN b.own_programs THEN b.t_jkm * ${seg('jkm_bp')} ELSE b.k_jkm END AS jkm_bp,
               CASE WHEN b.own_programs THEN b.t_jkm * ${seg('jkm_flat')} ELSE b.k_jkm_flat END AS jkm_flat,
               CASE WHEN b.own_programs THEN b.t_jht * ${seg('jht_employer_bp')} ELSE b.k_jht_employer END AS jht_employer_bp,
               CASE WHEN b.own_programs THEN b.t_jht * ${seg('jht_worker_bp')} ELSE b.k_jht_worker END AS jht_worker_bp,
               CASE WHEN b.own_programs THEN b.t_jp * ${seg('jp_employer_bp')} ELSE b.k_jp_employer END AS jp_employer_bp,
               CASE WHEN b.own_programs THEN b.t_jp * ${seg('jp_worker_bp')} ELSE b.k_jp_worker END AS jp_worker_bp
        FROM (
          SELECT x.person_id, x.engagement_id, x.opd_id, k.segment, coalesce(u.registration_id, k.registration_id) AS registration_id, ex.note,
                 p.nik, p.name, p.kpj, p.birth_date, k.name AS category,
                 -- The class a PU line uses: the person's exception, else the category's own, else the
                 -- registration's (the unit's, else the category's), else the Pemda's (employer).
                 CASE WHEN k.segment = 'PU' THEN coalesce(ex.jkk_class, k.own_class, u.reg_class, k.reg_class, CAST(${p.employerClass} AS bigint)) END AS jkk_class,
                 ex.person_id IS NULL AND u.opd_id IS NULL AS plain, ex.t_jkk IS NOT NULL AS own_programs,
                 coalesce(ex.t_jkk, k.t_jkk) AS t_jkk, ex.t_jkm AS t_jkm, ex.t_jht AS t_jht, ex.t_jp AS t_jp,
                 k.jkk_bp AS k_jkk, k.jkm_bp AS k_jkm, k.jkm_flat AS k_jkm_flat, k.jht_employer_bp AS k_jht_employer,
                 k.jht_worker_bp AS k_jht_worker, k.jp_employer_bp AS k_jp_employer, k.jp_worker_bp AS k_jp_worker,
                 -- The base (base.ts): PU the wage raised to the floor, BPU the declared income of its bracket.
                 x.wage, CASE WHEN k.segment = 'PU' THEN ${d.greatest(sql`x.wage`, sql`CAST(${p.floor} AS bigint)`)} ELSE br.declared_income END AS base
          FROM (${latestEngagement(q.engine, p)}
          ) x
          JOIN bill_cat k ON k.id = x.category_id
          JOIN person p ON p.id = x.person_id
          LEFT JOIN bill_unit u ON u.opd_id = x.opd_id
          LEFT JOIN bill_exc ex ON ex.person_id = x.person_id
          LEFT JOIN bill_bracket br ON k.segment = 'BPU' AND x.wage >= br.income_from AND x.wage < br.income_to
        ) b
      ) r
    ) j
  )`;
}

/**
 * The temp tables `calc` reads, made when the connection has none yet and emptied for each run. On
 * PostgreSQL they belong to the run's transaction (ON COMMIT DROP): a pooled connection keeps nothing.
 * Rates and incomes are bigint: a PostgreSQL integer would overflow in `base * bp` for a large base.
 */
const TEMP_TABLES: readonly [name: string, columns: SqlQuery][] = [
  ['bill_cat', sql`id BIGINT PRIMARY KEY, segment TEXT NOT NULL, name TEXT NOT NULL, own_class BIGINT, registration_id BIGINT, reg_class BIGINT,
    t_jkk BIGINT NOT NULL, jkk_bp BIGINT NOT NULL, jkm_bp BIGINT NOT NULL, jkm_flat BIGINT NOT NULL, jht_employer_bp BIGINT NOT NULL,
    jht_worker_bp BIGINT NOT NULL, jp_employer_bp BIGINT NOT NULL, jp_worker_bp BIGINT NOT NULL`],
  ['bill_seg', sql`segment TEXT PRIMARY KEY, jkk_bp BIGINT NOT NULL, jkm_bp BIGINT NOT NULL, jkm_flat BIGINT NOT NULL, jht_employer_bp BIGINT NOT NULL,
    jht_worker_bp BIGINT NOT NULL, jp_employer_bp BIGINT NOT NULL, jp_worker_bp BIGINT NOT NULL`],
  ['bill_jkk', sql`class BIGINT PRIMARY KEY, bp BIGINT NOT NULL`],
  ['bill_unit', sql`opd_id BIGINT PRIMARY KEY, registration_id BIGINT NOT NULL, reg_class BIGINT NOT NULL`],
  ['bill_exc', sql`person_id BIGINT PRIMARY KEY, jkk_class BIGINT, t_jkk BIGINT, t_jkm BIGINT, t_jht BIGINT, t_jp BIGINT, note TEXT NOT NULL`],
  ['bill_bracket', sql`income_from BIGINT PRIMARY KEY, income_to BIGINT NOT NULL, declared_income BIGINT NOT NULL`],
];

/** Makes temp table `name` on this connection (if it has none) and empties it. */
export async function resetTempTable(q: Queries, name: string, columns: SqlQuery): Promise<void> {
  const dropAtCommit = q.engine === 'postgres' ? sql` ON COMMIT DROP` : sql``;
  await q.run(sql`CREATE TEMP TABLE IF NOT EXISTS ${sqlId(name)} (${columns})${dropAtCommit}`);
  await q.run(sql`DELETE FROM ${sqlId(name)}`);
}

/** One category's rates for rows with neither an exception nor a unit registration. */
export interface CategoryRates {
  id: number;
  segment: Segment;
  name: string;
  ownClass: number | null;
  registrationId: number | null;
  regClass: number | null;
  /** 1 when the category takes JKK. */
  tJkk: number;
  /** Basis points per program (0 for one the category does not take) and JKM's flat rupiah. */
  rates: readonly [jkk: number, jkm: number, jkmFlat: number, jhtEmployer: number, jhtWorker: number, jpEmployer: number, jpWorker: number];
}

export const calcRepo = {
  /** Makes the temp tables (if this connection has none yet) and empties them. */
  async resetTempTables(q: Queries): Promise<void> {
    for (const [name, columns] of TEMP_TABLES) await resetTempTable(q, name, columns);
  },

  /** PostgreSQL plans the run with the filled temp tables' real sizes (it keeps no statistics for new ones). */
  async analyzeTempTables(q: Queries, others: readonly string[] = []): Promise<void> {
    if (q.engine === 'postgres') await q.run(sql`ANALYZE ${sqlJoin([...TEMP_TABLES.map(([name]) => name), ...others].map((name) => sqlId(name)))}`);
  },

  /** Whether anyone has an engagement in the category that counts for the month (latest starts first: the active ones are recent). */
  async categoryInUse(q: Queries, categoryId: number, monthStart: string, startBy: string): Promise<boolean> {
    return (await q.one(sql`SELECT 1 AS x FROM engagement WHERE category_id = ${categoryId} AND start_date <= ${startBy}
      AND (end_date IS NULL OR end_date >= ${monthStart}) ORDER BY start_date DESC LIMIT 1`)) !== undefined;
  },

  /** The JKK class of every employer registration (NPP other than the Pemda's own). */
  async registrationClasses(q: Queries): Promise<Map<number, number>> {
    const rows = await q.all<{ id: number; c: number }>(sql`SELECT id, jkk_class AS c FROM employer_registration`);
    return new Map(rows.map((r) => [r.id, r.c]));
  },

  async categoryRegistration(q: Queries, categoryId: number): Promise<number | null> {
    return (await q.one<{ r: number | null }>(sql`SELECT registration_id AS r FROM category WHERE id = ${categoryId}`))?.r ?? null;
  },

  /** jkk (BPU), jkm, jkm_flat, jht employer, jht worker, jp employer, jp worker of a segment. */
  insertSegmentRates(q: Queries, segment: Segment, r: readonly number[]) {
    return q.run(sql`INSERT INTO bill_seg VALUES (${segment}, ${sqlJoin(r.map((v) => sql`${v}`))})`);
  },

  insertJkkClass(q: Queries, jkkClass: number, bp: number) {
    return q.run(sql`INSERT INTO bill_jkk VALUES (${jkkClass}, ${bp})`);
  },

  insertCategory(q: Queries, c: CategoryRates) {
    return q.run(sql`INSERT INTO bill_cat VALUES (${c.id}, ${c.segment}, ${c.name}, ${c.ownClass}, ${c.registrationId}, ${c.regClass}, ${c.tJkk},
      ${sqlJoin(c.rates.map((v) => sql`${v}`))})`);
  },

  /** Every unit with its own registration, and that registration's class. */
  insertUnitRegistrations(q: Queries) {
    return q.run(sql`INSERT INTO bill_unit SELECT o.id, r.id, r.jkk_class FROM opd o JOIN employer_registration r ON r.id = o.registration_id`);
  },

  /** A person's exception in force: the class, and the program flags (null: the category's programs). */
  insertException(q: Queries, personId: number, jkkClass: number | null, flags: readonly (number | null)[], note: string) {
    return q.run(sql`INSERT INTO bill_exc VALUES (${personId}, ${jkkClass}, ${sqlJoin(flags.map((v) => sql`${v}`))}, ${note})`);
  },

  insertBracket(q: Queries, b: { incomeFrom: number; incomeTo: number; declaredIncome: number }) {
    return q.run(sql`INSERT INTO bill_bracket VALUES (${b.incomeFrom}, ${b.incomeTo}, ${b.declaredIncome})`);
  },

  /** The segments of the categories in use (after the temp tables are filled). */
  async segmentsInUse(q: Queries): Promise<Segment[]> {
    return (await q.all<{ segment: Segment }>(sql`SELECT DISTINCT segment FROM bill_cat`)).map((r) => r.segment);
  },

  /** The registrations of the categories in use that have their own NPP. */
  async categoryRegistrationsInUse(q: Queries): Promise<number[]> {
    return (await q.all<{ reg: number }>(sql`SELECT DISTINCT c.registration_id AS reg FROM category c
      WHERE c.id IN (SELECT id FROM bill_cat) AND c.registration_id IS NOT NULL`)).map((r) => r.reg);
  },

  /**
   * Writes on the month's draft lines the exception each person was billed under (calc's `note`), so
   * an issued line keeps it even if the exception is later ended.
   */
  noteExceptionLines(q: Queries, month: string) {
    return q.run(sql`UPDATE invoice_line SET note = (SELECT note FROM bill_exc e WHERE e.person_id = invoice_line.person_id)
      WHERE person_id IN (SELECT person_id FROM bill_exc)
        AND invoice_id IN (SELECT id FROM invoice WHERE month = ${month} AND status = 'draft')`);
  },
};
