/**
 * Billing per employer registration (NPP): BPJS bills per NPP, so a unit whose people fall under two
 * NPPs gets one invoice per NPP (billing/run.ts), and an issued invoice keeps the NPP it was issued
 * under (printed header, invoice list).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getInvoice, invoiceLines, issueDrafts, runBilling } from '../../electron/core/billing/index';
import { listRegistrations, saveRegistration } from '../../electron/core/settings/registrations';
import { opdRepo } from '../../electron/core/settings/employer-repository';
import { categoryRepo } from '../../electron/core/roster/category-repository';
import { headerRepo } from '../../electron/core/billing/header-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { invoicePrint } from '../../electron/core/print/invoice';
import { addCategory, addStaff, addUnit, billingDb, HONORER, type BillingCtx } from './billing-fixture';

let ctx: BillingCtx;
afterEach(() => ctx?.close());

/** Sets a unit's or a category's registration as the dialogs do (through the repositories: the save paths are tested elsewhere). */
async function setReg(table: 'opd' | 'category', id: number, reg: number | null): Promise<void> {
  const q = storeOf(ctx);
  if (table === 'opd') return opdRepo.update(q, id, { registration_id: reg });
  const c = (await categoryRepo.list(q)).find((x) => x.id === id)!;
  await categoryRepo.update(q, id, { name: c.name, segment: c.segment, programs: c.programs, jkkClass: c.jkk_class, enrolled: Boolean(c.enrolled), registrationId: reg });
}

/**
 * Pemda NPP 18040012 (class I); RSUD Liwa as a BLUD under NPP 18040099 (class I too, so the JKK rate
 * is the same 0.24% whichever class rule applies: these tests are about the split, not the class).
 * Dinas Kesehatan has no NPP of its own: 2 honorer (Pemda's NPP) at Rp2,000,000 and 1 BLUD nurse
 * (category under the RSUD's NPP) at Rp3,000,000, all JKK + JKM (0.24% + 0.30% = 0.54%).
 *   honorer: 2,000,000 x 0.24% = 4,800 + 2,000,000 x 0.30% = 6,000 -> 10,800 each, 21,600 for two
 *   nurse:   3,000,000 x 0.24% = 7,200 + 3,000,000 x 0.30% = 9,000 -> 16,200
 * RSUD Liwa (unit under 18040099): 1 honorer at Rp2,500,000: 6,000 + 7,500 = 13,500, under the unit's NPP
 * although honorer is the Pemda's category (the unit's registration wins).
 */
async function pemda() {
  ctx = await billingDb('2026-02-03T03:00:00Z');
  const rsud = await saveRegistration(ctx, { npp: '1804 0099', name: 'RSUD Liwa (BLUD)', jkkClass: 1 });
  const blud = await addCategory(ctx, { name: 'Tenaga kesehatan BLUD', segment: 'PU', programs: 'JKK,JKM' });
  await setReg('category', blud, rsud);
  const dinkes = await addUnit(ctx, '05', 'Dinas Kesehatan');
  const rsudUnit = await addUnit(ctx, '07', 'RSUD Liwa');
  await setReg('opd', rsudUnit, rsud);
  const honorer = await addStaff(ctx, { count: 2, opdId: dinkes, honor: 2_000_000 });
  const nurse = await addStaff(ctx, { opdId: dinkes, categoryId: blud, honor: 3_000_000 });
  await addStaff(ctx, { opdId: rsudUnit, categoryId: HONORER, honor: 2_500_000 });
  return { rsud, blud, dinkes, rsudUnit, honorer, nurse };
}

describe('billing per NPP', () => {
  it('splits a unit with people under two NPPs into one invoice per NPP, and bills a unit with its own NPP under it', async () => {
    const p = await pemda();
    const res = await runBilling(ctx, { month: '2026-01' });
    const rows = res.invoices.map((i) => [i.opdCode, i.segment, i.npp, i.registrationId, i.persons, i.total]);
    expect(rows).toEqual([
      ['05', 'PU', '18040012', null, 2, 21_600],
      ['05', 'PU', '18040099', p.rsud, 1, 16_200],
      ['07', 'PU', '18040099', p.rsud, 1, 13_500],
    ]);
    // 21,600 + 16,200 + 13,500
    expect(res.total).toBe(51_300);
    expect(res.persons).toBe(4);
    const nurseInvoice = res.invoices[1]!;
    expect((await invoiceLines(ctx, nurseInvoice.id)).map((l) => [l.personId, l.category, l.jkk, l.jkm])).toEqual([[p.nurse[0], 'Tenaga kesehatan BLUD', 7_200, 9_000]]);
  });

  it('issues each NPP invoice with its own number, and freezes the NPP in the header', async () => {
    await pemda();
    await runBilling(ctx, { month: '2026-01', issue: true });
    const inv = (await runBilling(ctx, { month: '2026-01' })).invoices;
    expect(inv.map((i) => [i.number, i.npp, i.status])).toEqual([
      ['IUR/2026/01/05/001', '18040012', 'issued'],
      ['IUR/2026/01/05/002', '18040099', 'issued'],
      ['IUR/2026/01/07/001', '18040099', 'issued'],
    ]);
    const header = async (id: number) => JSON.parse((await headerRepo.invoiceHeaderJson(storeOf(ctx), id))!) as { letterhead: { npp: string } };
    expect((await header(inv[1]!.id)).letterhead.npp).toBe('18040099');
    expect((await header(inv[0]!.id)).letterhead.npp).toBe('18040012');
    // The registration's NPP edited later: the issued invoice still says what it was issued under.
    for (const r of await listRegistrations(ctx)) if (r.id !== null) await saveRegistration(ctx, { id: r.id, npp: '18040100', name: r.name, jkkClass: r.jkkClass });
    expect((await getInvoice(ctx, inv[1]!.id)).npp).toBe('18040099');
  });

  it('moving a category to another NPP after issue: a credit under the old NPP, a supplementary under the new, the month total unchanged', async () => {
    const p = await pemda();
    await runBilling(ctx, { month: '2026-01', issue: true });
    const issued = () => storeOf(ctx).all(sql`SELECT * FROM invoice WHERE status = 'issued' ORDER BY id`);
    const before = await issued();
    // The honorer category goes to the RSUD's NPP: Dinkes's 2 honorer now bill under 18040099.
    await setReg('category', HONORER, p.rsud);
    const res = await runBilling(ctx, { month: '2026-01' });
    const drafts = res.invoices.filter((i) => i.status === 'draft').map((i) => [i.opdCode, i.kind, i.npp, i.total]);
    // Credit: -21,600 (2 x 10,800 removed from the Pemda's invoice); supplementary: +21,600 on the RSUD's.
    expect(drafts).toEqual([
      ['05', 'credit', '18040012', -21_600],
      ['05', 'supplementary', '18040099', 21_600],
    ]);
    expect(res.total).toBe(51_300);
    // Issued rows untouched.
    expect(await issued()).toEqual(before);
  });

  it('a second regular invoice for the same unit, month, segment and NPP is refused by the database', async () => {
    const p = await pemda();
    await runBilling(ctx, { month: '2026-01', issue: true });
    const ins = (reg: number | null) => storeOf(ctx).run(sql`INSERT INTO invoice (month, opd_id, segment, registration_id, kind, status, due_date, rates_json, created_at, created_by)
      VALUES ('2026-01', ${p.dinkes}, 'PU', ${reg}, 'regular', 'draft', '2026-02-16', '{}', 'x', 'x')`);
    // SQLite: "UNIQUE constraint failed"; PostgreSQL: "duplicate key value violates unique constraint".
    await expect(ins(null)).rejects.toThrow(/UNIQUE/i);
    await expect(ins(p.rsud)).rejects.toThrow(/UNIQUE/i);
    expect(await issueDrafts(ctx, '2026-01')).toBe(0);
  });

  it('prints the basis with the class its lines were billed at, with or without the attachment', async () => {
    // The RSUD's NPP at class III (0,89%): 2,500,000 x 0.89% = 22,250 JKK for its one honorer.
    await pemda();
    for (const r of await listRegistrations(ctx)) if (r.id !== null) await saveRegistration(ctx, { id: r.id, npp: r.npp!, name: r.name, jkkClass: 3 });
    await runBilling(ctx, { month: '2026-01', issue: true });
    const rsudInvoice = 'IUR/2026/01/07/001';
    expect((await invoiceLines(ctx, (await getInvoice(ctx, rsudInvoice)).id)).map((l) => [l.jkkClass, l.jkk])).toEqual([[3, 22_250]]);
    for (const attachment of [true, false]) {
      const body = (await invoicePrint(ctx, rsudInvoice, { attachment })).body;
      expect(body).toContain('JKK kelas III');
      expect(body).not.toContain('JKK kelas I,');
    }
  });
});
