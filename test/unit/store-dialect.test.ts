/**
 * store/dialect.ts: each fragment gives the same answer on the embedded SQLite file and on a real
 * PostgreSQL server (a cluster of its own), over the same rows.
 */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { sql } from '../../electron/core/store/sql';
import type { Store } from '../../electron/core/store/store';
import { SqliteStore } from '../../electron/core/store/sqlite';
import { PostgresStore } from '../../electron/core/store/postgres';
import { dialect, jsonRows } from '../../electron/core/store/dialect';
import { startPgCluster, type PgCluster } from '../pg/cluster';

let cluster: PgCluster;
const dir = mkdtempSync(join(tmpdir(), 'sigap-dialect-'));
const stores: Store[] = [];

const ROWS: [number, string, string | null, string][] = [
  [1, 'budi', '{"letterhead":{"npp":"NN001"}}', '2026-01-31T17:30:00.000Z'],
  [2, 'Ani', null, '2026-02-01T01:00:00.000Z'],
  [3, 'ANDI', '{"letterhead":{}}', '2026-02-28T16:59:59.000Z'],
  [4, 'Zainal_%', '{"letterhead":{"npp":"NN002"}}', '2026-03-01T00:00:00.000Z'],
];

beforeAll(async () => {
  cluster = await startPgCluster();
  const lite = new SqliteStore(new Database(join(dir, 'd.db')));
  await lite.run(sql`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, header_json TEXT, at TEXT NOT NULL)`);
  const pgs = new PostgresStore(await cluster.createDatabase('dialect'));
  await pgs.run(sql`CREATE TABLE t (id bigint PRIMARY KEY, name text NOT NULL, header_json text, at text NOT NULL)`);
  for (const s of [lite, pgs]) {
    for (const [id, name, h, at] of ROWS) await s.run(sql`INSERT INTO t (id, name, header_json, at) VALUES (${id}, ${name}, ${h}, ${at})`);
    stores.push(s);
  }
}, 60_000);
afterAll(async () => {
  for (const s of stores) await s.close();
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The same query on both engines: their answers, SQLite's first. */
async function both<T>(q: (d: ReturnType<typeof dialect>) => ReturnType<typeof sql>): Promise<[T[], T[]]> {
  const [a, b] = await Promise.all(stores.map((s) => s.all<T>(q(dialect(s)))));
  return [a!, b!];
}

describe('dialect fragments agree across engines', () => {
  it('orders and compares case-blind', async () => {
    const [a, b] = await both<{ name: string }>((d) => sql`SELECT name FROM t ORDER BY ${d.nocase(sql`name`)}`);
    expect(a.map((r) => r.name)).toEqual(['ANDI', 'Ani', 'budi', 'Zainal_%']);
    expect(b).toEqual(a);
    const [c, e] = await both<{ id: number }>((d) => sql`SELECT id FROM t WHERE ${d.eqNocase(sql`name`, 'BUDI')}`);
    expect(c).toEqual([{ id: 1 }]);
    expect(e).toEqual(c);
  });

  it('LIKE ignores case and takes \\ as the escape', async () => {
    const [a, b] = await both<{ id: number }>((d) => sql`SELECT id FROM t WHERE ${d.likeNocase(sql`name`, 'an%')} ORDER BY id`);
    expect(a).toEqual([{ id: 2 }, { id: 3 }]);
    expect(b).toEqual(a);
    const [c, e] = await both<{ id: number }>((d) => sql`SELECT id FROM t WHERE ${d.likeNocase(sql`name`, '%\\_\\%')} ORDER BY id`);
    expect(c).toEqual([{ id: 4 }]);
    expect(e).toEqual(c);
  });

  it('lists travel as one parameter, in or with their order', async () => {
    const [a, b] = await both<{ id: number }>((d) => sql`SELECT id FROM t WHERE id IN ${d.inList([3, 1, 99], 'int')} ORDER BY id`);
    expect(a).toEqual([{ id: 1 }, { id: 3 }]);
    expect(b).toEqual(a);
    const [c, e] = await both<{ id: number; key: number }>((d) => sql`SELECT t.id, j.key FROM ${d.listRows(['Ani', 'budi', 'x"\\y'], 'text')} j JOIN t ON t.name = j.value ORDER BY j.key DESC`);
    expect(c).toEqual([{ id: 1, key: 1 }, { id: 2, key: 0 }]);
    expect(e).toEqual(c);
  });

  it('reads JSON text, joins groups, picks the larger and pads', async () => {
    const [a, b] = await both<{ id: number; npp: string | null }>((d) => sql`SELECT id, ${d.jsonText(sql`header_json`, ['letterhead', 'npp'])} AS npp FROM t ORDER BY id`);
    expect(a.map((r) => r.npp)).toEqual(['NN001', null, null, 'NN002']);
    expect(b).toEqual(a);
    const [c, e] = await both<{ names: string }>((d) => sql`SELECT ${d.groupConcat(sql`name`, ', ', sql`id DESC`)} AS names FROM t`);
    expect(c).toEqual([{ names: 'Zainal_%, ANDI, Ani, budi' }]);
    expect(e).toEqual(c);
    const [f, g] = await both<{ hi: number; lo: number; pad: string }>((d) => sql`SELECT ${d.greatest(sql`id`, sql`2`)} AS hi, ${d.least(sql`id`, sql`2`)} AS lo, ${d.zeroPad(sql`id`, 6)} AS pad FROM t ORDER BY id`);
    expect(f.map((r) => [r.hi, r.lo, r.pad])).toEqual([[2, 1, '000001'], [2, 2, '000002'], [3, 2, '000003'], [4, 2, '000004']]);
    expect(g).toEqual(f);
  });

  it("gives the Pemda's wall date of a UTC time, and an OFFSET without a limit", async () => {
    const [a, b] = await both<{ d: string }>((d) => sql`SELECT ${d.dateShifted(sql`at`, 7)} AS d FROM t ORDER BY id`);
    expect(a.map((r) => r.d)).toEqual(['2026-02-01', '2026-02-01', '2026-02-28', '2026-03-01']);
    expect(b).toEqual(a);
    const [c, e] = await both<{ d: string }>((d) => sql`SELECT ${d.dateShifted(sql`at`, 9)} AS d FROM t ORDER BY id`);
    expect(c.map((r) => r.d)).toEqual(['2026-02-01', '2026-02-01', '2026-03-01', '2026-03-01']);
    expect(e).toEqual(c);
    const [f, g] = await both<{ id: number }>((d) => sql`SELECT id FROM t ORDER BY id ${d.noLimit} OFFSET 2`);
    expect(f).toEqual([{ id: 3 }, { id: 4 }]);
    expect(g).toEqual(f);
  });

  it('reads the rows of a JSON array in its order, one parameter for all (pg-roster)', async () => {
    const json = JSON.stringify([[4, 'x', null], [1, 'y"\\z', 'w'], [3, null, 'v']]);
    const [a, b] = await both<{ key: number; id: number; s: string | null; t: string | null; name: string }>(
      (d) => sql`SELECT j.key, CAST(j.value ->> 0 AS bigint) AS id, j.value ->> 1 AS s, j.value ->> 2 AS t, u.name FROM ${jsonRows(d, json)} j JOIN t u ON u.id = CAST(j.value ->> 0 AS bigint) ORDER BY j.key`,
    );
    expect(a).toEqual([
      { key: 0, id: 4, s: 'x', t: null, name: 'Zainal_%' },
      { key: 1, id: 1, s: 'y"\\z', t: 'w', name: 'budi' },
      { key: 2, id: 3, s: null, t: 'v', name: 'ANDI' },
    ]);
    expect(b).toEqual(a);
  });
});
