import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { faultToSigapError } from '../../electron/core/db/errors';
import { dispatch, type Handlers } from '../../electron/core/api/dispatch';
import type { SessionGate } from '../../electron/core/auth/session';

// The audit trail and issued invoices are kept unchanged by the database itself (SQLite triggers;
// PL/pgSQL triggers on PostgreSQL), whatever code asks: on either engine, through the store as Sigap
// connects, with the same messages, and the clerk reads the refusal in Indonesian, never a driver error.

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext('2026-04-01T01:00:00Z');
});
afterEach(() => ctx.close());

async function refusal(p: Promise<unknown>): Promise<{ raw: string; shown: { code: string; message: string } | null }> {
  try {
    await p;
  } catch (e) {
    const s = faultToSigapError(e);
    return { raw: (e as Error).message, shown: s && { code: s.code, message: s.message } };
  }
  throw new Error('the change was not refused');
}

/** An invoice issued with no lines (total 0, 0 people): all the guards need. */
async function issuedInvoice(): Promise<number> {
  const store = storeOf(ctx);
  await store.run(sql`INSERT INTO opd (code, name, name_key, kind, created_at) VALUES ('01', 'Dinas Uji', 'dinas uji', 'opd', '2026-04-01')`);
  const opd = (await store.one<{ id: number }>(sql`SELECT id FROM opd WHERE code = '01'`))!.id;
  await store.run(sql`INSERT INTO invoice (month, opd_id, segment, kind, status, due_date, rates_json, created_at, created_by)
    VALUES ('2026-04', ${opd}, 'PU', 'regular', 'draft', '2026-04-10', '{}', '2026-04-01', 'test')`);
  const id = (await store.one<{ id: number }>(sql`SELECT id FROM invoice WHERE opd_id = ${opd}`))!.id;
  await store.run(sql`UPDATE invoice SET status = 'issued', number = 'INV/2026/04/0001', issued_at = '2026-04-01', issued_by = 'test', header_json = '{}' WHERE id = ${id}`);
  return id;
}

describe('append-only on the database engine', () => {
  it('refuses to change or delete an audit row, with the same message on both engines, shown in Indonesian', async () => {
    const store = storeOf(ctx);
    await store.run(sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, summary) VALUES ('2026-04-01T01:00:00Z', 'test', 'create', 'opd', 1, 'OPD Uji')`);
    const shown = { code: 'CONFLICT', message: 'Catatan jejak audit tidak dapat diubah atau dihapus; perubahan ditolak.' };
    expect(await refusal(store.run(sql`UPDATE audit_log SET actor = 'x'`))).toEqual({ raw: 'audit_log is append-only', shown });
    expect(await refusal(store.run(sql`DELETE FROM audit_log`))).toEqual({ raw: 'audit_log is append-only', shown });
    // Inside a write transaction too (as every writer runs), and the row is still there.
    expect(await refusal(store.tx('write', (tx) => tx.run(sql`DELETE FROM audit_log WHERE actor = 'test'`)))).toEqual({ raw: 'audit_log is append-only', shown });
    expect(await store.all(sql`SELECT actor, summary FROM audit_log`)).toEqual([{ actor: 'test', summary: 'OPD Uji' }]);
  });

  it('refuses to change or delete an issued invoice and its lines, with the same Indonesian messages', async () => {
    const store = storeOf(ctx);
    const id = await issuedInvoice();
    expect(await refusal(store.run(sql`UPDATE invoice SET total = 0 WHERE id = ${id}`)))
      .toEqual({ raw: 'tagihan yang sudah terbit tidak dapat diubah', shown: { code: 'CONFLICT', message: 'Perubahan ditolak: tagihan yang sudah terbit tidak dapat diubah.' } });
    expect(await refusal(store.run(sql`DELETE FROM invoice WHERE id = ${id}`)))
      .toEqual({ raw: 'tagihan yang sudah terbit tidak dapat dihapus', shown: { code: 'CONFLICT', message: 'Perubahan ditolak: tagihan yang sudah terbit tidak dapat dihapus.' } });
    const line = sql`INSERT INTO invoice_line (invoice_id, person_id, nik, name, category, wage, base, jp_base, jkk, jkm, jht_employer, jht_worker, jp_employer, jp_worker)
      VALUES (${id}, 1, '1804010101900001', 'Uji', 'PPPK', 1, 1, 1, 0, 0, 0, 0, 0, 0)`;
    expect((await refusal(store.run(line))).raw).toBe('rincian tagihan yang sudah terbit tidak dapat diubah');
    expect(await store.one(sql`SELECT status, number, total FROM invoice WHERE id = ${id}`)).toEqual({ status: 'issued', number: 'INV/2026/04/0001', total: 0 });
  });

  it('reaches the clerk through the bridge as a CONFLICT in Indonesian, not as an internal error', async () => {
    await storeOf(ctx).run(sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, summary) VALUES ('2026-04-01T01:00:00Z', 'test', 'create', 'opd', 1, 'OPD Uji')`);
    const id = await issuedInvoice();
    // A defective handler that tries what no handler may: the dispatcher's answer is what the clerk sees.
    const gate = { check: async () => {}, current: () => ({ id: 1, username: 'admin', displayName: 'Admin', role: 'admin' }) } as unknown as SessionGate;
    const handlers = {
      'audit.list': () => storeOf(ctx).run(sql`DELETE FROM audit_log`),
      'invoice.get': () => storeOf(ctx).run(sql`UPDATE invoice SET due_date = '2026-05-01' WHERE id = ${id}`),
    } as unknown as Handlers;
    expect(await dispatch(handlers, 'audit.list', {}, { gate }))
      .toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Catatan jejak audit tidak dapat diubah atau dihapus; perubahan ditolak.' } });
    expect(await dispatch(handlers, 'invoice.get', { invoiceId: id }, { gate }))
      .toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Perubahan ditolak: tagihan yang sudah terbit tidak dapat diubah.' } });
  });
});
