/**
 * Sigap's schema on a real PostgreSQL server (test/pg/cluster.ts): the same tables and columns as the
 * SQLite migrations give at the same version, the same seeded rows, a snapshot of everything (every
 * schema change visible in review), the append-only and issued-invoice rules enforced by the database,
 * and the migration guarantees (idempotent, one at a time, a newer schema refused).
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/core/db/migrations/index';
import { PostgresStore } from '../../electron/core/store/postgres';
import { migratePostgres, PG_LATEST_VERSION } from '../../electron/core/db/pg/migrate';
import { sql, sqlId } from '../../electron/core/store/sql';
import { startPgCluster, type PgCluster } from '../pg/cluster';

let cluster: PgCluster;
let store: PostgresStore;
let n = 0;
const fresh = async () => new PostgresStore(await cluster.createDatabase(`schema${++n}`));

beforeAll(async () => {
  cluster = await startPgCluster();
  store = await fresh();
  await migratePostgres(store);
}, 120_000);
afterAll(async () => {
  await store?.close();
  cluster?.stop();
});

const sqliteAt = (version: number) => openDatabase(':memory:', { migrations: MIGRATIONS.filter((m) => m.version <= version) }).db;

const SQLITE_TYPE: Record<string, string> = { INTEGER: 'bigint', TEXT: 'text', BLOB: 'bytea' };

describe('PostgreSQL schema', () => {
  // PostgreSQL's own: the schema version and the roster list's change token (db/pg/migration-0260.ts).
  it('has the tables and columns SQLite has at the same version, in the same order, with the same NOT NULLs', async () => {
    const db = sqliteAt(PG_LATEST_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const lite = Object.fromEntries(tables.map((t) => [t, (db.prepare(`PRAGMA table_xinfo("${t}")`).all() as { name: string; type: string; notnull: number; pk: number }[])
      .map((c) => `${c.name} ${SQLITE_TYPE[c.type] ?? c.type}${c.notnull || (c.pk && c.type === 'INTEGER') ? ' not null' : ''}`)]));
    db.close();
    const cols = await store.all<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(sql`
      SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name NOT IN ('sigap_schema', 'roster_change', 'roster_change_base') ORDER BY table_name, ordinal_position`);
    const pg: Record<string, string[]> = {};
    for (const c of cols) {
      // citext is SQLite's TEXT COLLATE NOCASE.
      const type = c.data_type === 'USER-DEFINED' && c.udt_name === 'citext' ? 'text' : c.data_type;
      (pg[c.table_name] ??= []).push(`${c.column_name} ${type}${c.is_nullable === 'NO' ? ' not null' : ''}`);
    }
    expect(pg).toEqual(lite);
  });

  it('starts with the rows the SQLite migrations seed', async () => {
    const db = sqliteAt(PG_LATEST_VERSION);
    // Timestamps are the moment each migration ran; everything else must be the same.
    const untimed = (rows: unknown[]) => rows.map((r) => Object.fromEntries(Object.entries(r as object).filter(([k]) => !k.endsWith('_at'))));
    for (const table of ['category', 'rate_param', 'bpu_bracket', 'bpjs_na_reason', 'setting', 'bpjs_profile']) {
      const lite = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
      const rows = await store.all<Record<string, unknown>>(sql`SELECT * FROM ${sqlId(table)} ORDER BY 1, 2`);
      expect({ table, rows: untimed(rows) }).toEqual({ table, rows: untimed(lite) });
    }
    db.close();
  });

  it('matches its snapshot (every schema change is visible in review)', async () => {
    const tables = await store.all<{ t: string }>(sql`
      SELECT table_name || E'\n  ' || string_agg(column_name || ' ' || CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type END
        || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END || coalesce(' DEFAULT ' || column_default, '')
        || CASE WHEN is_generated = 'ALWAYS' THEN ' GENERATED ' || generation_expression ELSE '' END, E'\n  ' ORDER BY ordinal_position) AS t
      FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name`);
    const constraints = await store.all<{ t: string }>(sql`
      SELECT conrelid::regclass || ' ' || conname || ': ' || pg_get_constraintdef(oid) AS t FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace ORDER BY conrelid::regclass::text, conname`);
    const indexes = await store.all<{ t: string }>(sql`SELECT indexdef AS t FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`);
    const triggers = await store.all<{ t: string }>(sql`SELECT pg_get_triggerdef(oid) AS t FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgrelid::regclass::text, tgname`);
    const text = [...tables, ...constraints, ...indexes, ...triggers].map((r) => r.t).join('\n\n');
    expect(text).toMatchSnapshot();
  });
});

describe('PostgreSQL keeps what must not change', () => {
  const refused = (p: Promise<unknown>, message: RegExp) => expect(p).rejects.toThrow(message);

  it('the audit trail is append-only: no update, delete or truncate', async () => {
    const s = await fresh();
    await migratePostgres(s);
    await s.run(sql`INSERT INTO audit_log (at, actor, action, entity) VALUES (${'2026-01-01T00:00:00Z'}, ${'rina'}, ${'create'}, ${'opd'})`);
    await refused(s.run(sql`UPDATE audit_log SET actor = ${'budi'}`), /append-only/);
    await refused(s.run(sql`DELETE FROM audit_log`), /append-only/);
    await refused(s.run(sql`TRUNCATE audit_log`), /append-only/);
    expect(await s.all(sql`SELECT actor FROM audit_log`)).toEqual([{ actor: 'rina' }]);
    await s.close();
  });

  it('an issued invoice and its lines never change; payments only on issued, non-credit invoices', async () => {
    const s = await fresh();
    await migratePostgres(s);
    await s.run(sql`INSERT INTO opd (code, name, name_key, created_at) VALUES (${'1.01'}, ${'Dinas A'}, ${'DINAS A'}, ${'2026-01-01'})`);
    const inv = (await s.run(sql`INSERT INTO invoice (month, opd_id, segment, kind, status, due_date, rates_json, created_at, created_by)
      VALUES (${'2026-03'}, ${1}, ${'PU'}, ${'regular'}, ${'draft'}, ${'2026-04-15'}, ${'{}'}, ${'2026-03-01'}, ${'rina'}) RETURNING id`)).newId!;
    await s.run(sql`INSERT INTO invoice_line (invoice_id, person_id, nik, name, category, wage, base, jp_base, jkk, jkm, jht_employer, jht_worker, jp_employer, jp_worker)
      VALUES (${inv}, ${1}, ${'1804010101900001'}, ${'Ani'}, ${'Honorer'}, ${1_000_000}, ${1_000_000}, ${0}, ${2_400}, ${3_000}, ${0}, ${0}, ${0}, ${0})`);
    await refused(s.run(sql`INSERT INTO payment (invoice_id, sp2d_number, sp2d_date, amount, created_at, created_by) VALUES (${inv}, ${'SP2D/1'}, ${'2026-04-01'}, ${5_400}, ${'x'}, ${'x'})`), /hanya untuk tagihan terbit/);
    // Issuing with totals that are not the sum of the lines is refused; with the right ones it passes.
    await refused(s.run(sql`UPDATE invoice SET status = 'issued', number = ${'001'}, issued_at = ${'2026-03-05'}, header_json = ${'{}'}, persons = 1, jkk = 2400, jkm = 3001, employer_total = 5401, total = 5401 WHERE id = ${inv}`), /jumlah tagihan tidak sama/);
    await s.run(sql`UPDATE invoice SET status = 'issued', number = ${'001'}, issued_at = ${'2026-03-05'}, header_json = ${'{}'}, persons = 1, jkk = 2400, jkm = 3000, employer_total = 5400, total = 5400 WHERE id = ${inv}`);
    await refused(s.run(sql`UPDATE invoice SET due_date = ${'2026-05-01'} WHERE id = ${inv}`), /tidak dapat diubah/);
    await refused(s.run(sql`DELETE FROM invoice WHERE id = ${inv}`), /tidak dapat dihapus/);
    await refused(s.run(sql`UPDATE invoice_line SET jkk = 0 WHERE invoice_id = ${inv}`), /tidak dapat diubah/);
    await refused(s.run(sql`DELETE FROM invoice_line WHERE invoice_id = ${inv}`), /tidak dapat dihapus/);
    await refused(s.run(sql`INSERT INTO invoice_line (invoice_id, person_id, nik, name, category, wage, base, jp_base, jkk, jkm, jht_employer, jht_worker, jp_employer, jp_worker)
      VALUES (${inv}, ${2}, ${'1804010101900002'}, ${'Budi'}, ${'Honorer'}, ${1}, ${1}, ${0}, ${0}, ${0}, ${0}, ${0}, ${0}, ${0})`), /tidak dapat diubah/);
    await s.run(sql`INSERT INTO payment (invoice_id, sp2d_number, sp2d_date, amount, created_at, created_by) VALUES (${inv}, ${'SP2D/1'}, ${'2026-04-01'}, ${5_400}, ${'x'}, ${'x'})`);
    expect(await s.one(sql`SELECT total FROM invoice_line WHERE invoice_id = ${inv}`)).toEqual({ total: 5_400 });
    await s.close();
  });
});

describe('PostgreSQL migrations', () => {
  it('reach the same version as the SQLite ones: every schema change has its PostgreSQL part', () => {
    expect(PG_LATEST_VERSION).toBe(LATEST_VERSION);
  });

  it('run once: a second run and two at the same time change nothing', async () => {
    const a = await fresh();
    const url = (a.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const b = new PostgresStore(url);
    const [ra, rb] = await Promise.all([migratePostgres(a), migratePostgres(b)]);
    expect([ra, rb].map((r) => r.fromVersion).sort()).toEqual([0, PG_LATEST_VERSION]);
    expect(await migratePostgres(a)).toEqual({ fromVersion: PG_LATEST_VERSION, toVersion: PG_LATEST_VERSION });
    expect((await a.one<{ n: number }>(sql`SELECT count(*) AS n FROM category`))!.n).toBe(2);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuse a database made by a newer Sigap, in Indonesian', async () => {
    const s = await fresh();
    await migratePostgres(s);
    await s.run(sql`UPDATE sigap_schema SET version = ${PG_LATEST_VERSION + 10}`);
    await expect(migratePostgres(s, 'di server kantor')).rejects.toThrow(/lebih baru .*Perbarui aplikasi Sigap/);
    await s.close();
  });
});
