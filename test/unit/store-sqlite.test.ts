import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { sql, sqlId, sqlJoin, render } from '../../electron/core/store/sql';
import { SqliteStore } from '../../electron/core/store/sqlite';

describe('the sql tag', () => {
  it('keeps each value with its fragment, nested fragments included', () => {
    const opd = 7;
    const where = sqlJoin([sql`opd_id = ${opd}`, sql`name LIKE ${'Sit%'}`, sql`active = ${true}`], sql` AND `);
    const q = sql`SELECT id FROM person WHERE ${where} ORDER BY ${sqlId('name')} LIMIT ${50}`;
    expect(render(q, () => '?')).toEqual({ text: 'SELECT id FROM person WHERE opd_id = ? AND name LIKE ? AND active = ? ORDER BY name LIMIT ?', params: [7, 'Sit%', true, 50] });
    expect(render(q, (i) => `$${i}`).text).toBe('SELECT id FROM person WHERE opd_id = $1 AND name LIKE $2 AND active = $3 ORDER BY name LIMIT $4');
  });
  it('treats text as a value, never as SQL', () => {
    const evil = "x'; DROP TABLE person; --";
    expect(render(sql`SELECT 1 WHERE name = ${evil}`, () => '?')).toEqual({ text: 'SELECT 1 WHERE name = ?', params: [evil] });
  });
  it('refuses identifiers that are not plain names, and undefined values', () => {
    expect(() => sqlId('person; DROP TABLE x')).toThrow(/tidak sah/);
    expect(() => sql`SELECT ${undefined as unknown as null}`).toThrow(/undefined/);
  });
  it('joins an empty list to an empty fragment', () => {
    expect(render(sqlJoin([]), () => '?')).toEqual({ text: '', params: [] });
  });
  it('joins plain values and fragments with a separator that has values of its own', () => {
    const q = sqlJoin([1, sql`(${2}, ${'b'})`, sql`x`, null], sql` OR ${9} = `);
    expect(render(q, (i) => `$${i}`)).toEqual({ text: '$1 OR $2 = ($3, $4) OR $5 = x OR $6 = $7', params: [1, 9, 2, 'b', 9, 9, null] });
  });
  it('joins 20,000 row fragments into one statement with every value in order', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => sql`(${i}, ${`n${i}`})`);
    const { text, params } = render(sql`INSERT INTO t (a, b) VALUES ${sqlJoin(rows)}`, () => '?');
    expect(params).toHaveLength(40_000);
    expect(params.slice(-2)).toEqual([19_999, 'n19999']);
    expect(text.endsWith('(?, ?), (?, ?)')).toBe(true);
  });
});

describe('SqliteStore', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sigap-store-'));
    const db = new Database(join(dir, 'a.db'));
    db.pragma('journal_mode = WAL');
    store = new SqliteStore(db);
    await store.run(sql`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, flag INTEGER)`);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs, reads one and all, and gives changes and the new id', async () => {
    const a = await store.run(sql`INSERT INTO t (name, flag) VALUES (${'Ani'}, ${true})`);
    const b = await store.run(sql`INSERT INTO t (name, flag) VALUES (${'Budi'}, ${false})`);
    expect([a, b]).toEqual([{ changes: 1, newId: 1 }, { changes: 1, newId: 2 }]);
    expect(await store.one(sql`SELECT name, flag FROM t WHERE id = ${2}`)).toEqual({ name: 'Budi', flag: 0 });
    expect(await store.one(sql`SELECT name FROM t WHERE id = ${99}`)).toBeUndefined();
    expect(await store.all(sql`SELECT name FROM t ORDER BY name`)).toEqual([{ name: 'Ani' }, { name: 'Budi' }]);
    expect(await store.run(sql`UPDATE t SET flag = 1`)).toEqual({ changes: 2, newId: null });
    expect(await store.run(sql`INSERT INTO t (name) VALUES (${'Cici'}) RETURNING id`)).toEqual({ changes: 1, newId: 3 });
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await store.tx('write', async (tx) => {
      await tx.run(sql`INSERT INTO t (name) VALUES (${'Ani'})`);
    });
    await expect(store.tx('write', async (tx) => {
      await tx.run(sql`INSERT INTO t (name) VALUES (${'Budi'})`);
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('gagal di tengah');
    })).rejects.toThrow('gagal di tengah');
    expect(await store.all(sql`SELECT name FROM t`)).toEqual([{ name: 'Ani' }]);
  });

  it('makes a nested transaction a savepoint that can fail alone', async () => {
    await store.tx('write', async (tx) => {
      await tx.run(sql`INSERT INTO t (name) VALUES (${'Ani'})`);
      await expect(store.tx('write', async (inner) => {
        await inner.run(sql`INSERT INTO t (name) VALUES (${'Budi'})`);
        await inner.run(sql`INSERT INTO t (name) VALUES (${'Ani'})`); // unique: fails
      })).rejects.toThrow(/UNIQUE/);
      await tx.run(sql`INSERT INTO t (name) VALUES (${'Cici'})`);
    });
    expect(await store.all(sql`SELECT name FROM t ORDER BY name`)).toEqual([{ name: 'Ani' }, { name: 'Cici' }]);
  });

  it('keeps other callers out of a transaction that awaits, and lets its own calls in', async () => {
    const seen: string[] = [];
    const first = store.tx('write', async (tx) => {
      await tx.run(sql`INSERT INTO t (name) VALUES (${'Ani'})`);
      await new Promise((r) => setTimeout(r, 30));
      // Through the store itself (not `tx`): still inside, sees its own uncommitted row, no deadlock.
      seen.push(`dalam: ${(await store.all<{ name: string }>(sql`SELECT name FROM t`)).map((r) => r.name).join(',')}`);
      await tx.run(sql`INSERT INTO t (name) VALUES (${'Budi'})`);
    });
    // Started while the first waits: neither sees half of it nor writes into it.
    const outsideRead = store.all<{ name: string }>(sql`SELECT name FROM t ORDER BY name`).then((r) => seen.push(`luar: ${r.map((x) => x.name).join(',')}`));
    const second = store.tx('write', async (tx) => {
      const n = (await tx.one<{ n: number }>(sql`SELECT count(*) AS n FROM t`))!.n;
      seen.push(`kedua melihat ${n}`);
      await tx.run(sql`INSERT INTO t (name) VALUES (${`orang ${n + 1}`})`);
    });
    await Promise.all([first, outsideRead, second]);
    expect(seen).toEqual(['dalam: Ani', 'luar: Ani,Budi', 'kedua melihat 2']);
    expect((await store.all(sql`SELECT name FROM t ORDER BY id`)).length).toBe(3);
  });

  it('a failed transaction leaves the connection usable for the next caller', async () => {
    const failing = store.tx('write', async (tx) => {
      await tx.run(sql`INSERT INTO t (name) VALUES (${'Ani'})`);
      throw new Error('batal');
    });
    const next = store.tx('write', (tx) => tx.run(sql`INSERT INTO t (name) VALUES (${'Budi'})`));
    await expect(failing).rejects.toThrow('batal');
    await next;
    expect(await store.all(sql`SELECT name FROM t`)).toEqual([{ name: 'Budi' }]);
  });

  it('iterates rows without loading them all, waiting for a running transaction', async () => {
    await store.tx('write', async (tx) => {
      for (let i = 0; i < 1000; i++) await tx.run(sql`INSERT INTO t (name) VALUES (${`p${i}`})`);
    });
    let n = 0;
    for await (const row of store.iterate<{ name: string }>(sql`SELECT name FROM t ORDER BY id`)) if (row.name.startsWith('p')) n++;
    expect(n).toBe(1000);
  });

  it('writes take the write lock at BEGIN: a second connection waits, then fails with SQLITE_BUSY', async () => {
    const other = new Database(join(dir, 'a.db'));
    other.pragma('busy_timeout = 50');
    const otherStore = new SqliteStore(other);
    let release!: () => void;
    const holding = store.tx('write', async () => {
      await new Promise<void>((r) => (release = r));
    });
    await new Promise((r) => setTimeout(r, 10));
    await expect(otherStore.tx('write', async () => 1)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    release();
    await holding;
    await expect(otherStore.tx('write', async () => 1)).resolves.toBe(1);
    await otherStore.close();
  });
});
