/**
 * What one person is billed under in a month, for the person page and `sigap person exception list`:
 * the category and its programs, the person's programs after an exception and the retirement age, the
 * JKK class with where it comes from (the same order as calc.ts), the JP rule as a sentence, and the
 * person's exceptions.
 */
import type { CoreContext } from '../context';
import { monthOf, firstDay, lastDay } from '../../../shared/dates';
import { SigapError } from '../../../shared/errors';
import type { Segment } from '../../../shared/billing-types';
import type { PersonBillingDto } from '../../../shared/contract/person-billing-calls';
import type { Program } from '../../../shared/contract/settings';
import { exceptionCovers, exceptionSentence, parsePrograms } from '../../../shared/person-exception';
import { todayIso } from '../context';
import { listPersonExceptions } from './person-exceptions';
import { programsReader } from './person-programs';
import { jpRuleSentence, jpStopsAt, retirementAges } from './retirement';

interface Engaged {
  category: string;
  segment: Segment;
  programs: string;
  ownClass: number | null;
  unit: string;
  unitRegClass: number | null;
  unitNpp: string | null;
  unitRegName: string | null;
  catRegClass: number | null;
  catNpp: string | null;
  catRegName: string | null;
}

// The engagement billed in the month: the latest that counts (calc.ts takes the same one).
const ENGAGED_SQL = `
  SELECT k.name AS category, k.segment, k.programs, k.jkk_class AS ownClass, o.name AS unit,
         ro.jkk_class AS unitRegClass, ro.npp AS unitNpp, ro.name AS unitRegName,
         rk.jkk_class AS catRegClass, rk.npp AS catNpp, rk.name AS catRegName
  FROM engagement e JOIN category k ON k.id = e.category_id JOIN opd o ON o.id = e.opd_id
  LEFT JOIN employer_registration ro ON ro.id = o.registration_id
  LEFT JOIN employer_registration rk ON rk.id = k.registration_id
  WHERE e.person_id = @personId AND e.start_date <= @last AND (e.end_date IS NULL OR e.end_date >= @first)
  ORDER BY e.start_date DESC, e.id DESC LIMIT 1`;

export function personBilling(ctx: CoreContext, personId: number, month = monthOf(todayIso(ctx))): PersonBillingDto {
  const person = ctx.db.prepare('SELECT birth_date AS birthDate FROM person WHERE id = ?').get(personId) as { birthDate: string | null } | undefined;
  if (!person) throw new SigapError('NOT_FOUND', `Pegawai #${personId} tidak ditemukan.`);
  const exceptions = listPersonExceptions(ctx, personId).map((e) => ({ ...e, sentence: exceptionSentence(e), active: exceptionCovers(e, month) }));
  const active = exceptions.find((e) => e.active) ?? null;
  const g = ctx.db.prepare(ENGAGED_SQL).get({ personId, first: firstDay(month), last: lastDay(month) }) as Engaged | undefined;
  if (!g) {
    return { month, category: null, segment: null, unit: null, categoryPrograms: [], programs: [], jkkClass: null, jkkClassFrom: null, jp: null, exceptions };
  }
  const programs = parsePrograms(programsReader(ctx)(personId, g.programs, person.birthDate, month)) as Program[];
  const beforeRetirement = active?.programs ?? parsePrograms(g.programs);
  let jp: PersonBillingDto['jp'] = null;
  if (g.segment === 'PU' && beforeRetirement.includes('JP')) {
    const stop = jpStopsAt(person.birthDate, retirementAges(ctx));
    jp = stop
      ? { stopped: stop.firstMonthWithout <= month, sentence: jpRuleSentence(stop, month) }
      : { stopped: false, sentence: 'JP ditagih tanpa batas usia: tanggal lahir belum diisi, usia pensiun (PP 45/2015 Ps.15) tidak dapat dihitung' };
  }
  const cls = g.segment === 'PU' ? jkkClassOf(ctx, g, active?.jkkClass ?? null) : { jkkClass: null, jkkClassFrom: null };
  return { month, category: g.category, segment: g.segment, unit: g.unit, categoryPrograms: parsePrograms(g.programs), programs, ...cls, jp, exceptions };
}

/** The class a PU line uses and its origin, in calc.ts's order. */
function jkkClassOf(ctx: CoreContext, g: Engaged, exceptionClass: number | null): { jkkClass: number; jkkClassFrom: string } {
  if (exceptionClass !== null) return { jkkClass: exceptionClass, jkkClassFrom: 'pengecualian' };
  if (g.ownClass !== null) return { jkkClass: g.ownClass, jkkClassFrom: 'kategori' };
  if (g.unitRegClass !== null) return { jkkClass: g.unitRegClass, jkkClassFrom: `NPP ${g.unitNpp} (${g.unitRegName})` };
  if (g.catRegClass !== null) return { jkkClass: g.catRegClass, jkkClassFrom: `NPP ${g.catNpp} (${g.catRegName})` };
  const emp = ctx.db.prepare('SELECT jkk_class AS c, npp FROM employer WHERE id = 1').get() as { c: number; npp: string | null } | undefined;
  return { jkkClass: emp?.c ?? 1, jkkClassFrom: emp?.npp ? `Pemda (NPP ${emp.npp})` : 'Pemda' };
}
