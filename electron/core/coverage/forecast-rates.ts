/**
 * The forecast's rates: each month's rates in force with the JP wage cap raised by the assumed growth
 * every March after the latest entered cap, and one person's monthly amounts under them (the billing
 * run's rules: each amount rounded half-up).
 */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { pad2 } from '../../../shared/dates';
import type { RateParamKey, RatesInForce } from '../../../shared/billing-types';
import { ratesForMonth, requireParam } from '../billing/rates';
import { applyBp, formatBp } from '../billing/round';

export type ForecastProgram = 'JKK' | 'JKM' | 'JHT' | 'JP';

/** A JP cap and the month it starts; `assumed` when raised by the growth, not entered. */
export interface JpCap { month: string; cap: number; assumed: boolean }

export interface MonthRates {
  month: string;
  rates: RatesInForce;
  jpCap: number | null;
}

/** Marches after `from` up to and including `month` (both YYYY-MM): the cap adjustments in between. */
function marchesBetween(from: string, month: string): number {
  let n = 0;
  for (let y = Number(from.slice(0, 4)); y <= Number(month.slice(0, 4)); y++) {
    const march = `${y}-03`;
    if (march > from && march <= month) n++;
  }
  return n;
}

/**
 * The JP cap of each month of the year: the entered row in force, raised by the assumed growth for
 * every March since that row took effect (compounded, rounded once to the rupiah).
 */
export async function monthRates(ctx: CoreContext, year: number, growthPct: number): Promise<{ months: MonthRates[]; caps: JpCap[] }> {
  const months: MonthRates[] = [];
  const caps: JpCap[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${pad2(m)}`;
    const rates = await ratesForMonth(ctx, month);
    const entered = rates.params['pu.jp.wage_cap'];
    let cap = entered?.value ?? null;
    let assumed = false;
    const steps = entered ? marchesBetween(entered.effectiveMonth, month) : 0;
    if (cap !== null && steps > 0) {
      cap = Math.round(cap * (1 + growthPct / 100) ** steps);
      assumed = true;
    }
    months.push({ month, rates, jpCap: cap });
    if (cap !== null && (caps.length === 0 || caps[caps.length - 1]!.cap !== cap)) caps.push({ month, cap, assumed });
  }
  return { months, caps };
}

export interface ProgAmount { program: ForecastProgram; rateLabel: string; employer: number; worker: number }

/** One person's monthly amounts per program under a month's rates (the billing run's rules). */
export function personMonth(mr: MonthRates, cat: RatesInForce['categories'][number], wage: number, pastJp = false): { base: number; amounts: ProgAmount[] } {
  const r = mr.rates;
  const progs = new Set(cat.programs.toUpperCase().split(',').map((p) => p.trim()));
  const out: ProgAmount[] = [];
  if (cat.segment === 'PU') {
    const base = Math.max(wage, requireParam(r, 'pu.wage_floor'));
    const cls = cat.jkkClass ?? r.employerJkkClass;
    const bp = (k: RateParamKey) => requireParam(r, k);
    if (progs.has('JKK')) out.push({ program: 'JKK', rateLabel: formatBp(bp(`pu.jkk.${cls}` as RateParamKey)), employer: applyBp(base, bp(`pu.jkk.${cls}` as RateParamKey)), worker: 0 });
    if (progs.has('JKM')) out.push({ program: 'JKM', rateLabel: formatBp(bp('pu.jkm')), employer: applyBp(base, bp('pu.jkm')), worker: 0 });
    if (progs.has('JHT')) out.push({ program: 'JHT', rateLabel: `${formatBp(bp('pu.jht.employer'))} + ${formatBp(bp('pu.jht.worker'))}`, employer: applyBp(base, bp('pu.jht.employer')), worker: applyBp(base, bp('pu.jht.worker')) });
    if (progs.has('JP') && !pastJp) {
      if (mr.jpCap === null) throw new SigapError('INVALID_INPUT', `Batas upah JP belum ada untuk ${mr.month}. Tambahkan di Pengaturan > Tarif.`);
      const jpBase = Math.min(base, mr.jpCap);
      out.push({ program: 'JP', rateLabel: `${formatBp(bp('pu.jp.employer'))} + ${formatBp(bp('pu.jp.worker'))}`, employer: applyBp(jpBase, bp('pu.jp.employer')), worker: applyBp(jpBase, bp('pu.jp.worker')) });
    }
    return { base, amounts: out };
  }
  const brackets = r.bpuBrackets?.brackets ?? [];
  if (brackets.length === 0) throw new SigapError('INVALID_INPUT', `Tabel golongan penghasilan BPU belum ada untuk ${mr.month}.`);
  let base = brackets[0]!.declaredIncome;
  for (const b of brackets) if (wage >= b.incomeFrom) base = b.declaredIncome;
  if (progs.has('JKK')) out.push({ program: 'JKK', rateLabel: formatBp(requireParam(r, 'bpu.jkk')), employer: applyBp(base, requireParam(r, 'bpu.jkk')), worker: 0 });
  if (progs.has('JKM')) out.push({ program: 'JKM', rateLabel: 'tetap', employer: requireParam(r, 'bpu.jkm'), worker: 0 });
  if (progs.has('JHT')) out.push({ program: 'JHT', rateLabel: formatBp(requireParam(r, 'bpu.jht')), employer: applyBp(base, requireParam(r, 'bpu.jht')), worker: 0 });
  return { base, amounts: out };
}
