/**
 * The billing run for a month, in one transaction:
 * 1. the month's drafts are deleted (issued invoices are never touched);
 * 2. every billed person's lines are computed (calc.ts);
 * 3. each paying unit and segment without an issued invoice gets a draft regular invoice;
 * 4. each unit and segment that already has an issued invoice gets, when anything changed, a draft
 *    correction holding the per-person difference between the new lines and everything issued so
 *    far: `supplementary` when the net is zero or more, `credit` when it is negative, pointing at the
 *    issued regular invoice.
 * So after any run the month's invoices add up exactly to what the month costs now.
 *
 * Invoices are split per segment because PU and BPU are separate BPJS registrations with different
 * due dates (PU the 15th of the next month, BPU the 15th of the same month); most units have one.
 * They are split per employer registration (NPP) too, because BPJS bills per NPP: a unit without an
 * NPP of its own whose people include a category with its own NPP (settings/registrations.ts) gets one
 * invoice per NPP. `reg` below is the registration id, 0 for the Pemda's own NPP.
 */
import type { CoreContext } from '../context';
import { nowIso, todayIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { isMonth } from '../../../shared/dates';
import { formatRupiah } from '../../../shared/money';
import type { BillRunResult, Segment } from '../../../shared/billing-types';
import { monthWrite } from './month-lock';
import { prepareCalc } from './calc';
import { calcRepo } from './calc-repository';
import { runRepo, type NewDraft } from './run-repository';
import { dueDate } from './calendar';
import { dueRuleFor, ratesForMonth } from './rates';
import { dueDateAtIssue, issueDrafts } from './issue';
import { listInvoices } from './invoices';

export interface BillRunOptions {
  month: string;
  /** Issue every draft of the month right after computing it. */
  issue?: boolean | undefined;
  /** Told when another computer is billing or issuing the month and this run waits for it (month-lock.ts). */
  onWait?: ((message: string) => void) | undefined;
}

/**
 * Computes a month: replaces its drafts, never alters an issued invoice. See the module comment.
 * Everything it reads to decide (the rates, which units already have an issued invoice) is read inside
 * its write transaction, so another writer cannot change it between the check and the write.
 */
export async function runBilling(ctx: CoreContext, o: BillRunOptions): Promise<BillRunResult> {
  const month = o.month;
  if (!isMonth(month)) throw new SigapError('INVALID_INPUT', `Bulan "${month}" tidak sah; tulis YYYY-MM, mis. 2026-01.`);
  // One run or issue of a month at a time, reading one snapshot of the roster (month-lock.ts).
  const { persons, drafts, issued } = await monthWrite(ctx, month, { snapshot: true, onWait: o.onWait }, async (tx) => {
    const rates = await ratesForMonth(ctx, month);
    const ratesJson = JSON.stringify(rates);
    const replaced = await runRepo.deleteDrafts(tx, month);
    const params = await prepareCalc(ctx, month, rates);
    // A draft shows the due date it would get if issued today (issue.ts settles it when it issues):
    // the month's rule date, or for a month already past it, a date counted from today.
    const today = await todayIso(ctx);
    const dueOf = (s: Segment) => {
      const rule = dueRuleFor(rates, s);
      return dueDateAtIssue(dueDate(month, rule), today, rule);
    };
    const due: Record<Segment, string> = { PU: dueOf('PU'), BPU: dueOf('BPU') };

    // A draft header for every unit, segment and registration that may bill first (the lines then go
    // in with one statement); those left without lines are deleted below.
    await runRepo.resetGroups(tx);
    const groupKey = (opdId: number, segment: Segment, reg: number) => `${opdId}:${segment}:${reg}`;
    const issuedRegular = new Map((await runRepo.issuedRegular(tx, month)).map((r) => [groupKey(r.opdId, r.segment, r.reg), r.id]));
    const segments = await calcRepo.segmentsInUse(tx);
    // A unit with its own NPP bills only under it; any other under the Pemda's and under each NPP a
    // category in use has.
    const categoryRegs = await calcRepo.categoryRegistrationsInUse(tx);
    const units = await runRepo.units(tx);
    const now = nowIso(ctx);
    const issuedKeys = new Set(issuedRegular.keys());
    const drafts: NewDraft[] = [];
    for (const unit of units) {
      const regs = unit.reg !== null ? [unit.reg] : [0, ...categoryRegs];
      for (const segment of ['PU', 'BPU'] as const) {
        // Also every registration the unit was issued under (a unit that changed NPP gets its credit).
        const keys = new Set([...regs.map((r) => groupKey(unit.id, segment, r)), ...[...issuedKeys].filter((k) => k.startsWith(`${unit.id}:${segment}:`))]);
        for (const key of keys) {
          const reg = Number(key.split(':')[2]);
          const originalId = issuedRegular.get(key);
          if (originalId === undefined && !segments.includes(segment)) continue;
          drafts.push({
            month, opdId: unit.id, segment, registrationId: reg === 0 ? null : reg, kind: originalId === undefined ? 'regular' : 'supplementary',
            originalId: originalId ?? null, dueDate: due[segment], ratesJson,
          });
        }
      }
    }
    await runRepo.insertDrafts(tx, drafts, now, ctx.actor);
    await calcRepo.analyzeTempTables(tx, ['bill_group']);
    await runRepo.insertRegularLines(tx, params);
    if (issuedRegular.size > 0) await runRepo.insertCorrectionLines(tx, params, month);
    await calcRepo.noteExceptionLines(tx, month);
    await runRepo.refreshDraftTotals(tx, month);
    await runRepo.deleteEmptyDrafts(tx, month);
    await runRepo.setCorrectionKinds(tx, month);
    const persons = await runRepo.persons(tx, month);
    const made = await runRepo.draftTotals(tx, month);
    await audit(ctx, {
      action: 'create', entity: 'billing_run', entityId: null,
      summary: `Penagihan ${month}: ${persons} orang, ${made.n} draf (${formatRupiah(made.total)}), ${replaced} draf lama diganti`,
      after: { month, persons, drafts: made.n, draftTotal: made.total, replaced },
    });
    return { persons, drafts: made.n, issued: o.issue ? await issueDrafts(ctx, month, { onWait: o.onWait }) : 0 };
  });
  const invoices = await listInvoices(ctx, { month });
  return { month, drafts, issued, invoices, total: invoices.reduce((s, i) => s + i.total, 0), persons };
}
