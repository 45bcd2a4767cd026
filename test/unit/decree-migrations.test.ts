/**
 * Migrations 0140 (decree_attachment) and 0150 (decree_effect, decree status): a database at 0130 with
 * a decree is migrated, and the old decree is marked applied without recorded effects, so an undo of
 * it is refused rather than guessed; the attachment table refuses a row whose size is not its bytes'.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';

function migrateTo(db: Database.Database, version: number): void {
  for (const m of MIGRATIONS.filter((x) => x.version <= version && x.version > (db.pragma('user_version', { simple: true }) as number))) {
    db.transaction(() => m.up(db))();
    db.pragma(`user_version = ${m.version}`);
  }
}

describe('migrations 0140 and 0150', () => {
  it('keep an existing decree, as applied and without recorded effects', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrateTo(db, 130);
    db.prepare("INSERT INTO decree (number, tmt_start, category_id, imported_at, imported_by) VALUES ('800/1/2025', '2025-01-01', 1, '2025-01-02T00:00:00Z', 'admin')").run();
    migrateTo(db, 150);
    expect(db.prepare('SELECT number, status, effects_recorded, withdrawn_at, withdraw_reason FROM decree').get()).toEqual({
      number: '800/1/2025', status: 'applied', effects_recorded: 0, withdrawn_at: null, withdraw_reason: null,
    });
    expect(() => db.prepare("UPDATE decree SET status = 'batal'").run()).toThrow(/CHECK/);
    // decree_effect is append-only.
    db.prepare("INSERT INTO decree_effect (decree_id, kind, target_id) VALUES (1, 'unit_created', 5)").run();
    expect(() => db.prepare('DELETE FROM decree_effect').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE decree_effect SET target_id = 6").run()).toThrow(/append-only/);
  });

  it('keep a scan only with its true size, a hex SHA-256 and a known media type', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrateTo(db, 140);
    db.prepare("INSERT INTO decree (number, tmt_start, category_id, imported_at, imported_by) VALUES ('800/1/2025', '2025-01-01', 1, 'x', 'admin')").run();
    const insert = db.prepare('INSERT INTO decree_attachment (decree_id, media_type, bytes, size, sha256, original_name, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const hex = 'a'.repeat(64);
    expect(() => insert.run(1, 'application/pdf', Buffer.from('%PDF-1.4'), 9, hex, 'sk.pdf', 'x', 'admin')).toThrow(/CHECK/);
    expect(() => insert.run(1, 'text/html', Buffer.from('<p>'), 3, hex, 'sk.html', 'x', 'admin')).toThrow(/CHECK/);
    expect(() => insert.run(1, 'image/png', Buffer.from('abc'), 3, 'Z'.repeat(64), 'sk.png', 'x', 'admin')).toThrow(/CHECK/);
    expect(() => insert.run(2, 'image/png', Buffer.from('abc'), 3, hex, 'sk.png', 'x', 'admin')).toThrow(/FOREIGN KEY/);
    insert.run(1, 'image/png', Buffer.from('abc'), 3, hex, 'sk.png', 'x', 'admin');
    expect(db.prepare('SELECT size, length(bytes) AS n FROM decree_attachment').get()).toEqual({ size: 3, n: 3 });
  });
});
