/**
 * PostgreSQL's conflict and server codes reach the clerk as Indonesian messages, like SQLite's
 * (electron/core/db/errors.ts), and the billing month lock retries only what running again resolves.
 */
import { describe, expect, it } from 'vitest';
import { faultToSigapError, isTransientConflict } from '../../electron/core/db/errors';

// What node-postgres throws: an Error with the server's SQLSTATE in `code` and its English text.
const pgError = (code: string, message = 'could not serialize access due to concurrent update') => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('PostgreSQL error codes', () => {
  it.each([
    ['40001', 'CONFLICT', /diubah di komputer lain/],
    ['40P01', 'CONFLICT', /diubah di komputer lain/],
    ['23505', 'CONFLICT', /baru saja disimpan di komputer lain/],
    ['23503', 'CONFLICT', /dirujuk perubahan ini baru saja diubah atau dihapus di komputer lain/],
    ['55P03', 'DB_BUSY', /sedang dikunci/],
    ['57014', 'DB_BUSY', /sedang dikunci/],
    ['53100', 'DISK_FULL', /disk server/],
    ['25006', 'DB_READONLY', /hanya dapat dibaca/],
    ['57P01', 'DB_UNREADABLE', /^Sambungan ke server PostgreSQL terputus/],
    ['08006', 'DB_UNREADABLE', /^Sambungan ke server PostgreSQL terputus/],
    ['ECONNREFUSED', 'DB_UNREADABLE', /^Sambungan ke server PostgreSQL terputus/],
    ['28P01', 'DB_UNREADABLE', /menolak login/],
    ['42501', 'FORBIDDEN', /tidak berhak/],
    ['22021', 'INVALID_INPUT', /karakter yang tidak dapat disimpan/],
  ])('%s becomes %s in Indonesian, without the driver text', (code, sigapCode, message) => {
    const e = faultToSigapError(pgError(code));
    expect(e?.code).toBe(sigapCode);
    expect(e?.message).toMatch(message);
    expect(e?.message).not.toMatch(/serialize|concurrent/);
  });

  it('names the key a unique violation hit when a clerk knows it: the constraint on PostgreSQL, the column on SQLite', () => {
    const pgUnique = (constraint: string) => Object.assign(pgError('23505', `duplicate key value violates unique constraint "${constraint}"`), { constraint });
    const sqliteUnique = (column: string) => Object.assign(new Error(`UNIQUE constraint failed: ${column}`), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    for (const [pg, sqlite, what] of [['person_nik_key', 'person.nik', 'NIK ini'], ['opd_code_key', 'opd.code', 'Kode OPD ini'], ['decree_number_applied', 'decree.number', 'Nomor SK ini']]) {
      for (const e of [pgUnique(pg!), sqliteUnique(sqlite!)]) {
        const s = faultToSigapError(e);
        expect(s?.code).toBe('CONFLICT');
        expect(s?.message).toMatch(new RegExp(`^${what} baru saja dipakai untuk data lain di komputer lain`));
        expect(s?.message).not.toMatch(/duplicate|UNIQUE|person_nik_key|person\.nik/);
      }
    }
    // A key no clerk types (an invoice number, a batch file's name): the general message.
    expect(faultToSigapError(Object.assign(pgError('23505'), { constraint: 'invoice_number_key' }))?.message).toMatch(/^Data yang sama baru saja disimpan di komputer lain/);
    expect(faultToSigapError(Object.assign(new Error('UNIQUE constraint failed: invoice.number'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))?.message).toMatch(/^Data yang sama baru saja disimpan/);
  });

  it('maps a unique violation the same on both engines', () => {
    expect(faultToSigapError(pgError('SQLITE_CONSTRAINT_UNIQUE'))?.code).toBe('CONFLICT');
    expect(faultToSigapError(pgError('SQLITE_CONSTRAINT_FOREIGNKEY'))?.message).toMatch(/dirujuk perubahan ini/);
  });

  it('retries serialization failures and deadlocks; a unique violation only for a writer that recomputes everything', () => {
    expect(isTransientConflict(pgError('40001'))).toBe(true);
    expect(isTransientConflict(pgError('40P01'))).toBe(true);
    expect(isTransientConflict(pgError('23505'))).toBe(false);
    expect(isTransientConflict(pgError('23505'), { duplicate: true })).toBe(true);
    expect(isTransientConflict(pgError('23503'), { duplicate: true })).toBe(false);
    expect(isTransientConflict(new Error('x'))).toBe(false);
  });
});
