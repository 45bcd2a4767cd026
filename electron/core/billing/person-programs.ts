/**
 * The programs a person is reported with in a month: the category's, replaced by the person's
 * exception when one covers the month, without JP once the person is past retirement age. This is what
 * the billing run bills (calc.ts), told to the BPJS files (the PROGRAM columns) the same way.
 */
import type { CoreContext } from '../context';
import { PROGRAMS } from '../../../shared/contract/settings';
import { parsePrograms } from '../../../shared/person-exception';
import { exceptionsInForce } from './person-exceptions';
import { jpStopped, retirementAges } from './retirement';

export type ProgramsOf = (personId: number, categoryPrograms: string, birthDate: string | null, month: string) => Promise<string>;

/**
 * A reader for many rows: the exceptions of each month asked about and the age table are read once.
 * A month's exceptions are read on first use, or now for the months in `preload`: a reader used inside
 * a loop over `iterate()` (which must not query) is given every month it will be asked about.
 * The result keeps the category's own spelling when nothing changes (so files stay as they were).
 */
export async function programsReader(ctx: CoreContext, preload: readonly string[] = []): Promise<ProgramsOf> {
  const ages = await retirementAges(ctx);
  const byMonth = new Map<string, Map<number, string[]>>();
  const exceptionsOf = async (month: string) => {
    let m = byMonth.get(month);
    if (!m) {
      m = new Map((await exceptionsInForce(ctx, month)).filter((e) => e.programs !== null).map((e) => [e.personId, e.programs!]));
      byMonth.set(month, m);
    }
    return m;
  };
  for (const month of preload) await exceptionsOf(month);
  return async (personId, categoryPrograms, birthDate, month) => {
    const own = (await exceptionsOf(month)).get(personId);
    const progs: string[] = own ?? parsePrograms(categoryPrograms);
    const noJp = progs.includes('JP') && jpStopped(birthDate, month, ages);
    if (!own && !noJp) return categoryPrograms;
    return PROGRAMS.filter((p) => progs.includes(p) && !(p === 'JP' && noJp)).join(',');
  };
}
