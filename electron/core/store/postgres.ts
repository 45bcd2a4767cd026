/**
 * The Store over PostgreSQL (node-postgres): the shared database a Pemda's IT office runs for several
 * offices. A pool of connections; a transaction takes one client for itself, and every query made
 * while it runs (found through AsyncLocalStorage, whichever handle is used) goes to that client.
 * Numbers come back as numbers: Sigap's counts and rupiah fit easily in 2^53, so bigint (count(*),
 * sum()) and numeric are parsed, never left as strings.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { render, type SqlQuery, type SqlValue } from './sql';
import type { Queries, RunResult, Store, TxMode } from './store';

const INT8 = 20;
const NUMERIC = 1700;

/** Integers beyond 2^53 would lose digits silently: refuse them loudly instead. */
function parseSafe(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) && Number.isInteger(n)) throw new RangeError(`Bilangan ${text} terlalu besar`);
  return n;
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return parseSafe;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

interface TxFrame {
  store: PostgresStore;
  client: pg.PoolClient;
  savepoints: number;
}

const current = new AsyncLocalStorage<TxFrame>();

const bind = (v: SqlValue): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v);

const FETCH = 1000;

export class PostgresStore implements Store {
  readonly engine = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(url: string, opts: { max?: number } = {}) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: opts.max ?? 10,
      types,
      // A server that drops packets (a wrong address, a firewall) fails in 15 s instead of the OS's minutes.
      connectionTimeoutMillis: 15_000,
      // A client frozen inside a transaction (not killed: its socket stays open) must not hold a month's
      // lock or a row for ever: the server ends such a session after 10 minutes.
      idle_in_transaction_session_timeout: 600_000,
    });
    // An idle client losing its server must not crash the process: the next query reconnects.
    this.pool.on('error', () => {});
  }

  private frame(): TxFrame | undefined {
    const f = current.getStore();
    return f?.store === this ? f : undefined;
  }

  private async query(q: SqlQuery): Promise<pg.QueryResult> {
    const { text, params } = render(q, (i) => `$${i}`);
    const target = this.frame()?.client ?? this.pool;
    return target.query({ text, values: params.map(bind) });
  }

  async all<T>(q: SqlQuery): Promise<T[]> {
    return (await this.query(q)).rows as T[];
  }

  async one<T>(q: SqlQuery): Promise<T | undefined> {
    return (await this.query(q)).rows[0] as T | undefined;
  }

  async run(q: SqlQuery): Promise<RunResult> {
    const r = await this.query(q);
    const id = (r.rows[0] as { id?: unknown } | undefined)?.id;
    return { changes: r.rowCount ?? 0, newId: typeof id === 'number' ? id : null };
  }

  /** Rows in batches through a server-side cursor, so a 100,000-row export never sits in memory. */
  async *iterate<T>(q: SqlQuery): AsyncIterable<T> {
    const { text, params } = render(q, (i) => `$${i}`);
    const own = this.frame();
    const client = own?.client ?? (await this.pool.connect());
    const cursor = `sigap_cursor_${own ? ++own.savepoints : 0}`;
    try {
      if (!own) await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query({ text: `DECLARE ${cursor} NO SCROLL CURSOR FOR ${text}`, values: params.map(bind) });
      for (;;) {
        const { rows } = await client.query(`FETCH FORWARD ${FETCH} FROM ${cursor}`);
        for (const row of rows) yield row as T;
        if (rows.length < FETCH) break;
      }
      await client.query(`CLOSE ${cursor}`);
      if (!own) await client.query('COMMIT');
    } catch (e) {
      if (!own) await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      if (!own) client.release();
    }
  }

  async tx<T>(mode: TxMode, fn: (tx: Queries) => Promise<T>): Promise<T> {
    const frame = this.frame();
    if (frame) {
      const name = `sp${++frame.savepoints}`;
      await frame.client.query(`SAVEPOINT ${name}`);
      try {
        const out = await fn(this);
        await frame.client.query(`RELEASE SAVEPOINT ${name}`);
        return out;
      } catch (e) {
        await frame.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await frame.client.query(`RELEASE SAVEPOINT ${name}`);
        throw e;
      }
    }
    const client = await this.pool.connect();
    let broken = false;
    try {
      // Writers: READ COMMITTED and explicit row locks where a rule needs them (SELECT … FOR UPDATE on
      // the rows it reads and then writes); readers: one snapshot.
      await client.query(mode === 'write' ? 'BEGIN' : 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const out = await current.run({ store: this, client, savepoints: 0 }, () => fn(this));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw e;
      }
    } finally {
      client.release(broken);
    }
  }

  /**
   * Several statements in one go (the simple query protocol; no parameters): migrations' DDL only.
   * Inside a transaction, on its client.
   */
  async execScript(text: string): Promise<void> {
    await (this.frame()?.client ?? this.pool).query(text);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
