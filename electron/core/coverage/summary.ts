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
import { awaitingKpj, countPending } from '../bpjs/pending';
import { coverageSettings, type CoverageSettings } from './settings';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { coverageRepo, type Counted, type MonthMoneyRow, type OpdCountRow, type VillageRow } from './coverage-repository';

export type { Counted, VillageRow } from './coverage-repository';

export const PROGRAM_LIST = ['JKK', 'JKM', 'JHT', 'JP'] as const;
export type ProgramCode = (typeof PROGRAM_LIST)[number];

export type OpdCoverage = OpdCountRow;
export interface CategoryCoverage extends Counted { categoryId: number; name: string; segment: Segment; programs: string; billed: boolean }
export type MonthMoney = MonthMoneyRow;

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

const pct = (n: number, d: number | null): number | null => (d === null || d <= 0 ? null : Math.round((n / d) * 10000) / 100);

function programSet(programs: string): Set<ProgramCode> {
  return new Set(programs.toUpperCase().split(',').map((p) => p.trim()).filter((p): p is ProgramCode => (PROGRAM_LIST as readonly string[]).includes(p)));
}

/** The money of the months from `from` to `to`: issued invoice totals and what has been paid on them. */
export async function monthMoney(ctx: CoreContext, from: string, to: string): Promise<MonthMoney[]> {
  return monthsOf(await coverageRepo.monthMoney(storeOf(ctx), from, to), from, to);
}

/** Every month from `from` to `to`, zero where no invoice was issued. */
function monthsOf(rows: MonthMoney[], from: string, to: string): MonthMoney[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const out: MonthMoney[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(byMonth.get(m) ?? { month: m, issued: 0, paid: 0 });
  return out;
}

async function lastImport(q: Queries): Promise<CoverageSummary['work']['lastImport']> {
  const row = await coverageRepo.lastImport(q);
  if (!row) return null;
  // The import writes "N masalah dilewati" into its audit summary; the rows themselves are not kept.
  const m = /(\d+) masalah dilewati/.exec(row.summary ?? '');
  return { decreeId: row.decreeId, number: row.number, at: row.at, problems: m ? Number(m[1]) : 0 };
}

/** The month's coverage, read in one transaction so that every figure describes the same moment. */
export async function coverageSummary(ctx: CoreContext, month: string): Promise<CoverageSummary> {
  return storeOf(ctx).tx('read', async (q) => {
    const settings = await coverageSettings(ctx);
    const today = await todayIso(ctx);
    const from = firstDay(month);
    const to = lastDay(month);

    const counts = await coverageRepo.counts(q, month, from, to);
    const { byOpd, totals, unitsNotBilled } = counts;
    const byCategory: CategoryCoverage[] = counts.byCategory.map((c) => ({ ...c, billed: c.billed === 1 }));

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
    const villageRows: VillageRow[] = counts.villages;
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

    // Twelve months up to this one; this month's money is the last of them.
    const trend = monthsOf(await coverageRepo.monthMoney(q, addMonths(month, -11), month), addMonths(month, -11), month);
    const thisMonth = trend[trend.length - 1]!;
    const draft = await coverageRepo.drafts(q, month);
    // unitsNotBilled (above): units with someone to bill this month (enrolled category) but no invoice at all: billing not run.

    // Arrears as of today, or as of the month's last day when looking back.
    const asOf = to < today ? to : today;
    const ar = await arrearsReport(ctx, asOf);
    const arrears = {
      asOf,
      buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, ar.totals[b]])) as Record<AgingBucket, number>,
      pastDue: ar.totals.pastDue,
      outstanding: ar.totals.outstanding,
      byOpd: ar.units.map((u) => ({ opdId: u.opdId, code: u.opdCode, name: u.opd, pastDue: u.pastDue, outstanding: u.outstanding, buckets: u.buckets })),
    };

    const pending = {} as Record<ReportKind, number>;
    for (const k of REPORT_KINDS) pending[k] = await countPending(ctx, k, today);

    return {
      month, asOf: today,
      totals: { ...totals, notEnrolled: totals.active - totals.enrolled },
      bySegment, byOpd, byCategory,
      programs: PROGRAM_LIST.map((program) => ({ program, persons: programs.get(program)! })),
      programMix, villages, paritrana,
      money: { ...thisMonth, draftInvoices: draft.n, draftTotal: draft.total, unitsNotBilled },
      trend,
      arrears,
      work: { pending, awaitingKpj: await awaitingKpj(ctx), lastImport: await lastImport(q) },
      settings,
    };
  });
}
