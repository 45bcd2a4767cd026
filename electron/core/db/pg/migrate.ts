/**
 * Brings a PostgreSQL database to Sigap's schema, with the guarantees of the SQLite migrations
 * (db/open.ts): everything in one transaction, a database made by a newer Sigap refused, and two
 * processes starting at once never migrating twice (an advisory lock held for the transaction).
 *
 * An empty database gets the baseline (baseline.ts) and the rows Sigap seeds (categories, rate tables,
 * retirement ages, deactivation codes…), copied from the SQLite migrations run in memory to the same
 * version, so both engines start from the very same rows.
 */
import { openDatabase } from '../open';
import { MIGRATIONS } from '../migrations/index';
import { SigapError } from '../../../../shared/errors';
import type { PostgresStore } from '../../store/postgres';
import { sql, sqlId, sqlJoin } from '../../store/sql';
import type { Queries } from '../../store/store';
import { PG_BASELINE_DDL, PG_BASELINE_VERSION } from './baseline';
import { JP_CAP_CONFIRMED } from '../migrations/0230-jp-cap-2020-2021';
import { INVOICE_SEQUENCE_SEED } from '../migrations/0240-invoice-sequence';
import { ENGAGEMENT_PERSON_COVERING, LINE_GUARD_PER_STATEMENT } from './migration-0250';
import { ROSTER_CHANGE_TOKEN, ROSTER_CHANGES_KEPT } from './migration-0260';

/** PostgreSQL parts of the migrations after the baseline, by version (the SQLite files say why). */
export const PG_MIGRATIONS: readonly { version: number; name: string; up(q: Queries, store: PostgresStore): Promise<void> }[] = [
  {
    version: 210,
    name: 'decree-number-reusable',
    async up(_q, store) {
      await store.execScript(`
        ALTER TABLE decree DROP CONSTRAINT decree_number_key;
        CREATE UNIQUE INDEX decree_number_applied ON decree (number) WHERE status = 'applied';
        CREATE INDEX decree_number ON decree (number);
      `);
    },
  },
  {
    version: 230,
    name: 'jp-cap-2020-2021',
    async up(q) {
      for (const r of JP_CAP_CONFIRMED) {
        await q.run(sql`UPDATE rate_param SET confidence = 'M', source = ${r.source}, note = ${r.note}
          WHERE key = 'pu.jp.wage_cap' AND effective_month = ${r.month} AND value = ${r.value} AND updated_by = 'seed'`);
      }
    },
  },
  {
    version: 240,
    name: 'invoice-sequence',
    async up(_q, store) {
      await store.execScript(`
        CREATE TABLE invoice_sequence (
          opd_id bigint NOT NULL REFERENCES opd(id), month text NOT NULL, last bigint NOT NULL CHECK (last >= 0), PRIMARY KEY (opd_id, month));
        ${INVOICE_SEQUENCE_SEED};
      `);
    },
  },
  {
    version: 250,
    name: 'postgres-indexes-and-line-guard',
    async up(q, store) {
      await store.execScript(`
        ${LINE_GUARD_PER_STATEMENT}
        ${ENGAGEMENT_PERSON_COVERING}
      `);
      // The name search, `name ILIKE '%…%'` (roster-repository.ts), reads a trigram index instead of
      // case-folding every name. pg_trgm ships with PostgreSQL (in Debian's postgresql package, in
      // "contrib" elsewhere) and is trusted since 13, so the owner creates it as it creates citext. A
      // server installed without it keeps the scan: slower, the same answers.
      if (!(await q.one(sql`SELECT 1 AS x FROM pg_available_extensions WHERE name = 'pg_trgm'`))) return;
      await store.execScript(`
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX person_name_trgm ON person USING gin (name gin_trgm_ops);
      `);
    },
  },
  {
    version: 260,
    name: 'roster-change-token',
    async up(_q, store) {
      await store.execScript(ROSTER_CHANGE_TOKEN);
    },
  },
  {
    version: 270,
    name: 'roster-order-indexes',
    async up(_q, store) {
      // The case-blind name order is dialect.ts nocase: lower(name) under "C".
      await store.execScript(`
        CREATE INDEX person_name_order ON person ((lower(name) COLLATE "C"));
        CREATE INDEX engagement_honor ON engagement (honor, id);
        CREATE INDEX engagement_start ON engagement (start_date, id);
      `);
    },
  },
];

export const PG_LATEST_VERSION = PG_MIGRATIONS.at(-1)?.version ?? PG_BASELINE_VERSION;

/** Columns PostgreSQL computes itself: never copied. */
const GENERATED = new Set(['invoice_line.total']);

async function copySeedRows(q: Queries): Promise<void> {
  const { db } = openDatabase(':memory:', { migrations: MIGRATIONS.filter((m) => m.version <= PG_BASELINE_VERSION) });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").pluck().all() as string[];
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      if (rows.length === 0) continue;
      const cols = Object.keys(rows[0]!).filter((c) => !GENERATED.has(`${table}.${c}`));
      for (let i = 0; i < rows.length; i += 500) {
        const values = rows.slice(i, i + 500).map((r) => sql`(${sqlJoin(cols.map((c) => sql`${r[c] as string | number | null}`))})`);
        await q.run(sql`INSERT INTO ${sqlId(table)} (${sqlJoin(cols.map(sqlId))}) VALUES ${sqlJoin(values)}`);
      }
      if (cols.includes('id')) {
        // Rows came with their ids: the identity continues after them.
        await q.run(sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sqlId(table)}))`);
      }
    }
  } finally {
    db.close();
  }
}

export async function migratePostgres(store: PostgresStore, where = 'PostgreSQL'): Promise<{ fromVersion: number; toVersion: number }> {
  return store.tx('write', async (q) => {
    await q.run(sql`SELECT pg_advisory_xact_lock(${0x5161a9})`);
    // Looked up first: CREATE TABLE IF NOT EXISTS needs the right to create in the schema even when the table
    // is there, and the application role Sigap runs as (sigap db grant) has no such right.
    if (!(await q.one<{ t: string | null }>(sql`SELECT to_regclass('sigap_schema') AS t`))?.t) {
      await q.run(sql`CREATE TABLE sigap_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)`);
    }
    const current = (await q.one<{ version: number }>(sql`SELECT version FROM sigap_schema WHERE id = 1`))?.version ?? 0;
    if (current > PG_LATEST_VERSION) {
      throw new SigapError('DB_TOO_NEW', `Basis data ${where} dibuat oleh versi Sigap yang lebih baru (skema ${current}, versi ini mengenal sampai ${PG_LATEST_VERSION}). Perbarui aplikasi Sigap.`);
    }
    if (current === PG_LATEST_VERSION) {
      // The roster's change token (migration-0260.ts) counts rows that only grow: folded into one total
      // when there are many (a store opened writes nothing otherwise).
      await q.one(sql`SELECT roster_change_prune(${ROSTER_CHANGES_KEPT}) AS done`);
      return { fromVersion: current, toVersion: current };
    }
    let version = current;
    if (version === 0) {
      await store.execScript(PG_BASELINE_DDL);
      await copySeedRows(q);
      version = PG_BASELINE_VERSION;
    }
    for (const m of PG_MIGRATIONS.filter((x) => x.version > version)) {
      await m.up(q, store);
      version = m.version;
    }
    await q.run(sql`INSERT INTO sigap_schema (id, version) VALUES (1, ${version}) ON CONFLICT (id) DO UPDATE SET version = excluded.version`);
    return { fromVersion: current, toVersion: version };
  });
}
