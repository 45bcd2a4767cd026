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
 * bracket. JP uses the base capped by the JP wage cap, and stops at the retirement age in force.
 * Each program is `(base * bp + 5000) / 10000` in integer SQL: rounded half-up to the rupiah per
 * person and program, the same formula as `applyBp`. A line's total is a generated column (their sum).
 */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { firstDay, formatMonthId, lastDay } from '../../../shared/dates';
import type { RateParamKey, RatesInForce, Segment } from '../../../shared/billing-types';
import { monthRuleOf, requireParam } from './rates';
import { baseRules, puBaseSql, wageSql } from './base';

/** The columns `calc` yields and `invoice_line` stores, in the same order (total is generated). */
export const LINE_COLUMNS = 'nik, name, kpj, category, jkk_class, wage, base, jp_base, jkk, jkm, jht_employer, jht_worker, jp_employer, jp_worker';
export const AMOUNT_COLUMNS = ['jkk', 'jkm', 'jht_employer', 'jht_worker', 'jp_employer', 'jp_worker'] as const;

// Rates are per category, so the per-row work is arithmetic only. The bracket is a range join.
export const CALC_CTE = `
  calc AS (
    SELECT person_id, engagement_id, opd_id, segment, nik, name, kpj, category, jkk_class, wage, base, jp_base,
           (base * jkk_bp + 5000) / 10000 AS jkk,
           (base * jkm_bp + 5000) / 10000 + jkm_flat AS jkm,
           (base * jht_employer_bp + 5000) / 10000 AS jht_employer,
           (base * jht_worker_bp + 5000) / 10000 AS jht_worker,
           (jp_base * jp_employer_bp + 5000) / 10000 AS jp_employer,
           (jp_base * jp_worker_bp + 5000) / 10000 AS jp_worker
    FROM (
      -- JP only before retirement age (PP 45/2015 Ps.15): the month in which the person reaches it is
      -- still billed unless it is reached on the 1st; later months are not. No birth date: billed.
      SELECT b.*, CASE WHEN b.has_jp AND (@retireAge IS NULL OR b.birth_date IS NULL OR date(b.birth_date, '+' || @retireAge || ' years') > @monthStart)
                       THEN min(b.base, @jpCap) ELSE 0 END AS jp_base
      FROM (
        SELECT x.person_id, x.engagement_id, x.opd_id, k.segment, p.nik, p.name, p.kpj, p.birth_date, k.name AS category, k.jkk_class,
               k.jkk_bp, k.jkm_bp, k.jkm_flat, k.jht_employer_bp, k.jht_worker_bp, k.jp_employer_bp, k.jp_worker_bp, k.has_jp,
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
        LEFT JOIN temp.bill_bracket br ON k.segment = 'BPU' AND x.wage >= br.income_from AND x.wage < br.income_to
      ) b
    )
  )`;

interface CategoryRates {
  id: number;
  segment: Segment;
  name: string;
  jkk_class: number | null;
  jkk_bp: number;
  jkm_bp: number;
  jkm_flat: number;
  jht_employer_bp: number;
  jht_worker_bp: number;
  jp_employer_bp: number;
  jp_worker_bp: number;
  has_jp: number;
}

/** The rate of each program of one category, with a message naming any rate that is missing. */
function categoryRates(rates: RatesInForce, c: RatesInForce['categories'][number]): CategoryRates {
  const progs = new Set(c.programs.toUpperCase().split(',').map((p) => p.trim()));
  const take = (program: string, key: RateParamKey) => (progs.has(program) ? requireParam(rates, key) : 0);
  if (c.segment === 'PU') {
    const jkkClass = c.jkkClass ?? rates.employerJkkClass;
    const hasJp = progs.has('JP');
    if (hasJp) requireParam(rates, 'pu.jp.wage_cap');
    return {
      id: c.id, segment: 'PU', name: c.name, jkk_class: jkkClass,
      jkk_bp: take('JKK', `pu.jkk.${jkkClass}` as RateParamKey), jkm_bp: take('JKM', 'pu.jkm'), jkm_flat: 0,
      jht_employer_bp: take('JHT', 'pu.jht.employer'), jht_worker_bp: take('JHT', 'pu.jht.worker'),
      jp_employer_bp: take('JP', 'pu.jp.employer'), jp_worker_bp: take('JP', 'pu.jp.worker'), has_jp: hasJp ? 1 : 0,
    };
  }
  if (!rates.bpuBrackets) throw new SigapError('INVALID_INPUT', `Tabel golongan penghasilan BPU belum ada untuk ${formatMonthId(rates.month)}. Tambahkan di Pengaturan > Tarif.`);
  // BPU has no employer and no JP: the paying unit pays the whole iuran, shown as its share.
  return {
    id: c.id, segment: 'BPU', name: c.name, jkk_class: null,
    jkk_bp: take('JKK', 'bpu.jkk'), jkm_bp: 0, jkm_flat: take('JKM', 'bpu.jkm'),
    jht_employer_bp: take('JHT', 'bpu.jht'), jht_worker_bp: 0, jp_employer_bp: 0, jp_worker_bp: 0, has_jp: 0,
  };
}

/** The engagement date bounds of a month under the month rule. */
function monthBounds(month: string, rates: RatesInForce): { monthStart: string; startBy: string } {
  return { monthStart: firstDay(month), startBy: monthRuleOf(rates) === 'first_day' ? firstDay(month) : lastDay(month) };
}

/**
 * Writes temp.bill_cat and temp.bill_bracket for `month` and returns the parameters of CALC_CTE.
 * Only categories with someone to bill are checked, so a rate nobody needs (the JP cap before 2019
 * when no category takes JP) never stops the run. Call inside the run's transaction.
 */
export function prepareCalc(ctx: CoreContext, month: string, rates: RatesInForce): Record<string, string | bigint | null> {
  ctx.db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS bill_cat (
      id INTEGER PRIMARY KEY, segment TEXT NOT NULL, name TEXT NOT NULL, jkk_class INTEGER,
      jkk_bp INTEGER NOT NULL, jkm_bp INTEGER NOT NULL, jkm_flat INTEGER NOT NULL, jht_employer_bp INTEGER NOT NULL,
      jht_worker_bp INTEGER NOT NULL, jp_employer_bp INTEGER NOT NULL, jp_worker_bp INTEGER NOT NULL, has_jp INTEGER NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS bill_bracket (income_from INTEGER PRIMARY KEY, income_to INTEGER NOT NULL, declared_income INTEGER NOT NULL);
    DELETE FROM temp.bill_cat;
    DELETE FROM temp.bill_bracket;`);
  const bounds = monthBounds(month, rates);
  // Latest starts first: in a long history the active engagements are the recent ones.
  const inUse = ctx.db.prepare(
    'SELECT 1 FROM engagement WHERE category_id = ? AND start_date <= @startBy AND (end_date IS NULL OR end_date >= @monthStart) ORDER BY start_date DESC LIMIT 1',
  );
  const insCat = ctx.db.prepare(
    `INSERT INTO temp.bill_cat VALUES (@id, @segment, @name, @jkk_class, @jkk_bp, @jkm_bp, @jkm_flat, @jht_employer_bp, @jht_worker_bp, @jp_employer_bp, @jp_worker_bp, @has_jp)`,
  );
  for (const c of rates.categories) {
    if (c.enrolled && inUse.get(c.id, bounds)) insCat.run(categoryRates(rates, c));
  }
  const rules = baseRules(rates);
  const insBracket = ctx.db.prepare('INSERT INTO temp.bill_bracket VALUES (?, ?, ?)');
  for (const b of rules.brackets ?? []) insBracket.run(b.incomeFrom, b.incomeTo, b.declaredIncome);
  const cap = rates.params['pu.jp.wage_cap']?.value;
  const retireAge = rates.params['pu.jp.retirement_age']?.value;
  // better-sqlite3 binds a JS number as REAL, which would make the integer division fractional; BigInt binds INTEGER.
  return { ...bounds, floor: BigInt(rules.floor), jpCap: cap === undefined ? null : BigInt(cap), retireAge: retireAge === undefined ? null : BigInt(retireAge) };
}
