/**
 * Databases for a suite running on PostgreSQL (SIGAP_TEST_ENGINE=postgres): test/pg/global-setup.ts
 * starts one cluster for the run and migrates a template database once; every test context gets its
 * own copy of the template (CREATE DATABASE … TEMPLATE, a file copy: no migration per test) and drops
 * it at the end.
 *
 * A copy takes most of a second on a busy machine, longer than many tests: so global-setup keeps a few
 * untouched copies ready (`sigap_spare_N`, made one after another while the tests run), and a test
 * claims one by renaming it to its own name (a rename is atomic: two workers never get the same copy;
 * nobody ever connects to a spare, so each test still starts from the template as it is). With no
 * spare left, the test makes its own copy as before.
 */
import pg from 'pg';
import type { Queries, Store, TxMode } from '../../electron/core/store/store';
import type { SqlQuery } from '../../electron/core/store/sql';
import type { PostgresStore } from '../../electron/core/store/postgres';

export const TEMPLATE_DB = 'sigap_template';
export const ADMIN_URL_ENV = 'SIGAP_TEST_PG_ADMIN';
const SPARE_PREFIX = 'sigap_spare_';

/** Spares ready at once: enough for every worker's next test. */
const SPARES = 4;

/**
 * Keeps SPARES copies of the template ready until stopped (global-setup, main process), one copy
 * being made at a time so the tests keep the CPU.
 */
export function keepSpares(adminUrl: string): { stop: () => Promise<void> } {
  let stopped = false;
  let n = 0;
  const loop = (async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      while (!stopped) {
        const { rows } = await c.query<{ n: string }>(`SELECT count(*) AS n FROM pg_database WHERE starts_with(datname, '${SPARE_PREFIX}')`);
        if (Number(rows[0]!.n) >= SPARES) {
          await new Promise((r) => setTimeout(r, 25));
          continue;
        }
        await c.query(`CREATE DATABASE ${SPARE_PREFIX}${++n} TEMPLATE ${TEMPLATE_DB}`);
      }
    } finally {
      await c.end();
    }
  })().catch(() => {}); // the cluster stopping under it at the end, or a copy failing: tests then copy for themselves
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

/** Takes a ready spare under `name`; false when there is none. */
async function claimSpare(c: pg.Client, name: string): Promise<boolean> {
  const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, '${SPARE_PREFIX}') ORDER BY oid`);
  for (const { datname } of rows) {
    try {
      await c.query(`ALTER DATABASE ${datname} RENAME TO ${name}`);
      return true;
    } catch {
      // Another worker renamed it first: the next one.
    }
  }
  return false;
}

let seq = 0;

function adminUrl(): string {
  const url = process.env[ADMIN_URL_ENV];
  if (!url) throw new Error(`${ADMIN_URL_ENV} is not set: run the suite through vitest with SIGAP_TEST_ENGINE=postgres (test/pg/global-setup.ts starts the cluster)`);
  return url;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new database copied from the template: its URL at once, the copy made by `ready`. */
export function newPgDatabase(): { url: string; ready: Promise<void>; drop: () => Promise<void> } {
  const name = `t_${process.pid}_${++seq}_${Math.random().toString(36).slice(2, 8)}`;
  const base = adminUrl();
  const url = base.replace(/\/[^/]*$/, `/${name}`);
  const ready = admin(async (c) => {
    if (!(await claimSpare(c, name))) await c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  });
  return {
    url,
    ready,
    drop: async () => {
      await ready.catch(() => {});
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A Store whose database is still being made: every call waits for it, then goes to the real store. */
export class DeferredStore implements Store {
  readonly engine = 'postgres' as const;
  private real: PostgresStore | null = null;
  constructor(private readonly pending: Promise<PostgresStore>) {
    pending.then((s) => (this.real = s), () => {});
  }
  private async s(): Promise<PostgresStore> {
    return this.real ?? this.pending;
  }
  async all<T>(q: SqlQuery): Promise<T[]> {
    return (await this.s()).all<T>(q);
  }
  async one<T>(q: SqlQuery): Promise<T | undefined> {
    return (await this.s()).one<T>(q);
  }
  async run(q: SqlQuery) {
    return (await this.s()).run(q);
  }
  async *iterate<T>(q: SqlQuery): AsyncIterable<T> {
    yield* (await this.s()).iterate<T>(q);
  }
  async tx<T>(mode: TxMode, fn: (tx: Queries) => Promise<T>): Promise<T> {
    return (await this.s()).tx(mode, fn);
  }
  async close(): Promise<void> {
    await (await this.s()).close();
  }
}
