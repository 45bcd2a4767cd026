/** Due dates and delays on ISO dates, computed as UTC day numbers so no time zone can shift a day. */
import { addMonths, isIsoDate } from '../../../shared/dates';
import { daysInMonth } from '../../../shared/nik';

export interface DueRule {
  /** 0 = the contribution month itself, 1 = the month after. */
  monthOffset: number;
  day: number;
  /** A due date on Saturday or Sunday moves to the Monday after (national holidays are not known). */
  rollWeekend: boolean;
}

function daysInMonthOf(month: string): number {
  return daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

/** Days since 1970-01-01. */
function isoDays(iso: string): number {
  if (!isIsoDate(iso)) throw new RangeError(`tanggal tidak sah: ${iso}`);
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
}

function isoFromDays(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** The due date of a contribution month under a rule (the day is clamped to the month's length). */
export function dueDate(month: string, rule: DueRule): string {
  const target = addMonths(month, rule.monthOffset);
  const day = Math.min(rule.day, daysInMonthOf(target));
  let days = isoDays(`${target}-${String(day).padStart(2, '0')}`);
  if (rule.rollWeekend) {
    const weekday = (days + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday, 6 = Saturday
    if (weekday === 6) days += 2;
    else if (weekday === 0) days += 1;
  }
  return isoFromDays(days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return isoDays(to) - isoDays(from);
}

/** The same day `n` months later, clamped to the end of a shorter month (31 Jan + 1 = 28/29 Feb). */
export function addMonthsToDate(iso: string, n: number): string {
  const month = addMonths(iso.slice(0, 7), n);
  const day = Math.min(Number(iso.slice(8, 10)), daysInMonthOf(month));
  return `${month}-${String(day).padStart(2, '0')}`;
}

/**
 * Months of delay for the late fine: any started month counts as a whole one.
 * On or before the due date: 0; one day late up to one calendar month late: 1; and so on.
 */
export function monthsLate(due: string, asOf: string): number {
  if (asOf <= due) return 0;
  let n = 1;
  while (addMonthsToDate(due, n) < asOf) n++;
  return n;
}
