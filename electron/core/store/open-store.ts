/**
 * Opens the store a database argument names: a file path is the embedded SQLite database (created
 * when missing, migrated on open), a `postgres://` or `postgresql://` URL a PostgreSQL database the
 * Pemda's IT office runs (migrated on connect, in one transaction). The CLI, the worker, `sigap serve`
 * and the tests all open their store here, so the choice is made in one place.
 */
import { openDatabase, type Db, type OpenOptions } from '../db/open';
import { SigapError } from '../errors';
import { migratePostgres, PG_LATEST_VERSION } from '../db/pg/migrate';
import { LATEST_VERSION } from '../db/migrations/index';
import { sql } from './sql';
import { PostgresStore } from './postgres';
import { storeOf } from './of-context';
import type { Engine, Store } from './store';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target.trim());
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
  }
}

export interface OpenedStore {
  engine: Engine;
  store: Store;
  /** The SQLite handle (backups, restore); absent on PostgreSQL. */
  db?: Db;
  /**
   * What a core context carries: the SQLite handle (its store found by `storeOf`, so a restore that
   * swaps the handle is followed), or the PostgreSQL store.
   */
  context: { db: Db } | { store: Store };
  /** The database as the user named it, password removed. */
  where: string;
  /** SQLite: the copy written before a schema upgrade, when there was one. */
  backupPath: string | null;
  fromVersion: number;
  toVersion: number;
}

export interface OpenStoreOptions extends OpenOptions {
  /** PostgreSQL: connections in the pool (a CLI command needs few, `sigap serve` more). */
  poolMax?: number;
}

/** Socket errors meaning the server was not reached at all. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EHOSTDOWN']);

/** The code of a driver or socket error (node gives an AggregateError when every address of a host refused). */
function errorCode(e: unknown): string {
  const err = e as { code?: unknown; errors?: unknown[] };
  if (typeof err?.code === 'string') return err.code;
  const inner = Array.isArray(err?.errors) ? err.errors.map(errorCode).find((c) => c !== '') : undefined;
  return inner ?? '';
}

/**
 * Why a PostgreSQL server could not be used, in words a clerk or the IT office can act on: never the
 * driver's own English text (the SQLSTATE code is named, for the DBA's log search).
 */
export function describePgError(e: unknown, where: string): SigapError {
  if (e instanceof SigapError) return e;
  const code = errorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  const fail = (text: string) => new SigapError('DB_UNREADABLE', text);
  if (UNREACHABLE.has(code) || /timeout|terminated unexpectedly/i.test(message)) {
    return fail(`Server PostgreSQL ${where} tidak dapat dihubungi${code ? ` (${code})` : ''}. Periksa alamat dan port-nya, apakah layanannya berjalan, dan apakah jaringan ke server itu terbuka.`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return fail(`Alamat server PostgreSQL ${where} tidak dikenal (${code}). Periksa nama server pada alamatnya.`);
  if (code === '28P01') return fail(`Server PostgreSQL ${where} menolak kata sandinya (28P01). Periksa kata sandi pengguna pada alamat basis data.`);
  if (code === '28000') {
    return /pg_hba/i.test(message)
      ? fail(`Server PostgreSQL ${where} tidak menerima sambungan dari komputer ini (28000, pg_hba.conf). Minta DBA mengizinkan alamat komputer ini.`)
      : fail(`Server PostgreSQL ${where} menolak nama penggunanya (28000). Periksa nama pengguna pada alamat basis data, atau minta DBA membuatnya.`);
  }
  if (code === '3D000') return fail(`Basis data PostgreSQL ${where} tidak ada (3D000). Buat dahulu (lihat README, bagian PostgreSQL) atau periksa namanya pada alamat.`);
  if (code === '42501') return fail(`Pengguna PostgreSQL untuk ${where} tidak berhak membuat atau mengubah tabel Sigap (42501). Minta DBA memberi hak pada skemanya.`);
  if (code === '53300') return fail(`Server PostgreSQL ${where} sedang penuh: terlalu banyak sambungan (53300). Coba lagi sebentar lagi, atau minta DBA menaikkan max_connections.`);
  if (code === '57P03') return fail(`Server PostgreSQL ${where} sedang dinyalakan atau dimatikan (57P03). Coba lagi sebentar lagi.`);
  if (/SSL/.test(message)) return fail(`Sambungan aman (SSL) ke server PostgreSQL ${where} tidak dapat dibuat. Sesuaikan sslmode pada alamatnya dengan pengaturan server.`);
  return fail(`Basis data PostgreSQL ${where} tidak dapat dibuka${code ? ` (kode ${code})` : ''}. Periksa alamatnya dan sampaikan kode ini kepada DBA.`);
}

export async function openStore(target: string, opts: OpenStoreOptions = {}): Promise<OpenedStore> {
  if (isPostgresUrl(target)) {
    const where = redactUrl(target);
    const store = new PostgresStore(target.trim(), { max: opts.poolMax ?? 4 });
    try {
      const { fromVersion, toVersion } = await migratePostgres(store, where);
      return { engine: 'postgres', store, context: { store }, where, backupPath: null, fromVersion, toVersion };
    } catch (e) {
      await store.close().catch(() => {});
      throw describePgError(e, where);
    }
  }
  const { db, backupPath, fromVersion, toVersion } = openDatabase(target, opts);
  return { engine: 'sqlite', store: storeOf({ db }), db, context: { db }, where: target, backupPath, fromVersion, toVersion };
}

/** The schema version this Sigap migrates a database of the engine to. */
export function latestSchemaVersion(engine: Engine): number {
  return engine === 'postgres' ? PG_LATEST_VERSION : LATEST_VERSION;
}

/** The open database's schema version: SQLite's user_version, PostgreSQL's sigap_schema row. */
export async function storeSchemaVersion(store: Store): Promise<number> {
  if (store.engine === 'postgres') return (await store.one<{ version: number }>(sql`SELECT version FROM sigap_schema WHERE id = 1`))?.version ?? 0;
  return (await store.one<{ user_version: number }>(sql`PRAGMA user_version`))!.user_version;
}
