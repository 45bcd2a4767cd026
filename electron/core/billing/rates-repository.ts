/**
 * The dated rate tables' SQL (rate_param, bpu_bracket) and the few rows a month's rate snapshot reads
 * beside them (the Pemda's JKK class, the categories). Rules live in rates.ts and rates-edit.ts.
 */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import type { Confidence, ParamInForce, Segment } from '../../../shared/billing-types';

export interface RateParamDbRow {
  key: string;
  effectiveMonth: string;
  value: number;
  source: string;
  confidence: Confidence;
  note: string | null;
}

export interface BracketDbRow {
  m: string;
  incomeFrom: number;
  declaredIncome: number;
  source: string;
  confidence: Confidence;
}

export interface RateCategoryRow {
  id: number;
  name: string;
  segment: Segment;
  programs: string;
  jkkClass: number | null;
  enrolled: number;
}

export interface RateParamValues {
  value: number;
  source: string;
  confidence: Confidence;
  note: string | null;
}

export const rateRepo = {
  /** Every parameter row, by key then effective month. */
  allParams(q: Queries): Promise<RateParamDbRow[]> {
    return q.all<RateParamDbRow>(sql`SELECT key, effective_month AS "effectiveMonth", value, source, confidence, note FROM rate_param ORDER BY key, effective_month`);
  },

  /** Every BPU bracket row, by effective month then income; `month` limits it to one table. */
  brackets(q: Queries, month: string | null = null): Promise<BracketDbRow[]> {
    const only = month === null ? sql`` : sql`WHERE effective_month = ${month}`;
    return q.all<BracketDbRow>(sql`SELECT effective_month AS m, income_from AS "incomeFrom", declared_income AS "declaredIncome", source, confidence
      FROM bpu_bracket ${only} ORDER BY effective_month, income_from`);
  },

  /** The row of one parameter in force in `month` (the latest effective month on or before it). */
  paramAt(q: Queries, key: string, month: string): Promise<ParamInForce | undefined> {
    return q.one<ParamInForce>(sql`SELECT value, effective_month AS "effectiveMonth", source, confidence FROM rate_param
      WHERE key = ${key} AND effective_month <= ${month} ORDER BY effective_month DESC LIMIT 1`);
  },

  /** Every parameter's row in force in `month`. */
  paramsInForce(q: Queries, month: string): Promise<(ParamInForce & { key: string })[]> {
    return q.all<ParamInForce & { key: string }>(sql`SELECT key, value, effective_month AS "effectiveMonth", source, confidence FROM rate_param r
      WHERE effective_month = (SELECT max(effective_month) FROM rate_param WHERE key = r.key AND effective_month <= ${month})
      ORDER BY key`);
  },

  /** The effective month of the bracket table in force in `month`, or null. */
  async bracketMonthAt(q: Queries, month: string): Promise<string | null> {
    return (await q.one<{ m: string | null }>(sql`SELECT max(effective_month) AS m FROM bpu_bracket WHERE effective_month <= ${month}`))?.m ?? null;
  },

  /** The Pemda's JKK class, undefined without an employer profile. */
  async employerJkkClass(q: Queries): Promise<number | undefined> {
    return (await q.one<{ c: number }>(sql`SELECT jkk_class AS c FROM employer WHERE id = 1`))?.c;
  },

  categories(q: Queries): Promise<RateCategoryRow[]> {
    return q.all<RateCategoryRow>(sql`SELECT id, name, segment, programs, jkk_class AS "jkkClass", enrolled FROM category ORDER BY id`);
  },

  paramRow(q: Queries, key: string, effectiveMonth: string): Promise<RateParamValues | undefined> {
    return q.one<RateParamValues>(sql`SELECT value, source, confidence, note FROM rate_param WHERE key = ${key} AND effective_month = ${effectiveMonth}`);
  },

  async countParam(q: Queries, key: string): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM rate_param WHERE key = ${key}`))!.n;
  },

  upsertParam(q: Queries, key: string, effectiveMonth: string, v: RateParamValues, at: string, by: string) {
    return q.run(sql`INSERT INTO rate_param (key, effective_month, value, source, confidence, note, updated_at, updated_by)
      VALUES (${key}, ${effectiveMonth}, ${v.value}, ${v.source}, ${v.confidence}, ${v.note}, ${at}, ${by})
      ON CONFLICT (key, effective_month) DO UPDATE SET value = excluded.value, source = excluded.source, confidence = excluded.confidence,
        note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  },

  deleteParam(q: Queries, key: string, effectiveMonth: string) {
    return q.run(sql`DELETE FROM rate_param WHERE key = ${key} AND effective_month = ${effectiveMonth}`);
  },

  deleteBrackets(q: Queries, effectiveMonth: string) {
    return q.run(sql`DELETE FROM bpu_bracket WHERE effective_month = ${effectiveMonth}`);
  },

  insertBracket(q: Queries, effectiveMonth: string, b: { incomeFrom: number; declaredIncome: number }, source: string, confidence: Confidence, at: string, by: string) {
    return q.run(sql`INSERT INTO bpu_bracket (effective_month, income_from, declared_income, source, confidence, updated_at, updated_by)
      VALUES (${effectiveMonth}, ${b.incomeFrom}, ${b.declaredIncome}, ${source}, ${confidence}, ${at}, ${by})`);
  },

  /** The dated JP retirement ages, oldest first. */
  retirementAges(q: Queries): Promise<{ effectiveMonth: string; age: number; source: string }[]> {
    return q.all(sql`SELECT effective_month AS "effectiveMonth", value AS age, source FROM rate_param WHERE key = 'pu.jp.retirement_age' ORDER BY effective_month`);
  },
};
