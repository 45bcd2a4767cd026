/**
 * A writer holding people's rows (bulk edit, required-field fill, BPJS export: personLockRepo.hold) and
 * an import that takes the whole person table (completion or KPJ list, SK apply, SK withdrawal) at the
 * same moment: one waits for the other. On PostgreSQL the rows' writer used to take only the rows: the
 * import then took the table, waited for a held row, and the writer's UPDATE waited for the table, a
 * deadlock PostgreSQL broke by failing one of them. SQLite's write transactions hold the whole file, one
 * at a time: nothing to interleave.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext, testEngine } from '../helpers';
import { someoneBlocked } from '../store-gates';
import { addPerson, setupRoster } from '../fixtures/bpjs-roster';
import { openStore, type OpenedStore } from '../../electron/core/store/open-store';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import type { Queries } from '../../electron/core/store/store';
import { personLockRepo } from '../../electron/core/roster/person-lock-repository';
import { completionRepo } from '../../electron/core/roster/completion-repository';
import { participantRepo } from '../../electron/core/bpjs/participant-repository';
import { skImport } from '../../electron/core/skimport/import-repository';
import { undoWrites } from '../../electron/core/decree/undo-repository';

let ctx: ReturnType<typeof testContext>;
let other: OpenedStore;
let ids: number[];
beforeEach(async () => {
  ctx = testContext('2026-03-11T03:00:00Z');
  await setupRoster(ctx);
  ids = [];
  for (let i = 0; i < 3; i++) ids.push((await addPerson(ctx)).id);
  // Another connection: another clerk's request on the server.
  other = await openStore(ctx.dbPath);
});
afterEach(async () => {
  await other.store.close();
  await ctx.close();
});

const phones = async () => (await storeOf(ctx).all<{ phone: string }>(sql`SELECT phone FROM person WHERE id IN (${ids[0]!}, ${ids[1]!}) ORDER BY id`)).map((r) => r.phone);

describe('a writer holding people and an import taking the person table', () => {
  const imports: [string, (q: Queries) => Promise<void>][] = [
    ['completion list', (q) => completionRepo.lockForApply(q)],
    ['KPJ list', (q) => participantRepo.lockForKpjImport(q)],
    ['SK apply', (q) => skImport.lockForApply(q)],
    ['SK withdrawal', (q) => undoWrites.lock(q)],
  ];
  for (const [what, lockTable] of imports) {
    it.runIf(testEngine === 'postgres')(`${what}: one waits for the other, neither fails`, async () => {
      const store = storeOf(ctx);
      let held!: () => void;
      const holding = new Promise<void>((r) => (held = r));
      let importEnded = false;
      const writer = store.tx('write', async (q) => {
        await personLockRepo.hold(q, ids);
        held();
        // The import has come as far as it can: waiting on a lock (or it ended without waiting).
        await someoneBlocked(store, () => importEnded);
        await q.run(sql`UPDATE person SET phone = '081100000001' WHERE id IN (${ids[0]!}, ${ids[1]!})`);
      });
      await holding;
      const theImport = other.store.tx('write', async (q) => {
        await lockTable(q);
        await q.run(sql`UPDATE person SET phone = '082200000002' WHERE id = ${ids[1]!}`);
      });
      theImport.then(() => (importEnded = true), () => (importEnded = true));
      const [w, i] = await Promise.allSettled([writer, theImport]);
      expect([w.status, i.status]).toEqual(['fulfilled', 'fulfilled']);
      // The import waited for the writer: its phone came last.
      expect(await phones()).toEqual(['081100000001', '082200000002']);
    });
  }
});
