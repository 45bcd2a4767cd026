import type { CoreContext } from '../context';
import { programsReader } from '../billing/person-programs';
import { SigapError } from '../errors';
import type { ReportKind } from '../../../shared/sipp-layouts';
import { addMonths, monthOf } from '../../../shared/dates';
import { ratesForMonth } from '../billing/rates';
import { baseRules, reportedBase, type BaseRules } from '../billing/base';
import type { PendingChange } from './types';
import { storeOf } from '../store/of-context';
import { countAwaitingKpj, countPendingRows, pendingMonths, pendingRows, wageRowGroups } from './pending-repository';
import type { Segment } from '../../../shared/billing-types';
import { participantListImported } from './continue-pending-repository';

/*
 * What the branch office has not been told, read from the roster as of a date. The rules:
 *
 * - new: the person's latest engagement started by the date is active on it, in an enrolled PU
 *   category, and the person has no KPJ.
 * - na: the person's latest engagement in an enrolled PU category ended before the date, the person
 *   is a participant (has a KPJ, or was registered in a submitted batch), and the end is not a death
 *   (end reason starting with "Meninggal": deaths go through the JKM claim, domain.md section 8).
 * - wage: a change of the reported base (the wage BPJS is told, billing/base.ts) of a participant,
 *   for its contribution month, of two causes:
 *   - `wage:<engagement>`: an engagement in an enrolled PU category started by the date whose base in
 *     its first month differs from the base of the person's previous PU engagement in the month
 *     before, and no submitted registration already carried this engagement;
 *   - `wage:<engagement>:<YYYY-MM>`: a wage-floor row in force from that month (by the date) changes
 *     the base of the engagement that was in force when the month began (the person's latest PU
 *     engagement started before it, still running, and no other PU engagement starting within the
 *     month, which the first cause covers), unless a registration submitted on or after the month's
 *     first day already carried the engagement.
 * - bpu: as new, for an enrolled BPU category (pekerja rentan).
 *
 * The wage a row reports (`reportedWage`) is the base billing bills for its month: the date's month
 * for new and bpu, the contribution month for wage changes.
 *
 * A change whose key is in a submitted batch is left out; cancelling the batch offers it again.
 *
 * Each change carries the NPP it is reported under (settings/registrations.ts: the unit's
 * registration, else the category's, else the Pemda's): export.ts writes one batch per NPP.
 *
 * The queries are in pending-repository.ts.
 */

/**
 * The base rules of the months given, read before the rows are (no query may run while they are read).
 * A month whose rules are incomplete keeps its error, said on each row of that month as today.
 */
async function rulesOf(ctx: CoreContext, months: readonly string[]): Promise<(month: string) => BaseRules> {
  const cache = new Map<string, BaseRules | SigapError>();
  for (const m of months) {
    try {
      cache.set(m, baseRules(await ratesForMonth(ctx, m)));
    } catch (e) {
      if (!(e instanceof SigapError)) throw e;
      cache.set(m, e);
    }
  }
  return (month) => {
    const r = cache.get(month);
    if (r === undefined) throw new Error(`pending: rules of ${month} were not read before the rows`);
    if (r instanceof SigapError) throw r;
    return r;
  };
}

/**
 * The changes of one kind the branch has not been told about, in OPD, name order, one at a time:
 * callers keep only what they need of each (100,000 full rows at once take hundreds of MB). The store
 * is busy until the iteration ends: the loop over it must not query.
 */
export async function* iteratePending(ctx: CoreContext, kind: ReportKind, asOf: string): AsyncGenerator<PendingChange> {
  const q = storeOf(ctx);
  const asOfMonth = monthOf(asOf);
  // What each month needs (base rules, exceptions) is read first: reading it lazily inside the loop
  // would query while the rows are being read.
  const months = await pendingMonths(q, kind, asOf);
  const rules = await rulesOf(ctx, kind === 'na' ? [] : kind === 'wage' ? [...new Set(months.flatMap((m) => [m, addMonths(m, -1)]))] : [asOfMonth]);
  // Exceptions, and no JP past retirement age (billing/person-programs.ts): the months' exceptions read now.
  const programsOf = await programsReader(ctx, months);
  for await (const r of pendingRows(q, kind, asOf)) {
    // A deactivation reports no wage: the engagement's own wage is kept for the record.
    const month = kind === 'na' ? monthOf(r.endDate ?? asOf) : (r.month ?? asOfMonth);
    const { segment, wage, prevWage } = r;
    // One literal with every field (no rest/spread of the row): 100,000 rows a batch.
    const c: PendingChange = {
      kind, key: r.key, personId: r.personId, engagementId: r.engagementId, nik: r.nik, name: r.name,
      birthPlace: r.birthPlace, birthDate: r.birthDate, sex: r.sex, address: r.address, phone: r.phone,
      motherName: r.motherName, postalCode: r.postalCode, email: r.email, maritalStatus: r.maritalStatus, workLocation: r.workLocation, kpj: r.kpj, opdCode: r.opdCode, opdName: r.opdName, opdKind: r.opdKind,
      programs: await programsOf(r.personId, r.programs, r.birthDate, month), position: r.position, reportedWage: wage, month, baseError: null,
      startDate: r.startDate, endDate: r.endDate, endReason: r.endReason, previousWage: null,
      npp: r.npp ?? null,
    };
    if (kind !== 'na') {
      const b = basesOf(segment, wage, prevWage, month, rules);
      c.reportedWage = b.reportedWage;
      c.previousWage = b.previousWage;
      c.baseError = b.baseError;
      if (kind === 'wage' && unchanged(b)) continue;
    }
    yield c;
  }
}

type Bases = Pick<PendingChange, 'reportedWage' | 'previousWage' | 'baseError'>;

/** The base reported for a row's month and, with a previous wage, the base of the month before; or why it cannot be. */
function basesOf(segment: Segment, wage: number, prevWage: number | null, month: string, rules: (month: string) => BaseRules): Bases {
  const b: Bases = { reportedWage: wage, previousWage: null, baseError: null };
  try {
    b.reportedWage = reportedBase(segment, wage, rules(month));
    if (prevWage !== null) b.previousWage = reportedBase(segment, prevWage, rules(addMonths(month, -1)));
  } catch (e) {
    if (!(e instanceof SigapError)) throw e;
    b.reportedWage = 0;
    b.baseError = e.message;
  }
  return b;
}

/** A new engagement or a floor row that leaves the base as it was is nothing to report. */
const unchanged = (b: Bases): boolean => b.baseError === null && b.previousWage === b.reportedWage;

/**
 * How many changes of one kind `iteratePending` gives, counted in the database (the Beranda's figures):
 * every row is a change except wage rows that leave the base as it was, judged here per group of alike rows.
 */
export async function countPending(ctx: CoreContext, kind: ReportKind, asOf: string): Promise<number> {
  const q = storeOf(ctx);
  if (kind !== 'wage') return countPendingRows(q, kind, asOf);
  const groups = await wageRowGroups(q, asOf);
  const rules = await rulesOf(ctx, [...new Set(groups.flatMap((g) => [g.month, addMonths(g.month, -1)]))]);
  let n = 0;
  for (const g of groups) if (!unchanged(basesOf(g.segment, g.wage, g.prevWage, g.month, rules))) n += g.n;
  return n;
}

/** The pending changes of one kind as a list (small sets, tests). */
export async function pendingChanges(ctx: CoreContext, kind: ReportKind, asOf: string): Promise<PendingChange[]> {
  const out: PendingChange[] = [];
  for await (const c of iteratePending(ctx, kind, asOf)) out.push(c);
  return out;
}

/** People registered in a submitted batch whose KPJ has not come back from the branch yet. */
export async function awaitingKpj(ctx: CoreContext): Promise<number> {
  return countAwaitingKpj(storeOf(ctx));
}

/** No participant list was imported yet: Sigap cannot tell TK lanjutan from the Pemda's own participants (continue-pending-repository.ts). */
export async function continueNeedsList(ctx: CoreContext): Promise<boolean> {
  return !(await participantListImported(storeOf(ctx)));
}
