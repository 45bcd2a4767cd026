import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/db/open';
import type { CoreContext } from '../electron/core/context';

/** A fresh temp directory per test, removed afterwards by the returned cleanup. */
export function tempDir(prefix = 'sigap-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A core context over a real SQLite file in a temp directory, with a fixed clock. */
export function testContext(at = '2026-01-15T03:00:00Z'): CoreContext & { dir: string; dbPath: string; close: () => void } {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'sigap.db');
  const { db } = openDatabase(dbPath);
  return {
    db,
    actor: 'test',
    clock: () => new Date(at),
    dir,
    dbPath,
    close: () => {
      db.close();
      cleanup();
    },
  };
}

/** Every row of every table, for before/after comparisons. */
export function dumpDb(ctx: Pick<CoreContext, 'db'>): Record<string, unknown[]> {
  const tables = ctx.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, ctx.db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()]));
}
