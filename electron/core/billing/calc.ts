/**
 * The per-person computation of a month as one SQL common table expression, `calc` (calc-repository.ts),
 * used by a single INSERT ... SELECT (no query per person). `prepareCalc` first fills small temp tables:
 * the rates of each enrolled category in use (0 for a program the category does not take), of each
 * segment and JKK class, the units with their own NPP, the exceptions in force and the BPU brackets.
 *
 * Who is billed: every person with an engagement in an enrolled category that counts for the month
 * under the month rule (see MONTH_RULES in shared/billing-types.ts: `any_day` by default, or
 * `first_day`). A person with several such engagements is billed once, on the latest one (the one in
 * force at the end of the month), so a transfer between units mid-month moves the whole month.
 *
 * The base: the rule of base.ts (shared with the BPJS upload files): the reported wage (the honor when
 * no wage is reported), raised to the wage floor for PU; for BPU the declared income of the person's
 * bracket. JP uses the base capped by the JP wage cap, and stops at retirement age (retirement.ts). A
 * person's exception (person-exceptions.ts) replaces the category's programs and/or JKK class.
 * Each program is `(base * bp + 5000) / 10000` in integer SQL: rounded half-up to the rupiah per
 * person and program, the same formula as `applyBp`. A line's total is a generated column (their sum).
 */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { firstDay, formatMonthId, lastDay } from '../../../shared/dates';
import type { RateParamKey, RatesInForce, Segment } from '../../../shared/billing-types';
import { storeOf } from '../store/of-context';
import { monthRuleOf, requireParam } from './rates';
import { exceptionNote, exceptionsInForce, programSet, type Program } from './person-exceptions';
import { baseRules } from './base';
import { jpBirthCutoff, retirementAges } from './retirement';
import { calcRepo, type CalcParams } from './calc-repository';

export { AMOUNT_COLUMNS, calcCte, lineColumns, type CalcParams } from './calc-repository';

/** The engagement date bounds of a month under the month rule. */
function monthBounds(month: string, rates: RatesInForce): { monthStart: string; startBy: string } {
  return { monthStart: firstDay(month), startBy: monthRuleOf(rates) === 'first_day' ? firstDay(month) : lastDay(month) };
}

/**
 * Fills the temp tables `calc` reads for `month` and returns its parameters. Only categories with
 * someone to bill are checked, and only the rates of programs someone takes (by category or by an
 * exception) are required, so a rate nobody needs (the JP cap before 2019 when nobody takes JP) never
 * stops the run. Call inside the run's write transaction (the temp tables belong to its connection).
 */
export async function prepareCalc(ctx: CoreContext, month: string, rates: RatesInForce): Promise<CalcParams> {
  const q = storeOf(ctx);
  await calcRepo.resetTempTables(q);
  const bounds = monthBounds(month, rates);
  const registrations = await calcRepo.registrationClasses(q);
  const used: RatesInForce['categories'] = [];
  for (const c of rates.categories) if (c.enrolled && (await calcRepo.categoryInUse(q, c.id, bounds.monthStart, bounds.startBy))) used.push(c);
  const exceptions = await exceptionsInForce(ctx, month);
  const taken: Record<Segment, Set<Program>> = { PU: new Set(), BPU: new Set() };
  for (const c of used) for (const p of programSet(c.programs)) taken[c.segment].add(p);
  const segments = [...new Set(used.map((c) => c.segment))];
  // An exception may take a program its category does not: its rate is then needed too.
  for (const e of exceptions) for (const seg of segments) for (const p of e.programs ?? []) taken[seg].add(p);
  const segRates = new Map(segments.map((seg) => [seg, segmentRates(rates, seg, taken[seg])]));
  for (const [seg, r] of segRates) await calcRepo.insertSegmentRates(q, seg, r);
  // Every class a PU line can resolve to: categories', registrations', exceptions' and the Pemda's.
  const classes = new Set<number>([rates.employerJkkClass, ...registrations.values()]);
  for (const c of used) if (c.jkkClass !== null) classes.add(c.jkkClass);
  for (const e of exceptions) if (e.jkkClass !== null) classes.add(e.jkkClass);
  const jkkBp = new Map<number, number>();
  if (segments.includes('PU') && taken.PU.has('JKK')) {
    for (const k of classes) {
      jkkBp.set(k, requireParam(rates, `pu.jkk.${k}` as RateParamKey));
      await calcRepo.insertJkkClass(q, k, jkkBp.get(k)!);
    }
  }
  // Each category's own rates, for the rows with neither an exception nor a unit registration.
  for (const c of used) {
    const [tJkk, tJkm, tJht, tJp] = flags(programSet(c.programs));
    const regId = await calcRepo.categoryRegistration(q, c.id);
    const regClass = regId === null ? null : (registrations.get(regId) ?? null);
    const [bpuJkk, jkm, jkmFlat, jhtE, jhtW, jpE, jpW] = segRates.get(c.segment)!;
    const jkk = c.segment === 'PU' ? (tJkk ? jkkBp.get(c.jkkClass ?? regClass ?? rates.employerJkkClass)! : 0) : tJkk * bpuJkk!;
    await calcRepo.insertCategory(q, {
      id: c.id, segment: c.segment, name: c.name, ownClass: c.segment === 'PU' ? c.jkkClass : null, registrationId: regId, regClass, tJkk,
      rates: [jkk, tJkm * jkm!, tJkm * jkmFlat!, tJht * jhtE!, tJht * jhtW!, tJp * jpE!, tJp * jpW!],
    });
  }
  await calcRepo.insertUnitRegistrations(q);
  for (const e of exceptions) {
    await calcRepo.insertException(q, e.personId, e.jkkClass, e.programs ? flags(new Set(e.programs)) : [null, null, null, null], exceptionNote(e));
  }
  const rules = baseRules(rates);
  for (const b of rules.brackets ?? []) await calcRepo.insertBracket(q, b);
  const cap = rates.params['pu.jp.wage_cap']?.value;
  return {
    ...bounds, floor: BigInt(rules.floor), jpCap: cap === undefined ? null : BigInt(cap),
    jpBirthCutoff: jpBirthCutoff(month, await retirementAges(ctx)), employerClass: BigInt(rates.employerJkkClass),
  };
}

const flags = (progs: Set<Program>): [number, number, number, number] =>
  [progs.has('JKK') ? 1 : 0, progs.has('JKM') ? 1 : 0, progs.has('JHT') ? 1 : 0, progs.has('JP') ? 1 : 0];

/**
 * The rates of one segment for the programs someone takes (0 for the others): jkk (BPU; PU's JKK is
 * per class in bill_jkk), jkm, jkm_flat, jht employer, jht worker, jp employer, jp worker. BPU has no
 * employer and no JP: the paying unit pays the whole iuran, shown as its share.
 */
function segmentRates(rates: RatesInForce, segment: Segment, taken: Set<Program>): number[] {
  const take = (program: Program, key: RateParamKey) => (taken.has(program) ? requireParam(rates, key) : 0);
  if (segment === 'PU') {
    if (taken.has('JP')) requireParam(rates, 'pu.jp.wage_cap');
    return [0, take('JKM', 'pu.jkm'), 0, take('JHT', 'pu.jht.employer'), take('JHT', 'pu.jht.worker'), take('JP', 'pu.jp.employer'), take('JP', 'pu.jp.worker')];
  }
  if (!rates.bpuBrackets) throw new SigapError('INVALID_INPUT', `Tabel golongan penghasilan BPU belum ada untuk ${formatMonthId(rates.month)}. Tambahkan di Pengaturan > Tarif.`);
  return [take('JKK', 'bpu.jkk'), 0, take('JKM', 'bpu.jkm'), take('JHT', 'bpu.jht'), 0, 0, 0];
}
