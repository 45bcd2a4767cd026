/**
 * The per-person computation of a month as one SQL common table expression, `calc`, used by a single
 * INSERT ... SELECT (no query per person). `prepareCalc` first writes two tiny temp tables: the rates
 * of each enrolled category in use (0 for a program the category does not take) and the BPU brackets.
 *
 * Who is billed: every person with an engagement in an enrolled category that counts for the month
 * under the month rule (see MONTH_RULES in shared/billing-types.ts: `any_day` by default, or
 * `first_day`). A person with several such engagements is billed once, on the latest one (the one in
 * force at the end of the month), so a transfer between units mid-month moves the whole month.
 *
 * The base: the rule of base.ts (shared with the BPJS upload files): the reported wage (the honor when
 * no wage is reported), raised to the wage floor for PU; for BPU the declared income of the person's
 * bracket. JP uses the base capped by the JP wage cap, and stops at retirement age (retirement.ts). A
 * person's exception (person-exceptions.ts) replaces the category's programs and/or JKK class.
 * Each program is `(base * bp + 5000) / 10000` in integer SQL: rounded half-up to the rupiah per
 * person and program, the same formula as `applyBp`. A line's total is a generated column (their sum).
 */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { firstDay, formatMonthId, lastDay } from '../../../shared/dates';
import type { RateParamKey, RatesInForce, Segment } from '../../../shared/billing-types';
import { monthRuleOf, requireParam } from './rates';
import { exceptionNote, exceptionsInForce, programSet, type Program } from './person-exceptions';
import { baseRules, puBaseSql, wageSql } from './base';
import { jpBirthCutoff, retirementAges } from './retirement';

/** The columns `calc` yields and `invoice_line` stores, in the same order (total is generated). */
export const LINE_COLUMNS = 'nik, name, kpj, category, jkk_class, wage, base, jp_base, jkk, jkm, jht_employer, jht_worker, jp_employer, jp_worker';
export const AMOUNT_COLUMNS = ['jkk', 'jkm', 'jht_employer', 'jht_worker', 'jp_employer', 'jp_worker'] as const;

// Rates are per category (temp.bill_cat), so for most rows the work is arithmetic only. A row whose
// unit has its own registration, or whose person has an exception (temp.bill_exc: other programs
// and/or JKK class), looks its rates up instead in the per-class and per-segment tables (bill_jkk,
// bill_seg); those lookups are only evaluated for such rows. The bracket is a range join.
const SEG = (col: string) => `(SELECT ${col} FROM temp.bill_seg s WHERE s.segment = b.segment)`;
export const CALC_CTE = `
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
      -- on or before @jpBirthCutoff, no JP. No birth date: billed.
      SELECT r.*, CASE WHEN r.jp_employer_bp + r.jp_worker_bp > 0 AND (@jpBirthCutoff IS NULL OR r.birth_date IS NULL OR r.birth_date > @jpBirthCutoff)
                       THEN min(r.base, @jpCap) ELSE 0 END AS jp_base
      FROM (
        SELECT b.person_id, b.engagement_id, b.opd_id, b.segment, b.registration_id, b.note, b.nik, b.name, b.kpj, b.birth_date,
               b.category, b.jkk_class, b.wage, b.base,
               CASE WHEN b.plain THEN b.k_jkk WHEN b.t_jkk = 0 THEN 0
                    WHEN b.segment = 'PU' THEN (SELECT j.bp FROM temp.bill_jkk j WHERE j.class = b.jkk_class) ELSE ${SEG('jkk_bp')} END AS jkk_bp,
               CASE WHEN b.own_programs THEN b.t_jkm * ${SEG('jkm_bp')} ELSE b.k_jkm END AS jkm_bp,
               CASE WHEN b.own_programs THEN b.t_jkm * ${SEG('jkm_flat')} ELSE b.k_jkm_flat END AS jkm_flat,
               CASE WHEN b.own_programs THEN b.t_jht * ${SEG('jht_employer_bp')} ELSE b.k_jht_employer END AS jht_employer_bp,
               CASE WHEN b.own_programs THEN b.t_jht * ${SEG('jht_worker_bp')} ELSE b.k_jht_worker END AS jht_worker_bp,
               CASE WHEN b.own_programs THEN b.t_jp * ${SEG('jp_employer_bp')} ELSE b.k_jp_employer END AS jp_employer_bp,
               CASE WHEN b.own_programs THEN b.t_jp * ${SEG('jp_worker_bp')} ELSE b.k_jp_worker END AS jp_worker_bp
        FROM (
          SELECT x.person_id, x.engagement_id, x.opd_id, k.segment, coalesce(u.registration_id, k.registration_id) AS registration_id, ex.note,
                 p.nik, p.name, p.kpj, p.birth_date, k.name AS category,
                 -- The class a PU line uses: the person's exception, else the category's own, else the
                 -- registration's (the unit's, else the category's), else the Pemda's (employer).
                 CASE WHEN k.segment = 'PU' THEN coalesce(ex.jkk_class, k.own_class, u.reg_class, k.reg_class, @employerClass) END AS jkk_class,
                 ex.person_id IS NULL AND u.opd_id IS NULL AS plain, ex.t_jkk IS NOT NULL AS own_programs,
                 coalesce(ex.t_jkk, k.t_jkk) AS t_jkk, ex.t_jkm AS t_jkm, ex.t_jht AS t_jht, ex.t_jp AS t_jp,
                 k.jkk_bp AS k_jkk, k.jkm_bp AS k_jkm, k.jkm_flat AS k_jkm_flat, k.jht_employer_bp AS k_jht_employer,
                 k.jht_worker_bp AS k_jht_worker, k.jp_employer_bp AS k_jp_employer, k.jp_worker_bp AS k_jp_worker,
                 x.wage, CASE WHEN k.segment = 'PU' THEN ${puBaseSql('x.wage')} ELSE br.declared_income END AS base
          FROM (
            -- Each person's latest engagement that counts: SQLite takes the bare columns from the row
            -- holding the max(), and the (person_id, start_date) index streams the grouping without a sort.
            SELECT e.person_id, e.id AS engagement_id, e.opd_id, e.category_id,
                   ${wageSql('e')} AS wage,
                   max(e.start_date || printf('%012d', e.id)) AS latest
            FROM engagement e
            WHERE e.category_id IN (SELECT id FROM temp.bill_cat)
              AND e.start_date <= @startBy AND (e.end_date IS NULL OR e.end_date >= @monthStart)
            GROUP BY e.person_id
          ) x
          JOIN temp.bill_cat k ON k.id = x.category_id
          JOIN person p ON p.id = x.person_id
          LEFT JOIN temp.bill_unit u ON u.opd_id = x.opd_id
          LEFT JOIN temp.bill_exc ex ON ex.person_id = x.person_id
          LEFT JOIN temp.bill_bracket br ON k.segment = 'BPU' AND x.wage >= br.income_from AND x.wage < br.income_to
        ) b
      ) r
    )
  )`;

/** The engagement date bounds of a month under the month rule. */
function monthBounds(month: string, rates: RatesInForce): { monthStart: string; startBy: string } {
  return { monthStart: firstDay(month), startBy: monthRuleOf(rates) === 'first_day' ? firstDay(month) : lastDay(month) };
}

const TEMP_TABLES = `
  CREATE TEMP TABLE IF NOT EXISTS bill_cat (
    id INTEGER PRIMARY KEY, segment TEXT NOT NULL, name TEXT NOT NULL, own_class INTEGER, registration_id INTEGER, reg_class INTEGER,
    t_jkk INTEGER NOT NULL, jkk_bp INTEGER NOT NULL, jkm_bp INTEGER NOT NULL, jkm_flat INTEGER NOT NULL, jht_employer_bp INTEGER NOT NULL,
    jht_worker_bp INTEGER NOT NULL, jp_employer_bp INTEGER NOT NULL, jp_worker_bp INTEGER NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS bill_seg (
    segment TEXT PRIMARY KEY, jkk_bp INTEGER NOT NULL, jkm_bp INTEGER NOT NULL, jkm_flat INTEGER NOT NULL, jht_employer_bp INTEGER NOT NULL,
    jht_worker_bp INTEGER NOT NULL, jp_employer_bp INTEGER NOT NULL, jp_worker_bp INTEGER NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS bill_jkk (class INTEGER PRIMARY KEY, bp INTEGER NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS bill_unit (opd_id INTEGER PRIMARY KEY, registration_id INTEGER NOT NULL, reg_class INTEGER NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS bill_exc (
    person_id INTEGER PRIMARY KEY, jkk_class INTEGER, t_jkk INTEGER, t_jkm INTEGER, t_jht INTEGER, t_jp INTEGER, note TEXT NOT NULL);
  CREATE TEMP TABLE IF NOT EXISTS bill_bracket (income_from INTEGER PRIMARY KEY, income_to INTEGER NOT NULL, declared_income INTEGER NOT NULL);
  DELETE FROM temp.bill_cat; DELETE FROM temp.bill_seg; DELETE FROM temp.bill_jkk; DELETE FROM temp.bill_unit;
  DELETE FROM temp.bill_exc; DELETE FROM temp.bill_bracket;`;

/**
 * Writes the temp tables CALC_CTE reads for `month` and returns its parameters. Only categories with
 * someone to bill are checked, and only the rates of programs someone takes (by category or by an
 * exception) are required, so a rate nobody needs (the JP cap before 2019 when nobody takes JP) never
 * stops the run. Call inside the run's transaction.
 */
export function prepareCalc(ctx: CoreContext, month: string, rates: RatesInForce): Record<string, string | bigint | null> {
  ctx.db.exec(TEMP_TABLES);
  const bounds = monthBounds(month, rates);
  // Latest starts first: in a long history the active engagements are the recent ones.
  const inUse = ctx.db.prepare(
    'SELECT 1 FROM engagement WHERE category_id = ? AND start_date <= @startBy AND (end_date IS NULL OR end_date >= @monthStart) ORDER BY start_date DESC LIMIT 1',
  );
  const registrations = registrationClasses(ctx);
  const used = rates.categories.filter((c) => c.enrolled && inUse.get(c.id, bounds));
  const exceptions = exceptionsInForce(ctx, month);
  const taken: Record<Segment, Set<Program>> = { PU: new Set(), BPU: new Set() };
  for (const c of used) for (const p of programSet(c.programs)) taken[c.segment].add(p);
  const segments = [...new Set(used.map((c) => c.segment))];
  // An exception may take a program its category does not: its rate is then needed too.
  for (const e of exceptions) for (const seg of segments) for (const p of e.programs ?? []) taken[seg].add(p);
  const segRates = new Map(segments.map((seg) => [seg, segmentRates(rates, seg, taken[seg])]));
  const insSeg = ctx.db.prepare('INSERT INTO temp.bill_seg VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const [seg, r] of segRates) insSeg.run(seg, ...r);
  // Every class a PU line can resolve to: categories', registrations', exceptions' and the Pemda's.
  const classes = new Set<number>([rates.employerJkkClass, ...registrations.values()]);
  for (const c of used) if (c.jkkClass !== null) classes.add(c.jkkClass);
  for (const e of exceptions) if (e.jkkClass !== null) classes.add(e.jkkClass);
  const jkkBp = new Map<number, number>();
  if (segments.includes('PU') && taken.PU.has('JKK')) {
    const insJkk = ctx.db.prepare('INSERT INTO temp.bill_jkk VALUES (?, ?)');
    for (const k of classes) {
      jkkBp.set(k, requireParam(rates, `pu.jkk.${k}` as RateParamKey));
      insJkk.run(k, jkkBp.get(k)!);
    }
  }
  // Each category's own rates, for the rows with neither an exception nor a unit registration.
  const insCat = ctx.db.prepare('INSERT INTO temp.bill_cat VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const c of used) {
    const [tJkk, tJkm, tJht, tJp] = flags(programSet(c.programs));
    const regId = registrationOf(ctx, c.id);
    const regClass = regId === null ? null : (registrations.get(regId) ?? null);
    const [bpuJkk, jkm, jkmFlat, jhtE, jhtW, jpE, jpW] = segRates.get(c.segment)!;
    const jkk = c.segment === 'PU' ? (tJkk ? jkkBp.get(c.jkkClass ?? regClass ?? rates.employerJkkClass)! : 0) : tJkk * bpuJkk!;
    insCat.run(c.id, c.segment, c.name, c.segment === 'PU' ? c.jkkClass : null, regId, regClass, tJkk, jkk,
      tJkm * jkm!, tJkm * jkmFlat!, tJht * jhtE!, tJht * jhtW!, tJp * jpE!, tJp * jpW!);
  }
  ctx.db.prepare(`INSERT INTO temp.bill_unit SELECT o.id, r.id, r.jkk_class FROM opd o JOIN employer_registration r ON r.id = o.registration_id`).run();
  const insExc = ctx.db.prepare('INSERT INTO temp.bill_exc VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const e of exceptions) {
    insExc.run(e.personId, e.jkkClass, ...(e.programs ? flags(new Set(e.programs)) : [null, null, null, null]), exceptionNote(e));
  }
  const rules = baseRules(rates);
  const insBracket = ctx.db.prepare('INSERT INTO temp.bill_bracket VALUES (?, ?, ?)');
  for (const b of rules.brackets ?? []) insBracket.run(b.incomeFrom, b.incomeTo, b.declaredIncome);
  const cap = rates.params['pu.jp.wage_cap']?.value;
  // better-sqlite3 binds a JS number as REAL, which would make the integer division fractional; BigInt binds INTEGER.
  return {
    ...bounds, floor: BigInt(rules.floor), jpCap: cap === undefined ? null : BigInt(cap),
    jpBirthCutoff: jpBirthCutoff(month, retirementAges(ctx)), employerClass: BigInt(rates.employerJkkClass),
  };
}

const flags = (progs: Set<Program>): [number, number, number, number] =>
  [progs.has('JKK') ? 1 : 0, progs.has('JKM') ? 1 : 0, progs.has('JHT') ? 1 : 0, progs.has('JP') ? 1 : 0];

/**
 * The rates of one segment for the programs someone takes (0 for the others): jkk (BPU; PU's JKK is
 * per class in bill_jkk), jkm, jkm_flat, jht employer, jht worker, jp employer, jp worker. BPU has no
 * employer and no JP: the paying unit pays the whole iuran, shown as its share.
 */
function segmentRates(rates: RatesInForce, segment: Segment, taken: Set<Program>): number[] {
  const take = (program: Program, key: RateParamKey) => (taken.has(program) ? requireParam(rates, key) : 0);
  if (segment === 'PU') {
    if (taken.has('JP')) requireParam(rates, 'pu.jp.wage_cap');
    return [0, take('JKM', 'pu.jkm'), 0, take('JHT', 'pu.jht.employer'), take('JHT', 'pu.jht.worker'), take('JP', 'pu.jp.employer'), take('JP', 'pu.jp.worker')];
  }
  if (!rates.bpuBrackets) throw new SigapError('INVALID_INPUT', `Tabel golongan penghasilan BPU belum ada untuk ${formatMonthId(rates.month)}. Tambahkan di Pengaturan > Tarif.`);
  return [take('JKK', 'bpu.jkk'), 0, take('JKM', 'bpu.jkm'), take('JHT', 'bpu.jht'), 0, 0, 0];
}

/** The JKK class of every employer registration (NPP other than the Pemda's own). */
function registrationClasses(ctx: CoreContext): Map<number, number> {
  const rows = ctx.db.prepare('SELECT id, jkk_class AS c FROM employer_registration').all() as { id: number; c: number }[];
  return new Map(rows.map((r) => [r.id, r.c]));
}

function registrationOf(ctx: CoreContext, categoryId: number): number | null {
  return (ctx.db.prepare('SELECT registration_id AS r FROM category WHERE id = ?').get(categoryId) as { r: number | null } | undefined)?.r ?? null;
}

/**
 * Writes on the month's draft lines the exception each person was billed under (calc's `note`), so an
 * issued line keeps it even if the exception is later ended. Call right after the lines are inserted,
 * in the same transaction as prepareCalc.
 */
export function noteExceptionLines(ctx: CoreContext, month: string): void {
  ctx.db.prepare(
    `UPDATE invoice_line SET note = (SELECT note FROM temp.bill_exc e WHERE e.person_id = invoice_line.person_id)
     WHERE person_id IN (SELECT person_id FROM temp.bill_exc)
       AND invoice_id IN (SELECT id FROM invoice WHERE month = ? AND status = 'draft')`,
  ).run(month);
}
