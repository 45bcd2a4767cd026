/**
 * Invoice numbers come from one sequence row per unit and month (migration 0240), raised inside the
 * issuing write transaction: issuers running at once on the same store never repeat or skip a number,
 * and a database issued under the old count(*)+1 rule continues where it stood.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';
import { m0240 } from '../../electron/core/db/migrations/0240-invoice-sequence';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { issueDrafts, issueInvoice, listInvoices, runBilling } from '../../electron/core/billing/index';
import { addStaff, addUnit, billingDb, RENTAN, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

/** The sequence rows themselves: no core read gives them. */
const sequences = () => storeOf(ctx).all(sql`SELECT opd_id AS "opdId", month, last FROM invoice_sequence ORDER BY opd_id, month`);

/** A unit billing PU and BPU (two drafts a month) and a second unit with PU only. */
async function twoUnits(months: string[]) {
  ctx = await billingDb('2026-01-05T03:00:00Z');
  const a = await addUnit(ctx, '01', 'Sekretariat Daerah');
  const b = await addUnit(ctx, '02', 'Dinas Kesehatan');
  await addStaff(ctx, { count: 3, opdId: a, honor: 2_000_000 });
  await addStaff(ctx, { count: 2, opdId: a, categoryId: RENTAN, honor: 900_000 });
  await addStaff(ctx, { count: 2, opdId: b, honor: 2_500_000 });
  for (const month of months) await runBilling(ctx, { month });
  return { a, b };
}

describe('invoice numbers from the per-unit, per-month sequence', () => {
  it('never repeat or skip when many issues interleave on the same store', async () => {
    const months = ['2026-01', '2026-02', '2026-03'];
    const { a, b } = await twoUnits(months);
    const drafts = await listInvoices(ctx, { status: 'draft' });
    expect(drafts).toHaveLength(9);
    // Every draft issued at once, in an order that mixes units, months and segments.
    const order = [...drafts].sort((x, y) => (x.id * 7) % 11 - (y.id * 7) % 11);
    const numbers = (await Promise.all(order.map((d) => issueInvoice(ctx, d.id)))).map((i) => i.number!);
    expect(new Set(numbers).size).toBe(9);
    for (const month of months) {
      const mm = month.slice(5);
      const seqOf = (code: string) => numbers.filter((n) => n.includes(`/2026/${mm}/${code}/`)).map((n) => n.slice(-3)).sort();
      expect(seqOf('01')).toEqual(['001', '002']);
      expect(seqOf('02')).toEqual(['001']);
    }
    expect(await sequences()).toEqual([
      ...months.map((month) => ({ opdId: a, month, last: 2 })),
      ...months.map((month) => ({ opdId: b, month, last: 1 })),
    ]);
  });

  it('issues each draft once when a month issue and a single issue race', async () => {
    await twoUnits(['2026-01']);
    const [first] = await listInvoices(ctx, { status: 'draft' });
    const [all, one] = await Promise.allSettled([issueDrafts(ctx, '2026-01'), issueInvoice(ctx, first!.id)]);
    // Whichever ran first, the other found the draft issued (or not among the drafts any more).
    const issuedBySingle = one.status === 'fulfilled' ? 1 : 0;
    if (one.status === 'rejected') expect(String(one.reason)).toMatch(/sudah terbit/);
    expect(all.status === 'fulfilled' && all.value + issuedBySingle).toBe(3);
    const numbers = (await listInvoices(ctx, { month: '2026-01' })).map((i) => i.number).sort();
    expect(numbers).toEqual(['IUR/2026/01/01/001', 'IUR/2026/01/01/002', 'IUR/2026/01/02/001']);
  });

  it('rolls the number back with a refused issue: the next one takes it', async () => {
    const { a } = await twoUnits(['2026-01']);
    const drafts = await listInvoices(ctx, { status: 'draft', opdId: a });
    const pu = drafts.find((d) => d.segment === 'PU');
    const bpu = drafts.find((d) => d.segment === 'BPU');
    // A header that no longer sums its lines is refused by the database as it issues.
    await storeOf(ctx).run(sql`UPDATE invoice SET jkk = jkk + 1, employer_total = employer_total + 1, total = total + 1 WHERE id = ${pu!.id}`);
    await expect(issueInvoice(ctx, pu!.id)).rejects.toThrow(/tidak sama dengan jumlah rinciannya/);
    expect((await issueInvoice(ctx, bpu!.id)).number).toMatch(/\/001$/);
  });
});

describe('migration 0240', () => {
  it('seeds each unit and month with the count of its issued invoices, so numbering continues', () => {
    const { db } = openDatabase(':memory:', { migrations: MIGRATIONS.filter((m) => m.version < 240) });
    db.prepare("INSERT INTO opd (id, code, name, name_key, kind, created_at) VALUES (1, '01', 'Setda', 'SETDA', 'opd', 'x'), (2, '02', 'Dinkes', 'DINKES', 'opd', 'x')").run();
    const issued = db.prepare(`INSERT INTO invoice (month, opd_id, segment, kind, original_id, status, number, due_date, rates_json, header_json, created_at, created_by, issued_at, issued_by)
      VALUES (?, ?, ?, ?, ?, 'issued', ?, '2026-02-16', '{}', '{}', 'x', 'x', 'x', 'x')`);
    const r1 = Number(issued.run('2026-01', 1, 'PU', 'regular', null, 'IUR/2026/01/01/001').lastInsertRowid);
    issued.run('2026-01', 1, 'BPU', 'regular', null, 'IUR/2026/01/01/002');
    issued.run('2026-01', 1, 'PU', 'supplementary', r1, 'IUT/2026/01/01/003');
    issued.run('2026-02', 1, 'PU', 'regular', null, 'IUR/2026/02/01/001');
    issued.run('2026-01', 2, 'PU', 'regular', null, 'IUR/2026/01/02/001');
    // A draft has no number yet: not counted.
    db.prepare("INSERT INTO invoice (month, opd_id, segment, kind, status, due_date, rates_json, created_at, created_by) VALUES ('2026-02', 2, 'PU', 'regular', 'draft', '2026-03-16', '{}', 'x', 'x')").run();
    db.transaction(() => m0240.up(db))();
    expect(db.prepare('SELECT opd_id AS opdId, month, last FROM invoice_sequence ORDER BY opd_id, month').all()).toEqual([
      { opdId: 1, month: '2026-01', last: 3 }, { opdId: 1, month: '2026-02', last: 1 }, { opdId: 2, month: '2026-01', last: 1 },
    ]);
    db.close();
  });
});
