/**
 * `--db postgres://…` that cannot be used: the PostgreSQL counterparts of the SQLite file refusals in
 * cli-settings.test.ts (a missing file, a folder). Each is an Indonesian sentence with exit code 1,
 * never a stack trace, never the password. The unreachable server needs no cluster and runs on both
 * engines; the others need the suite's PostgreSQL server (SIGAP_TEST_ENGINE=postgres).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli-harness';
import { targetStore, testDatabases, testEngine } from '../helpers';
import { describePgError, latestSchemaVersion } from '../../electron/core/store/open-store';
import { pgConnectionLost } from '../../electron/core/store/pg-errors';
import { PostgresStore } from '../../electron/core/store/postgres';
import { sql } from '../../electron/core/store/sql';

const dbs = testDatabases();
afterEach(() => dbs.closeAll());

/** A refusal as the clerk sees it: exit 1, the message, no stack, no password. */
function refused(r: { code: number; stderr: string }, message: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toContain('rahasia');
}

/** The URL of another database, or another user, on the server of `url`. */
function beside(url: string, change: { database?: string; user?: string; password?: string }): string {
  const u = new URL(url);
  if (change.database) u.pathname = `/${change.database}`;
  if (change.user) u.username = change.user;
  if (change.password) u.password = change.password;
  return u.toString();
}

describe('a PostgreSQL database that cannot be used', () => {
  it('a server that does not answer', async () => {
    for (const args of [['roster'], ['settings', 'set', 'pemda.nama=Pemkab Uji']]) {
      const r = await runCli([...args, '--db', 'postgres://sigap:rahasia@127.0.0.1:1/sigap']);
      refused(r, /^Galat \(DB_UNREADABLE\): Server PostgreSQL postgres:\/\/sigap:\*\*\*@127\.0\.0\.1:1\/sigap tidak dapat dihubungi \(ECONNREFUSED\)\. Periksa alamat/);
    }
    const viaEnv = await runCli(['roster'], { env: { SIGAP_DB: 'postgresql://sigap:rahasia@127.0.0.1:1/sigap' } });
    refused(viaEnv, /tidak dapat dihubungi/);
  });

  it('a wrong password, a refused address, an unknown host, and what the driver says in English are put in Indonesian', () => {
    const where = 'postgres://sigap:***@db.pemda.local/sigap';
    expect(describePgError(Object.assign(new Error('password authentication failed for user "sigap"'), { code: '28P01' }), where).message)
      .toBe(`Server PostgreSQL ${where} menolak kata sandinya (28P01). Periksa kata sandi pengguna pada alamat basis data.`);
    expect(describePgError(Object.assign(new Error('no pg_hba.conf entry for host "10.1.2.3"'), { code: '28000' }), where).message).toMatch(/tidak menerima sambungan dari komputer ini/);
    expect(describePgError(Object.assign(new Error('getaddrinfo ENOTFOUND db.pemda.local'), { code: 'ENOTFOUND' }), where).message).toMatch(/^Alamat server PostgreSQL .* tidak dikenal/);
    const both = Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], ''), {});
    expect(describePgError(both, where).message).toMatch(/tidak dapat dihubungi \(ECONNREFUSED\)/);
    const odd = describePgError(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }), where);
    expect([odd.code, odd.message]).toEqual(['DB_UNREADABLE', `Basis data PostgreSQL ${where} tidak dapat dibuka (kode 42P01). Periksa alamatnya dan sampaikan kode ini kepada DBA.`]);
  });

  describe.runIf(testEngine === 'postgres')('on the suite\'s server', () => {
    it('a database that does not exist, and a user the server does not know', async () => {
      const url = await dbs.next();
      refused(await runCli(['roster', '--db', beside(url, { database: 'tidak_ada_db', password: 'rahasia' })]), /^Galat \(DB_UNREADABLE\): Basis data PostgreSQL \S+\/tidak_ada_db tidak ada \(3D000\)/);
      refused(await runCli(['roster', '--db', beside(url, { user: 'orang_asing', password: 'rahasia' })]), /^Galat \(DB_UNREADABLE\): Server PostgreSQL postgres:\/\/orang_asing:\*\*\*@\S+ menolak nama penggunanya \(28000\)/);
    });

    it('a connection the server ends in the middle of a command is said in Indonesian, other errors are not taken for it', async () => {
      const url = await dbs.next();
      const s = new PostgresStore(url, { max: 1 });
      try {
        const ended = await s.one(sql`SELECT pg_terminate_backend(pg_backend_pid())`).then(() => null, (e: unknown) => e);
        expect(pgConnectionLost(ended)).toMatchObject({ code: 'DB_UNREADABLE', message: expect.stringMatching(/^Sambungan ke server PostgreSQL terputus di tengah perintah \(57P01\): perubahan yang belum selesai dibatalkan/) });
        const wrong = await s.one(sql`SELECT no_such_column FROM person`).then(() => null, (e: unknown) => e);
        expect(wrong).not.toBeNull();
        expect(pgConnectionLost(wrong)).toBeNull();
      } finally {
        await s.close().catch(() => {});
      }
    });

    it('a database a newer Sigap made is refused, and left as it was', async () => {
      const url = await dbs.next();
      const newer = latestSchemaVersion('postgres') + 10;
      const s = targetStore(url);
      try {
        await s.run(sql`UPDATE sigap_schema SET version = ${newer} WHERE id = 1`);
      } finally {
        await s.close();
      }
      const r = await runCli(['settings', 'set', 'pemda.nama=Pemkab Uji', '--db', url]);
      refused(r, new RegExp(`^Galat \\(DB_TOO_NEW\\): Basis data \\S+ dibuat oleh versi Sigap yang lebih baru \\(skema ${newer}, `));
      const after = targetStore(url);
      try {
        expect((await after.one<{ version: number }>(sql`SELECT version FROM sigap_schema WHERE id = 1`))!.version).toBe(newer);
      } finally {
        await after.close();
      }
    });
  });
});
