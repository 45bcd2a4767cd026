/**
 * Next year's dues per paying unit and budget account, for the finance office's RKA.
 *
 * Who: every engagement in an enrolled category that overlaps the year (a draft SK for the year
 * already imported counts), plus, when `renewAnnual` is on, the people whose latest engagement ends on
 * 31 December of the year before with no end reason: the yearly SK that will be renewed, assumed
 * renewed for the whole year on the same unit, category and wage. An end date inside the year (a
 * contract that runs out, a retirement) stops the months there.
 *
 * Months: a month counts when the person is engaged on at least one day of it (the billing default);
 * with several engagements in a month the latest one counts, as in the billing run.
 *
 * Rates: the dated rate rows in force in each month, so a change already entered for the year is used.
 * The JP wage cap changes every March (PP 45/2015 Ps.29); for every March after the latest entered cap
 * row, that cap is raised by the assumed growth (compounded, rounded once to the rupiah).
 *
 * Amounts: each person's monthly amount per program is rounded half-up as in billing; a line of the RKA
 * groups the person-months with the same monthly amount, so `volume x tarif = jumlah` holds exactly.
 * The employer share is what the APBD budgets; the worker share (JHT, JP) is deducted from the honor
 * and shown apart. Headroom for new staff: a percentage of each unit's total, and/or a number of
 * extra people for the whole Pemda at the average cost of a PU person-month, shown as its own lines.
 */
import { jpStopped, retirementAges } from '../billing/retirement';
import { exceptionsInForce } from '../billing/person-exceptions';
import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { SigapError } from '../../../shared/errors';
import { pad2 } from '../../../shared/dates';
import type { Segment } from '../../../shared/billing-types';
import { coverageSettings } from './settings';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { forecastRepo, type ForecastEngagementRow } from './forecast-repository';
import { monthRates, personMonth, type ForecastProgram, type JpCap, type ProgAmount } from './forecast-rates';

export type { ForecastProgram } from './forecast-rates';
export const FORECAST_PROGRAMS: readonly ForecastProgram[] = ['JKK', 'JKM', 'JHT', 'JP'];

export interface ForecastOptions {
  year: number;
  /** Assumed growth of the JP wage cap each March when no row is entered, in percent. */
  jpCapGrowthPct?: number;
  /** Extra percentage of each unit's total for new staff. */
  headroomPct?: number;
  /** Extra people for the whole Pemda, budgeted for the whole year. */
  headroomPersons?: number;
  renewAnnual?: boolean;
}

export interface ForecastLine {
  program: ForecastProgram;
  category: string;
  segment: Segment;
  /** The contribution base of the line's people (the reported wage or the BPU declared income). */
  base: number;
  rateLabel: string;
  /** Person-months. */
  volume: number;
  tariff: number;
  amount: number;
  uraian: string;
}

export interface ForecastUnit {
  opdId: number | null;
  code: string;
  name: string;
  kind: 'opd' | 'village' | 'reserve';
  budgetAccount: string | null;
  persons: number;
  personMonths: number;
  lines: ForecastLine[];
  headroom: number;
  /** Employer share of the lines plus headroom: what the unit budgets. */
  total: number;
  /** Worker share deducted from honors (not budgeted). */
  workerShare: number;
}

export interface ForecastResult {
  year: number;
  basisDate: string;
  jpCapGrowthPct: number;
  headroomPct: number;
  headroomPersons: number;
  renewAnnual: boolean;
  jpCaps: JpCap[];
  units: ForecastUnit[];
  programs: Record<ForecastProgram, number>;
  persons: number;
  personMonths: number;
  headroom: number;
  total: number;
  workerShare: number;
}

type Eng = ForecastEngagementRow;

const PROGRAM_NAMES: Record<ForecastProgram, string> = {
  JKK: 'Jaminan Kecelakaan Kerja', JKM: 'Jaminan Kematian', JHT: 'Jaminan Hari Tua', JP: 'Jaminan Pensiun',
};

/** Next year's dues, read in one transaction so that the roster, the rates and the settings agree. */
export async function forecastYear(ctx: CoreContext, o: ForecastOptions): Promise<ForecastResult> {
  const { year } = o;
  if (!Number.isInteger(year) || year < 2016 || year > 2100) throw new SigapError('INVALID_INPUT', 'Tahun anggaran tidak sah.');
  return storeOf(ctx).tx('read', (q) => forecastIn(ctx, q, o));
}

async function forecastIn(ctx: CoreContext, q: Queries, o: ForecastOptions): Promise<ForecastResult> {
  const { year } = o;
  const growth = o.jpCapGrowthPct ?? (await coverageSettings(ctx)).jpCapGrowthPct;
  const headroomPct = o.headroomPct ?? 0;
  const headroomPersons = o.headroomPersons ?? 0;
  if (!(growth >= -20 && growth <= 50)) throw new SigapError('INVALID_INPUT', 'Asumsi kenaikan batas upah JP harus antara -20% dan 50%.');
  if (!(headroomPct >= 0 && headroomPct <= 100)) throw new SigapError('INVALID_INPUT', 'Cadangan per unit harus antara 0% dan 100%.');
  if (!Number.isInteger(headroomPersons) || headroomPersons < 0 || headroomPersons > 1_000_000) throw new SigapError('INVALID_INPUT', 'Jumlah cadangan pegawai baru tidak sah.');
  const renew = o.renewAnnual ?? true;
  const yStart = `${year}-01-01`;
  const yEnd = `${year}-12-31`;
  const prevEnd = `${year - 1}-12-31`;

  const { months, caps } = await monthRates(ctx, year, growth);
  const ages = await retirementAges(ctx);
  // A person's exception covering the month replaces the category's programs and/or JKK class, as in billing.
  const exceptions: Map<number, Awaited<ReturnType<typeof exceptionsInForce>>[number]>[] = [];
  for (const mr of months) exceptions.push(new Map((await exceptionsInForce(ctx, mr.month)).map((e) => [e.personId, e])));
  // The JKK class of a registration (NPP) a unit or a category belongs to, in billing's order (calc.ts).
  const unitRegClass = await forecastRepo.registrationClasses(q, 'opd');
  const categoryRegClass = await forecastRepo.registrationClasses(q, 'category');
  const cats = new Map(months[0]!.rates.categories.map((c) => [c.id, c]));

  const inYear = await forecastRepo.inYear(q, yStart, yEnd);
  // The yearly SK assumed renewed for the whole year on the same unit, category and wage.
  const renewed: Eng[] = renew ? (await forecastRepo.toRenew(q, prevEnd)).map((e) => ({ ...e, start: yStart, end: null })) : [];

  const byPerson = new Map<number, Eng[]>();
  for (const e of [...inYear, ...renewed]) {
    let list = byPerson.get(e.person);
    if (!list) byPerson.set(e.person, (list = []));
    list.push(e);
  }

  // key: opd|cat|program|base|tariff
  const groups = new Map<string, { opd: number; cat: number; program: ForecastProgram; base: number; rateLabel: string; tariff: number; volume: number }>();
  const worker = new Map<number, number>();
  const unitPersons = new Map<number, Set<number>>();
  const unitMonths = new Map<number, number>();
  const amountCache = new Map<string, { base: number; amounts: ProgAmount[] }>();
  for (const [person, engs] of byPerson) {
    for (let m = 0; m < 12; m++) {
      const mFirst = `${year}-${pad2(m + 1)}-01`;
      const mLast = `${year}-${pad2(m + 1)}-31`;
      let cur: Eng | undefined;
      for (const e of engs) if (e.start <= mLast && (e.end === null || e.end >= mFirst)) cur = e;
      if (!cur) continue;
      const cat = cats.get(cur.cat);
      if (!cat) continue;
      const retired = jpStopped(cur.birth, mFirst.slice(0, 7), ages);
      const exc = exceptions[m]!.get(person);
      const jkkClass = exc?.jkkClass ?? cat.jkkClass ?? unitRegClass.get(cur.opd) ?? categoryRegClass.get(cur.cat) ?? null;
      const key = `${m}|${cur.cat}|${cur.wage}|${retired ? 1 : 0}|${exc ? exc.id : ''}|${jkkClass ?? ''}`;
      let pm = amountCache.get(key);
      const billedAs = { ...cat, programs: exc?.programs?.join(',') ?? cat.programs, jkkClass };
      if (!pm) amountCache.set(key, (pm = personMonth(months[m]!, billedAs, cur.wage, retired)));
      let set = unitPersons.get(cur.opd);
      if (!set) unitPersons.set(cur.opd, (set = new Set()));
      set.add(person);
      unitMonths.set(cur.opd, (unitMonths.get(cur.opd) ?? 0) + 1);
      for (const a of pm.amounts) {
        const gk = `${cur.opd}|${cur.cat}|${a.program}|${pm.base}|${a.employer}|${a.rateLabel}`;
        const g = groups.get(gk);
        if (g) g.volume++;
        else groups.set(gk, { opd: cur.opd, cat: cur.cat, program: a.program, base: pm.base, rateLabel: a.rateLabel, tariff: a.employer, volume: 1 });
        if (a.worker) worker.set(cur.opd, (worker.get(cur.opd) ?? 0) + a.worker);
      }
    }
  }

  const opds = await forecastRepo.units(q);
  const programs: Record<ForecastProgram, number> = { JKK: 0, JKM: 0, JHT: 0, JP: 0 };
  const units: ForecastUnit[] = [];
  const order = (p: ForecastProgram) => FORECAST_PROGRAMS.indexOf(p);
  let puMonths = 0;
  for (const u of opds) {
    const lines: ForecastLine[] = [...groups.values()]
      .filter((g) => g.opd === u.id)
      .map((g) => {
        const c = cats.get(g.cat)!;
        return {
          program: g.program, category: c.name, segment: c.segment, base: g.base, rateLabel: g.rateLabel, volume: g.volume,
          tariff: g.tariff, amount: g.tariff * g.volume,
          uraian: `Iuran ${PROGRAM_NAMES[g.program]} (${g.program}) ${c.segment === 'BPU' ? 'BPU' : g.rateLabel} - ${c.name}, dasar Rp${g.base.toLocaleString('id-ID')}`,
        };
      })
      .sort((a, b) => order(a.program) - order(b.program) || a.category.localeCompare(b.category) || a.base - b.base || a.tariff - b.tariff);
    if (lines.length === 0) continue;
    const sum = lines.reduce((s, l) => s + l.amount, 0);
    const headroom = Math.round((sum * headroomPct) / 100);
    for (const l of lines) programs[l.program] += l.amount;
    const personMonths = unitMonths.get(u.id) ?? 0;
    units.push({
      opdId: u.id, code: u.code, name: u.name, kind: u.kind, budgetAccount: u.budgetAccount,
      persons: unitPersons.get(u.id)?.size ?? 0, personMonths, lines, headroom, total: sum + headroom, workerShare: worker.get(u.id) ?? 0,
    });
  }
  // PU person-months, for the average cost of an extra person.
  for (const g of groups.values()) if (cats.get(g.cat)!.segment === 'PU' && g.program === 'JKK') puMonths += g.volume;
  if (headroomPersons > 0 && puMonths > 0) {
    const volume = headroomPersons * 12;
    const lines: ForecastLine[] = [];
    for (const program of FORECAST_PROGRAMS) {
      const progAmount = [...groups.values()].filter((g) => g.program === program && cats.get(g.cat)!.segment === 'PU').reduce((s, g) => s + g.tariff * g.volume, 0);
      if (progAmount === 0) continue;
      const tariff = Math.round(progAmount / puMonths);
      lines.push({ program, category: 'Pegawai baru (perkiraan)', segment: 'PU', base: 0, rateLabel: 'rata-rata', volume, tariff, amount: tariff * volume, uraian: `Cadangan iuran ${PROGRAM_NAMES[program]} (${program}) untuk ${headroomPersons} pegawai baru, rata-rata per orang per bulan` });
    }
    const sum = lines.reduce((s, l) => s + l.amount, 0);
    for (const l of lines) programs[l.program] += l.amount;
    units.push({ opdId: null, code: 'CADANGAN', name: 'Cadangan pegawai baru', kind: 'reserve', budgetAccount: null, persons: headroomPersons, personMonths: volume, lines, headroom: 0, total: sum, workerShare: 0 });
  }
  return {
    year, basisDate: await todayIso(ctx), jpCapGrowthPct: growth, headroomPct, headroomPersons, renewAnnual: renew, jpCaps: caps,
    units, programs,
    persons: byPerson.size + headroomPersons,
    personMonths: units.reduce((s, u) => s + u.personMonths, 0),
    headroom: units.reduce((s, u) => s + u.headroom, 0),
    total: units.reduce((s, u) => s + u.total, 0),
    workerShare: units.reduce((s, u) => s + u.workerShare, 0),
  };
}
