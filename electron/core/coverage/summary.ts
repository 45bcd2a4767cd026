/**
 * Coverage for a month (the Beranda dashboard, `sigap coverage`, the coverage report): who is on an
 * active SK against who is enrolled (has a KPJ), by unit, category, segment and program; villages
 * against the pekerja rentan quota; the working population as the Paritrana Award counts it; money
 * (issued, paid, arrears, a twelve-month trend) and the work waiting.
 *
 * "On an SK in the month" is the roster's own rule (roster/query.ts): each person's latest engagement
 * that started by the end of the month, when it has not ended before the month. So each number here is
 * the count of the roster list it links to.
 */
import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { addMonths, firstDay, lastDay } from '../../../shared/dates';
import { AGING_BUCKETS, type AgingBucket, type Segment } from '../../../shared/billing-types';
import { REPORT_KINDS, type ReportKind } from '../../../shared/sipp-layouts';
import { arrearsReport } from '../billing/arrears';
import { awaitingKpj, iteratePending } from '../bpjs/pending';
import { coverageSettings, type CoverageSettings } from './settings';

export const PROGRAM_LIST = ['JKK', 'JKM', 'JHT', 'JP'] as const;
export type ProgramCode = (typeof PROGRAM_LIST)[number];

export interface Counted { active: number; enrolled: number }
export interface OpdCoverage extends Counted { opdId: number; code: string; name: string; kind: 'opd' | 'village' }
export interface CategoryCoverage extends Counted { categoryId: number; name: string; segment: Segment; programs: string; billed: boolean }
export interface VillageRow { opdId: number; code: string; name: string; rentan: number; enrolled: number }
export interface MonthMoney { month: string; issued: number; paid: number }

export interface CoverageSummary {
  month: string;
  asOf: string;
  totals: Counted & { notEnrolled: number };
  bySegment: Record<Segment, Counted>;
  byOpd: OpdCoverage[];
  byCategory: CategoryCoverage[];
  /** Enrolled people per program (from their category's program set). */
  programs: { program: ProgramCode; persons: number }[];
  /** Enrolled people by program set: JKK+JKM only, all four, anything else. */
  programMix: { jkkJkmOnly: number; allFour: number; other: number };
  villages: {
    quota: number; count: number; meeting: number; rentanEnrolled: number; target: number;
    /** Villages under the quota, fewest first (at most 50). */
    below: VillageRow[];
  };
  paritrana: {
    year: number | null; semestaPekerja: number | null; regionCoveredPu: number | null; regionCoveredBpu: number | null;
    /** Covered workers against the working population, percent with 2 decimals; null without the figures. */
    regionPct: number | null;
    /** The Pemda's own non-ASN on SK that are enrolled, percent with 2 decimals. */
    nonAsnPct: number | null;
  };
  money: MonthMoney & { draftInvoices: number; draftTotal: number; unitsNotBilled: number };
  trend: MonthMoney[];
  arrears: { asOf: string; buckets: Record<AgingBucket, number>; pastDue: number; outstanding: number; byOpd: { opdId: number; code: string; name: string; pastDue: number; outstanding: number; buckets: Record<AgingBucket, number> }[] };
  work: { pending: Record<ReportKind, number>; awaitingKpj: number; lastImport: { decreeId: number; number: string; at: string; problems: number } | null };
  settings: CoverageSettings;
}

/** Each person's engagement that counts for the month, exactly as the roster picks it. */
const CURRENT = `
  SELECT e.person_id, e.opd_id, e.category_id, p.kpj IS NOT NULL AS enrolled
  FROM engagement e JOIN person p ON p.id = e.person_id
  WHERE e.start_date <= @to AND (e.end_date IS NULL OR e.end_date >= @from)
    AND NOT EXISTS (SELECT 1 FROM engagement n WHERE n.person_id = e.person_id AND n.start_date > e.start_date AND n.start_date <= @to)`;

const pct = (n: number, d: number | null): number | null => (d === null || d <= 0 ? null : Math.round((n / d) * 10000) / 100);

function programSet(programs: string): Set<ProgramCode> {
  return new Set(programs.toUpperCase().split(',').map((p) => p.trim()).filter((p): p is ProgramCode => (PROGRAM_LIST as readonly string[]).includes(p)));
}

/** The money of the months from `from` to `to`: issued invoice totals and what has been paid on them. */
export function monthMoney(ctx: CoreContext, from: string, to: string): MonthMoney[] {
  const rows = ctx.db
    .prepare(
      `SELECT i.month, sum(i.total) AS issued, coalesce(sum((SELECT sum(amount) FROM payment p WHERE p.invoice_id = i.id)), 0) AS paid
       FROM invoice i WHERE i.status = 'issued' AND i.month BETWEEN ? AND ? GROUP BY i.month`,
    )
    .all(from, to) as MonthMoney[];
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const out: MonthMoney[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(byMonth.get(m) ?? { month: m, issued: 0, paid: 0 });
  return out;
}

function lastImport(ctx: CoreContext): CoverageSummary['work']['lastImport'] {
  const row = ctx.db
    .prepare("SELECT a.entity_id AS decreeId, a.at, a.summary, d.number FROM audit_log a JOIN decree d ON d.id = a.entity_id WHERE a.entity = 'decree' AND a.action = 'import' ORDER BY a.id DESC LIMIT 1")
    .get() as { decreeId: number; at: string; summary: string | null; number: string } | undefined;
  if (!row) return null;
  // The import writes "N masalah dilewati" into its audit summary; the rows themselves are not kept.
  const m = /(\d+) masalah dilewati/.exec(row.summary ?? '');
  return { decreeId: row.decreeId, number: row.number, at: row.at, problems: m ? Number(m[1]) : 0 };
}

export function coverageSummary(ctx: CoreContext, month: string): CoverageSummary {
  const settings = coverageSettings(ctx);
  const today = todayIso(ctx);
  const p = { from: firstDay(month), to: lastDay(month) };
  const db = ctx.db;

  const byOpd = db
    .prepare(
      `SELECT o.id AS opdId, o.code, o.name, o.kind, count(DISTINCT x.person_id) AS active,
              count(DISTINCT CASE WHEN x.enrolled THEN x.person_id END) AS enrolled
       FROM (${CURRENT}) x JOIN opd o ON o.id = x.opd_id GROUP BY o.id ORDER BY active DESC, o.code`,
    )
    .all(p) as OpdCoverage[];
  const catRows = db
    .prepare(
      `SELECT c.id AS categoryId, c.name, c.segment, c.programs, c.enrolled AS billed, count(DISTINCT x.person_id) AS active,
              count(DISTINCT CASE WHEN x.enrolled THEN x.person_id END) AS enrolled
       FROM (${CURRENT}) x JOIN category c ON c.id = x.category_id GROUP BY c.id ORDER BY c.id`,
    )
    .all(p) as (Omit<CategoryCoverage, 'billed'> & { billed: number })[];
  const byCategory: CategoryCoverage[] = catRows.map((c) => ({ ...c, billed: c.billed === 1 }));
  const totals = db
    .prepare(`SELECT count(DISTINCT person_id) AS active, count(DISTINCT CASE WHEN enrolled THEN person_id END) AS enrolled FROM (${CURRENT})`)
    .get(p) as Counted;

  const bySegment: Record<Segment, Counted> = { PU: { active: 0, enrolled: 0 }, BPU: { active: 0, enrolled: 0 } };
  const programs = new Map<ProgramCode, number>(PROGRAM_LIST.map((x) => [x, 0]));
  const programMix = { jkkJkmOnly: 0, allFour: 0, other: 0 };
  for (const c of byCategory) {
    bySegment[c.segment].active += c.active;
    bySegment[c.segment].enrolled += c.enrolled;
    const set = programSet(c.programs);
    for (const prog of set) programs.set(prog, programs.get(prog)! + c.enrolled);
    if (set.size === 2 && set.has('JKK') && set.has('JKM')) programMix.jkkJkmOnly += c.enrolled;
    else if (set.size === 4) programMix.allFour += c.enrolled;
    else programMix.other += c.enrolled;
  }

  // Villages: pekerja rentan (BPU categories) on SK per village unit, with a KPJ counting as covered.
  const villageRows = db
    .prepare(
      `SELECT o.id AS opdId, o.code, o.name,
              count(DISTINCT CASE WHEN c.segment = 'BPU' THEN x.person_id END) AS rentan,
              count(DISTINCT CASE WHEN c.segment = 'BPU' AND x.enrolled THEN x.person_id END) AS enrolled
       FROM opd o LEFT JOIN (${CURRENT}) x ON x.opd_id = o.id LEFT JOIN category c ON c.id = x.category_id
       WHERE o.kind = 'village' GROUP BY o.id ORDER BY enrolled, o.code`,
    )
    .all(p) as VillageRow[];
  const quota = settings.villageQuota;
  const villages = {
    quota,
    count: villageRows.length,
    meeting: villageRows.filter((v) => v.enrolled >= quota).length,
    rentanEnrolled: villageRows.reduce((s, v) => s + v.enrolled, 0),
    target: villageRows.length * quota,
    below: villageRows.filter((v) => v.enrolled < quota).slice(0, 50),
  };

  const regionCovered = settings.regionCoveredPu === null && settings.regionCoveredBpu === null ? null : (settings.regionCoveredPu ?? 0) + (settings.regionCoveredBpu ?? 0);
  const paritrana = {
    year: settings.semestaYear,
    semestaPekerja: settings.semestaPekerja,
    regionCoveredPu: settings.regionCoveredPu,
    regionCoveredBpu: settings.regionCoveredBpu,
    regionPct: regionCovered === null ? null : pct(regionCovered, settings.semestaPekerja),
    nonAsnPct: pct(bySegment.PU.enrolled, bySegment.PU.active),
  };

  const [thisMonth] = monthMoney(ctx, month, month);
  const draft = db.prepare("SELECT count(*) AS n, coalesce(sum(total), 0) AS total FROM invoice WHERE month = ? AND status = 'draft'").get(month) as { n: number; total: number };
  // Units with someone to bill this month (enrolled category) but no invoice at all: billing not run.
  const unitsNotBilled = (db
    .prepare(
      `SELECT count(DISTINCT x.opd_id) AS n FROM (${CURRENT}) x JOIN category c ON c.id = x.category_id
       WHERE c.enrolled = 1 AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.month = @month AND i.opd_id = x.opd_id)`,
    )
    .get({ ...p, month }) as { n: number }).n;

  // Arrears as of today, or as of the month's last day when looking back.
  const asOf = p.to < today ? p.to : today;
  const ar = arrearsReport(ctx, asOf);
  const arrears = {
    asOf,
    buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, ar.totals[b]])) as Record<AgingBucket, number>,
    pastDue: ar.totals.pastDue,
    outstanding: ar.totals.outstanding,
    byOpd: ar.units.map((u) => ({ opdId: u.opdId, code: u.opdCode, name: u.opd, pastDue: u.pastDue, outstanding: u.outstanding, buckets: u.buckets })),
  };

  const pending = Object.fromEntries(REPORT_KINDS.map((k) => {
    let n = 0;
    for (const _ of iteratePending(ctx, k, today)) n++;
    return [k, n];
  })) as Record<ReportKind, number>;

  return {
    month, asOf: today,
    totals: { ...totals, notEnrolled: totals.active - totals.enrolled },
    bySegment, byOpd, byCategory,
    programs: PROGRAM_LIST.map((program) => ({ program, persons: programs.get(program)! })),
    programMix, villages, paritrana,
    money: { ...thisMonth!, draftInvoices: draft.n, draftTotal: draft.total, unitsNotBilled },
    trend: monthMoney(ctx, addMonths(month, -11), month),
    arrears,
    work: { pending, awaitingKpj: awaitingKpj(ctx), lastImport: lastImport(ctx) },
    settings,
  };
}
