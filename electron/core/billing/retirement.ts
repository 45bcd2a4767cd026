/**
 * JP stops at retirement age (PP 45/2015 Ps.15; the dated `pu.jp.retirement_age` rows of migration
 * 0110). The age in force rises over time (58 from 2022, 59 from 2025, 60 from 2028 ...), but a person
 * who reached the age in force once has retired: a later, higher age does not bring JP back. So a person
 * has no JP in `month` when, in some month up to it, they had reached the age then in force by its 1st
 * (the month in which the age is reached is still billed unless it is reached on the 1st).
 *
 * Reaching age A by day D (a 1st) is the same as being born on or before D minus A years (SQLite's
 * date(birth, '+A years') rolls 29 February to 1 March, and a 1st minus A years is always a 1st, so
 * both agree). The whole rule for a month is therefore one birth date, the cutoff: born on or before
 * it, no JP. The billing run, the forecast, the BPJS files and the person page all use these functions.
 */
import type { CoreContext } from '../context';
import { storeOf } from '../store/of-context';
import { rateRepo } from './rates-repository';
import { addMonths, firstDay, formatDateId, formatMonthId, isIsoDate } from '../../../shared/dates';

export interface RetirementAge {
  /** The first month the age is in force. */
  effectiveMonth: string;
  age: number;
  source: string;
}

/** The dated retirement ages, oldest first. */
export async function retirementAges(ctx: CoreContext): Promise<RetirementAge[]> {
  return rateRepo.retirementAges(storeOf(ctx));
}

const minusYears = (iso: string, years: number): string => `${String(Number(iso.slice(0, 4)) - years).padStart(4, '0')}${iso.slice(4)}`;

/**
 * The latest birth date of a person past retirement age by `month`: born on or before it, no JP.
 * Null when no age is in force yet (JP is billed). For each age row the check is made at the last
 * month it was in force up to `month` (the day that gives the latest cutoff within its period).
 */
export function jpBirthCutoff(month: string, ages: readonly RetirementAge[]): string | null {
  let cutoff: string | null = null;
  ages.forEach((a, i) => {
    if (a.effectiveMonth > month) return;
    const next = ages[i + 1];
    const last = next && next.effectiveMonth <= month ? addMonths(next.effectiveMonth, -1) : month;
    const c = minusYears(firstDay(last), a.age);
    if (cutoff === null || c > cutoff) cutoff = c;
  });
  return cutoff;
}

/** Whether a person born on `birthDate` has no JP in `month`. No birth date: JP is billed. */
export function jpStopped(birthDate: string | null, month: string, ages: readonly RetirementAge[]): boolean {
  const cutoff = jpBirthCutoff(month, ages);
  return birthDate !== null && cutoff !== null && birthDate <= cutoff;
}

/** The birthday on which a person born on `birthDate` turns `age` (29 February rolls to 1 March). */
export function birthdayAt(birthDate: string, age: number): string {
  const d = `${String(Number(birthDate.slice(0, 4)) + age).padStart(4, '0')}${birthDate.slice(4)}`;
  return isIsoDate(d) ? d : `${d.slice(0, 5)}03-01`;
}

export interface JpStop {
  /** The first month without JP. */
  firstMonthWithout: string;
  /** The retirement age that stopped it and the day the person reached it. */
  age: number;
  reachedOn: string;
  source: string;
}

/**
 * When JP stops for a person born on `birthDate` under the dated ages (looking at most 80 years past
 * the birth year), or null without a birth date or an age table.
 */
export function jpStopsAt(birthDate: string | null, ages: readonly RetirementAge[]): JpStop | null {
  if (!birthDate || ages.length === 0) return null;
  const youngest = Math.min(...ages.map((a) => a.age));
  // JP cannot stop before the birthday of the lowest age in the table: start the search there.
  let month = birthdayAt(birthDate, youngest).slice(0, 7);
  const end = addMonths(month, 12 * 30);
  for (; month <= end; month = addMonths(month, 1)) {
    if (!jpStopped(birthDate, month, ages)) continue;
    // The age that stopped it is the one in force in that month: the earlier periods' checks were
    // already false in the months before.
    const inForce = [...ages].reverse().find((a) => a.effectiveMonth <= month) ?? ages[0]!;
    return { firstMonthWithout: month, age: inForce.age, reachedOn: birthdayAt(birthDate, inForce.age), source: inForce.source };
  }
  return null;
}

/**
 * The rule as a sentence for the person page and the CLI: "JP berhenti: usia pensiun 59 tercapai
 * 10 Januari 2024 (PP 45/2015 Ps.15)" once stopped by `month`, or "JP sampai usia pensiun 60 pada
 * 5 Mei 2031 (bulan terakhir dengan JP: Mei 2031)" before.
 */
export function jpRuleSentence(stop: JpStop, month: string): string {
  const law = 'PP 45/2015 Ps.15';
  if (stop.firstMonthWithout <= month) return `JP berhenti: usia pensiun ${stop.age} tercapai ${formatDateId(stop.reachedOn)} (${law})`;
  return `JP sampai usia pensiun ${stop.age} pada ${formatDateId(stop.reachedOn)} (bulan terakhir dengan JP: ${formatMonthId(addMonths(stop.firstMonthWithout, -1))}; ${law})`;
}
