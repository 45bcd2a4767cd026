/**
 * The Store over better-sqlite3: the embedded default, one file on one PC. better-sqlite3 is
 * synchronous and has one connection, while the Store is asynchronous and its transactions may await
 * (a file read, a hash) between statements. So a transaction holds this connection alone until it ends:
 * callers outside it wait their turn instead of reading its uncommitted rows or writing into it, and
 * calls made from inside it (found through AsyncLocalStorage, whichever handle they use) join it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { render, type SqlQuery, type SqlValue } from './sql';
import type { Queries, RunResult, Store, TxMode } from './store';

type Statement = Database.Statement<unknown[]>;

/** A prepared statement with what `run` needs to know of it, read once (better-sqlite3's getters copy). */
interface Prepared {
  s: Statement;
  /** Returns rows (a SELECT, or INSERT … RETURNING). */
  reader: boolean;
  /** An INSERT or REPLACE without RETURNING: its rowid is the new id. */
  inserts: boolean;
}

/** Prepared statements kept per SQL text; enough for every query the core has, bounded all the same. */
const CACHE_SIZE = 500;

interface TxFrame {
  store: SqliteStore;
  savepoints: number;
}

const current = new AsyncLocalStorage<TxFrame>();

const bind = (v: SqlValue): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v);
const needsBind = (v: SqlValue): boolean => typeof v === 'boolean' || (v instanceof Uint8Array && !Buffer.isBuffer(v));
/** The values as better-sqlite3 takes them; the query's own array when none needs converting (the usual case). */
const bound = (values: readonly SqlValue[]): unknown[] => (values.some(needsBind) ? values.map(bind) : (values as unknown[]));

export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const;
  private readonly cache = new Map<string, Prepared>();
  /** Statements of flat templates by the template itself (sql.ts `shape`): no text rendered per run. */
  private byShape = new WeakMap<TemplateStringsArray, Prepared>();
  /** Resolves when the transaction (or iteration) holding the connection ends. */
  private held: Promise<void> | null = null;

  constructor(readonly db: Database.Database) {}

  private inside(): boolean {
    return current.getStore()?.store === this;
  }

  private prepare(text: string): Prepared {
    let p = this.cache.get(text);
    if (p) {
      this.cache.delete(text); // most recently used last
    } else {
      const s = this.db.prepare(text);
      p = { s, reader: s.reader, inserts: !s.reader && /^\s*(insert|replace)\b/i.test(text) };
      if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(text, p);
    return p;
  }

  /** The prepared statement of a query: by its template when flat (no text rendered), else by its text. */
  private statement(q: SqlQuery): Prepared {
    if (q.shape) {
      let p = this.byShape.get(q.shape);
      if (!p) {
        p = this.prepare(render(q, () => '?').text);
        this.byShape.set(q.shape, p);
      }
      return p;
    }
    return this.prepare(render(q, () => '?').text);
  }

  /** Waits until no transaction of another caller holds the connection, then takes it; gives it back. */
  private async acquire(): Promise<() => void> {
    while (this.held) await this.held;
    let release!: () => void;
    this.held = new Promise<void>((r) => {
      release = () => {
        this.held = null;
        r();
      };
    });
    return release;
  }

  /** Whether a statement must wait: another caller's transaction (or iteration) holds the connection. */
  private mustWait(): boolean {
    return this.held !== null && !this.inside();
  }

  private async afterHolder<T>(f: () => T): Promise<T> {
    while (this.mustWait()) await this.held;
    return f();
  }

  private allNow<T>(q: SqlQuery): T[] {
    return this.statement(q).s.all(...bound(q.values)) as T[];
  }

  private oneNow<T>(q: SqlQuery): T | undefined {
    return this.statement(q).s.get(...bound(q.values)) as T | undefined;
  }

  private runNow(q: SqlQuery): RunResult {
    const p = this.statement(q);
    if (p.reader) {
      // INSERT … RETURNING id reads: its row carries the new id, as on PostgreSQL.
      const row = p.s.get(...bound(q.values)) as Record<string, unknown> | undefined;
      return { changes: row ? 1 : 0, newId: typeof row?.id === 'number' ? row.id : null };
    }
    const r = p.s.run(...bound(q.values));
    return { changes: r.changes, newId: r.changes > 0 && p.inserts ? Number(r.lastInsertRowid) : null };
  }

  // One statement: at once inside a transaction or when the connection is free, else after the holder.
  // Not async functions, and no closure on the way: the hot path (a bulk write's every row) makes no
  // object but the statement's result and its promise.
  all<T>(q: SqlQuery): Promise<T[]> {
    if (this.mustWait()) return this.afterHolder(() => this.allNow<T>(q));
    try {
      return Promise.resolve(this.allNow<T>(q));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  one<T>(q: SqlQuery): Promise<T | undefined> {
    if (this.mustWait()) return this.afterHolder(() => this.oneNow<T>(q));
    try {
      return Promise.resolve(this.oneNow<T>(q));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  run(q: SqlQuery): Promise<RunResult> {
    if (this.mustWait()) return this.afterHolder(() => this.runNow(q));
    try {
      return Promise.resolve(this.runNow(q));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Rows one at a time. The connection is held until the loop ends (better-sqlite3 cannot run another
   * statement on it meanwhile), so the loop body must not query: collect, then write.
   */
  iterate<T>(q: SqlQuery): AsyncIterable<T> {
    // A plain async iterator over better-sqlite3's rows rather than an async generator: a generator's
    // yield costs several promises and turns per row, and a 100,000-row read pays them all.
    return {
      [Symbol.asyncIterator]: (): AsyncIterator<T> => {
        let rows: IterableIterator<unknown> | null = null;
        let release: (() => void) | null = null;
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          try {
            rows?.return?.();
          } finally {
            release?.();
          }
        };
        const start = async () => {
          if (!this.inside()) release = await this.acquire();
          try {
            rows = this.statement(q).s.iterate(...bound(q.values)) as IterableIterator<unknown>;
          } catch (e) {
            finish();
            throw e;
          }
        };
        const step = (): IteratorResult<T> => {
          try {
            const r = rows!.next();
            if (r.done) finish();
            return r as IteratorResult<T>;
          } catch (e) {
            finish();
            throw e;
          }
        };
        return {
          next(): Promise<IteratorResult<T>> {
            if (finished) return Promise.resolve({ done: true, value: undefined });
            if (!rows) return start().then(step);
            try {
              return Promise.resolve(step());
            } catch (e) {
              return Promise.reject(e);
            }
          },
          return(): Promise<IteratorResult<T>> {
            finish();
            return Promise.resolve({ done: true, value: undefined });
          },
        };
      },
    };
  }

  async tx<T>(mode: TxMode, fn: (tx: Queries) => Promise<T>): Promise<T> {
    const frame = current.getStore();
    if (frame?.store === this) {
      // Nested: a savepoint, so the inner part can fail alone.
      const name = `sp${++frame.savepoints}`;
      this.db.exec(`SAVEPOINT ${name}`);
      try {
        const out = await fn(this);
        this.db.exec(`RELEASE ${name}`);
        return out;
      } catch (e) {
        this.db.exec(`ROLLBACK TO ${name}`);
        this.db.exec(`RELEASE ${name}`);
        throw e;
      }
    }
    const release = await this.acquire();
    try {
      this.db.exec(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN');
      try {
        const out = await current.run({ store: this, savepoints: 0 }, () => fn(this));
        this.db.exec('COMMIT');
        return out;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      release();
    }
  }

  /**
   * Runs `fn` holding the connection with no transaction of its own: for work on the database file
   * itself (the online backup, the swap of a restore), which must neither copy another caller's
   * uncommitted rows nor interleave with them. Store calls made inside `fn` run at once; other callers
   * wait until it ends. Called while this caller already holds the connection, it just runs `fn`.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inside()) return fn();
    const release = await this.acquire();
    try {
      return await current.run({ store: this, savepoints: 0 }, fn);
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    while (this.held) await this.held;
    this.cache.clear();
    this.byShape = new WeakMap();
    this.db.close();
  }
}
