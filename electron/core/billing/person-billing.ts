/**
 * What one person is billed under in a month, for the person page and `sigap person exception list`:
 * the category and its programs, the person's programs after an exception and the retirement age, the
 * JKK class with where it comes from (the same order as calc.ts), the JP rule as a sentence, and the
 * person's exceptions.
 */
import type { CoreContext } from '../context';
import { monthOf, firstDay, lastDay } from '../../../shared/dates';
import { SigapError } from '../../../shared/errors';
import type { PersonBillingDto } from '../../../shared/contract/person-billing-calls';
import type { Program } from '../../../shared/contract/settings';
import { exceptionCovers, exceptionSentence, parsePrograms } from '../../../shared/person-exception';
import { todayIso } from '../context';
import { listPersonExceptions } from './person-exceptions';
import { programsReader } from './person-programs';
import { jpRuleSentence, jpStopsAt, retirementAges } from './retirement';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { personExceptionRepo, type EngagedRow } from './person-exception-repository';

export async function personBilling(ctx: CoreContext, personId: number, month?: string): Promise<PersonBillingDto> {
  const m = month ?? monthOf(await todayIso(ctx));
  // One snapshot: the exceptions, the engagement and the age table agree even while HR edits.
  return storeOf(ctx).tx('read', async (q) => {
    const person = await personExceptionRepo.personBirthDate(q, personId);
    if (!person) throw new SigapError('NOT_FOUND', `Pegawai #${personId} tidak ditemukan.`);
    const exceptions = (await listPersonExceptions(ctx, personId)).map((e) => ({ ...e, sentence: exceptionSentence(e), active: exceptionCovers(e, m) }));
    const active = exceptions.find((e) => e.active) ?? null;
    const g = await personExceptionRepo.engaged(q, personId, firstDay(m), lastDay(m));
    if (!g) {
      return { month: m, category: null, segment: null, unit: null, categoryPrograms: [], programs: [], jkkClass: null, jkkClassFrom: null, jp: null, exceptions };
    }
    const programs = parsePrograms(await (await programsReader(ctx))(personId, g.programs, person.birthDate, m)) as Program[];
    const beforeRetirement = active?.programs ?? parsePrograms(g.programs);
    let jp: PersonBillingDto['jp'] = null;
    if (g.segment === 'PU' && beforeRetirement.includes('JP')) {
      const stop = jpStopsAt(person.birthDate, await retirementAges(ctx));
      jp = stop
        ? { stopped: stop.firstMonthWithout <= m, sentence: jpRuleSentence(stop, m) }
        : { stopped: false, sentence: 'JP ditagih tanpa batas usia: tanggal lahir belum diisi, usia pensiun (PP 45/2015 Ps.15) tidak dapat dihitung' };
    }
    const cls = g.segment === 'PU' ? await jkkClassOf(q, g, active?.jkkClass ?? null) : { jkkClass: null, jkkClassFrom: null };
    return { month: m, category: g.category, segment: g.segment, unit: g.unit, categoryPrograms: parsePrograms(g.programs), programs, ...cls, jp, exceptions };
  });
}

/** The class a PU line uses and its origin, in calc.ts's order. */
async function jkkClassOf(q: Queries, g: EngagedRow, exceptionClass: number | null): Promise<{ jkkClass: number; jkkClassFrom: string }> {
  if (exceptionClass !== null) return { jkkClass: exceptionClass, jkkClassFrom: 'pengecualian' };
  if (g.ownClass !== null) return { jkkClass: g.ownClass, jkkClassFrom: 'kategori' };
  if (g.unitRegClass !== null) return { jkkClass: g.unitRegClass, jkkClassFrom: `NPP ${g.unitNpp} (${g.unitRegName})` };
  if (g.catRegClass !== null) return { jkkClass: g.catRegClass, jkkClassFrom: `NPP ${g.catNpp} (${g.catRegName})` };
  const emp = await personExceptionRepo.employer(q);
  return { jkkClass: emp?.c ?? 1, jkkClassFrom: emp?.npp ? `Pemda (NPP ${emp.npp})` : 'Pemda' };
}
