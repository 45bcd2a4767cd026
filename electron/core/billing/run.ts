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
import { AMOUNT_COLUMNS, CALC_CTE, LINE_COLUMNS, noteExceptionLines, prepareCalc } from './calc';
import { dueDate } from './calendar';
import { dueRuleFor, ratesForMonth } from './rates';
import { dueDateAtIssue, issueDrafts } from './issue';
import { listInvoices } from './invoices';
import { registrationIdSql } from '../settings/registrations';

export interface BillRunOptions {
  month: string;
  /** Issue every draft of the month right after computing it. */
  issue?: boolean | undefined;
}

function deleteDrafts(ctx: CoreContext, month: string): number {
  ctx.db.prepare("DELETE FROM invoice_line WHERE invoice_id IN (SELECT id FROM invoice WHERE month = ? AND status = 'draft')").run(month);
  return ctx.db.prepare("DELETE FROM invoice WHERE month = ? AND status = 'draft'").run(month).changes;
}

// Each person's line with the registration it is billed under (the unit's, else the category's, else 0).
const CALC_REG_CTE = `${CALC_CTE},
  calc_reg AS (
    SELECT c.*, coalesce(${registrationIdSql('o', 'k')}, 0) AS reg
    FROM calc c JOIN opd o ON o.id = c.opd_id JOIN engagement e ON e.id = c.engagement_id JOIN category k ON k.id = e.category_id
  )`;

const GROUP_JOIN = 'g.opd_id = c.opd_id AND g.segment = c.segment AND g.reg = c.reg';

// Per person: new lines minus everything issued for the month, for the units that need a correction.
// Descriptive columns come from the new line, or from the issued one when the person is no longer billed.
const CORRECTION_LINES_SQL = `
  WITH ${CALC_REG_CTE}
  INSERT INTO invoice_line (invoice_id, person_id, engagement_id, ${LINE_COLUMNS}, change)
  SELECT d.invoice_id, d.person_id, max(d.engagement_id),
         coalesce(max(CASE WHEN d.is_new THEN d.nik END), max(d.nik)), coalesce(max(CASE WHEN d.is_new THEN d.name END), max(d.name)),
         coalesce(max(CASE WHEN d.is_new THEN d.kpj END), max(d.kpj)), coalesce(max(CASE WHEN d.is_new THEN d.category END), max(d.category)),
         coalesce(max(CASE WHEN d.is_new THEN d.jkk_class END), max(d.jkk_class)),
         coalesce(max(d.wage), 0), coalesce(max(d.base), 0), coalesce(max(d.jp_base), 0),
         ${AMOUNT_COLUMNS.map((c) => `sum(d.${c})`).join(', ')},
         CASE WHEN max(d.is_new) = 0 THEN 'berhenti'
              WHEN coalesce(sum(CASE WHEN NOT d.is_new THEN ${AMOUNT_COLUMNS.map((c) => `d.${c}`).join(' + ')} END), 0) = 0 THEN 'tambah'
              ELSE 'perubahan' END
  FROM (
    SELECT 1 AS is_new, g.invoice_id, c.person_id, c.engagement_id, ${LINE_COLUMNS.split(', ').map((col) => `c.${col}`).join(', ')}
    FROM calc_reg c JOIN temp.bill_group g ON ${GROUP_JOIN} AND g.correction = 1
    UNION ALL
    SELECT 0, g.invoice_id, l.person_id, NULL, l.nik, l.name, l.kpj, l.category, l.jkk_class, NULL, NULL, NULL,
           ${AMOUNT_COLUMNS.map((c) => `-l.${c}`).join(', ')}
    FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id
    JOIN temp.bill_group g ON g.opd_id = i.opd_id AND g.segment = i.segment AND g.reg = coalesce(i.registration_id, 0) AND g.correction = 1
    WHERE i.month = @month AND i.status = 'issued'
  ) d
  GROUP BY d.invoice_id, d.person_id
  HAVING ${AMOUNT_COLUMNS.map((c) => `sum(d.${c}) <> 0`).join(' OR ')}`;

// Header totals are the sums of the lines, written once the lines exist: never computed on their own.
const REFRESH_TOTALS_SQL = `
  UPDATE invoice SET (persons, jkk, jkm, jht_employer, jht_worker, jp_employer, jp_worker, employer_total, worker_total, total) = (
    SELECT count(*), coalesce(sum(jkk), 0), coalesce(sum(jkm), 0), coalesce(sum(jht_employer), 0), coalesce(sum(jht_worker), 0),
           coalesce(sum(jp_employer), 0), coalesce(sum(jp_worker), 0), coalesce(sum(jkk + jkm + jht_employer + jp_employer), 0),
           coalesce(sum(jht_worker + jp_worker), 0), coalesce(sum(total), 0)
    FROM invoice_line WHERE invoice_id = invoice.id)
  WHERE month = ? AND status = 'draft'`;

// The month's billed persons: regular lines, plus those corrections added, less those they removed.
const PERSONS_SQL = `
  SELECT (SELECT coalesce(sum(persons), 0) FROM invoice WHERE month = @month AND kind = 'regular')
       + (SELECT coalesce(sum(CASE l.change WHEN 'tambah' THEN 1 WHEN 'berhenti' THEN -1 ELSE 0 END), 0)
          FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id WHERE i.month = @month AND i.kind <> 'regular') AS n`;

/** Computes a month: replaces its drafts, never alters an issued invoice. See the module comment. */
export function runBilling(ctx: CoreContext, o: BillRunOptions): BillRunResult {
  const month = o.month;
  if (!isMonth(month)) throw new SigapError('INVALID_INPUT', `Bulan "${month}" tidak sah; tulis YYYY-MM, mis. 2026-01.`);
  const { persons, drafts, issued } = ctx.db.transaction(() => {
    const rates = ratesForMonth(ctx, month);
    const ratesJson = JSON.stringify(rates);
    const replaced = deleteDrafts(ctx, month);
    const params = { ...prepareCalc(ctx, month, rates), month };
    // A draft shows the due date it would get if issued today (issue.ts settles it when it issues):
    // the month's rule date, or for a month already past it, a date counted from today.
    const today = todayIso(ctx);
    const dueOf = (s: Segment) => {
      const rule = dueRuleFor(rates, s);
      return dueDateAtIssue(dueDate(month, rule), today, rule);
    };
    const due: Record<Segment, string> = { PU: dueOf('PU'), BPU: dueOf('BPU') };

    // A draft header for every unit, segment and registration that may bill first (the lines then go
    // in with one statement); those left without lines are deleted below.
    ctx.db.exec(`CREATE TEMP TABLE IF NOT EXISTS bill_group (opd_id INTEGER NOT NULL, segment TEXT NOT NULL, reg INTEGER NOT NULL, invoice_id INTEGER NOT NULL, correction INTEGER NOT NULL);
                 DELETE FROM temp.bill_group;`);
    const groupKey = (opdId: number, segment: Segment, reg: number) => `${opdId}:${segment}:${reg}`;
    const issuedRegular = new Map(
      (ctx.db.prepare("SELECT opd_id, segment, coalesce(registration_id, 0) AS reg, id FROM invoice WHERE month = ? AND status = 'issued' AND kind = 'regular'").all(month) as { opd_id: number; segment: Segment; reg: number; id: number }[])
        .map((r) => [groupKey(r.opd_id, r.segment, r.reg), r.id]),
    );
    const segments = (ctx.db.prepare('SELECT DISTINCT segment FROM temp.bill_cat').all() as { segment: Segment }[]).map((r) => r.segment);
    // A unit with its own NPP bills only under it; any other under the Pemda's and under each NPP a
    // category in use has.
    const categoryRegs = (ctx.db.prepare('SELECT DISTINCT c.registration_id AS reg FROM category c WHERE c.id IN (SELECT id FROM temp.bill_cat) AND c.registration_id IS NOT NULL').all() as { reg: number }[]).map((r) => r.reg);
    const units = ctx.db.prepare('SELECT id, registration_id AS reg FROM opd ORDER BY id').all() as { id: number; reg: number | null }[];
    const insInvoice = ctx.db.prepare(
      `INSERT INTO invoice (month, opd_id, segment, registration_id, kind, original_id, status, due_date, rates_json, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
    );
    const insGroup = ctx.db.prepare('INSERT INTO temp.bill_group (opd_id, segment, reg, invoice_id, correction) VALUES (?, ?, ?, ?, ?)');
    const now = nowIso(ctx);
    const issuedKeys = new Set(issuedRegular.keys());
    for (const unit of units) {
      const regs = unit.reg !== null ? [unit.reg] : [0, ...categoryRegs];
      for (const segment of ['PU', 'BPU'] as const) {
        // Also every registration the unit was issued under (a unit that changed NPP gets its credit).
        const keys = new Set([...regs.map((r) => groupKey(unit.id, segment, r)), ...[...issuedKeys].filter((k) => k.startsWith(`${unit.id}:${segment}:`))]);
        for (const key of keys) {
          const reg = Number(key.split(':')[2]);
          const originalId = issuedRegular.get(key);
          if (originalId === undefined && !segments.includes(segment)) continue;
          const kind = originalId === undefined ? 'regular' : 'supplementary';
          const id = Number(insInvoice.run(month, unit.id, segment, reg === 0 ? null : reg, kind, originalId ?? null, due[segment], ratesJson, now, ctx.actor).lastInsertRowid);
          insGroup.run(unit.id, segment, reg, id, originalId === undefined ? 0 : 1);
        }
      }
    }
    ctx.db.prepare(
      `WITH ${CALC_REG_CTE}
       INSERT INTO invoice_line (invoice_id, person_id, engagement_id, ${LINE_COLUMNS})
       SELECT g.invoice_id, c.person_id, c.engagement_id, ${LINE_COLUMNS.split(', ').map((col) => `c.${col}`).join(', ')}
       FROM calc_reg c JOIN temp.bill_group g ON ${GROUP_JOIN} AND g.correction = 0
       ORDER BY g.invoice_id`,
    ).run(params);
    if (issuedRegular.size > 0) ctx.db.prepare(CORRECTION_LINES_SQL).run(params);
    noteExceptionLines(ctx, month);
    ctx.db.prepare(REFRESH_TOTALS_SQL).run(month);
    ctx.db.prepare("DELETE FROM invoice WHERE month = ? AND status = 'draft' AND persons = 0").run(month);
    ctx.db.prepare("UPDATE invoice SET kind = CASE WHEN total < 0 THEN 'credit' ELSE 'supplementary' END WHERE month = ? AND status = 'draft' AND kind <> 'regular'").run(month);
    const persons = (ctx.db.prepare(PERSONS_SQL).get({ month }) as { n: number }).n;
    const made = ctx.db.prepare("SELECT count(*) AS n, coalesce(sum(total), 0) AS total FROM invoice WHERE month = ? AND status = 'draft'").get(month) as { n: number; total: number };
    audit(ctx, {
      action: 'create', entity: 'billing_run', entityId: null,
      summary: `Penagihan ${month}: ${persons} orang, ${made.n} draf (${formatRupiah(made.total)}), ${replaced} draf lama diganti`,
      after: { month, persons, drafts: made.n, draftTotal: made.total, replaced },
    });
    return { persons, drafts: made.n, issued: o.issue ? issueDrafts(ctx, month) : 0 };
  })();
  const invoices = listInvoices(ctx, { month });
  return { month, drafts, issued, invoices, total: invoices.reduce((s, i) => s + i.total, 0), persons };
}
