/**
 * Issue 15's "done when": one appendix with all of a clerk's habits imports from the command line with
 * no hand edits, as the Excel file and as LibreOffice's .ods and .xls of it. (The wizard takes the same
 * file in test/e2e/sk-clerk-appendix.spec.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../cli-harness';
import { writeClerkAppendix, CLERK_NUMBER, CLERK_DATE, type ClerkAppendix } from '../fixtures/clerk-appendix';
import { openDatabase } from '../../electron/core/db/open';
import { saveOpd } from '../../electron/core/settings/employer';
import { queryRoster } from '../../electron/core/roster/query';
import { rosterCounts } from '../../electron/core/roster/counts-repository';
import { storeOf } from '../../electron/core/store/of-context';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
let fx: ClerkAppendix;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  fx = await writeClerkAppendix(join(dir, 'lampiran-sk.xlsx'));
  // LibreOffice opens the Excel file and saves it in its own formats, as a clerk's office might.
  for (const to of ['ods', 'xls']) execFileSync('soffice', ['--headless', '--convert-to', to, '--outdir', dir, fx.path], { stdio: 'ignore', timeout: 120_000 });
}, 180_000);
afterAll(() => cleanup());

async function knownUnits(db: string): Promise<void> {
  const { db: handle } = openDatabase(db);
  const ctx = { db: handle, actor: 'test', clock: () => new Date('2026-03-01T03:00:00Z') };
  await saveOpd(ctx, { code: '1.02', name: 'Dinas Kesehatan', kind: 'opd' });
  await saveOpd(ctx, { code: '7.01', name: 'Kecamatan Balik Bukit', kind: 'opd' });
  handle.close();
}

type Doc = {
  applied: boolean; accepted: number; rejected: unknown[]; warnings: { code: string; row: number; sheet: string }[];
  decree: { number: string; date: string };
  units: { read: string; status: string; opdName: string | null }[];
};

describe('an appendix with all of a clerk\'s habits', () => {
  for (const ext of ['xlsx', 'ods', 'xls']) {
    it(`imports as .${ext} from the command line with no hand edits`, async () => {
      const db = join(dir, `${ext}.db`);
      await knownUnits(db);
      const file = join(dir, `lampiran-sk.${ext}`);
      const r = await runCli(['import-sk', file, '--accept-unit-proposals', '--no-backup', '--json', '--db', db], { at: '2026-03-05T03:00:00Z' });
      const doc = r.json<Doc>();
      expect(doc.rejected).toEqual([]);
      expect(r.code, r.stderr).toBe(0);
      expect(doc.applied).toBe(true);
      expect(doc.decree).toMatchObject({ number: CLERK_NUMBER, date: CLERK_DATE });
      // Nine people written, one on a hidden row: left out, and said so; the hidden sheet too.
      expect(doc.accepted).toBe(8);
      const codes = doc.warnings.map((w) => w.code);
      expect(codes).toContain('ROW_HIDDEN');
      expect(codes).toContain('SHEET_HIDDEN');
      // The abbreviations proposed the units Sigap knows; nothing new was made.
      const units = Object.fromEntries(doc.units.map((u) => [u.read, u]));
      expect(units['DINKES']).toMatchObject({ status: 'proposed', opdName: 'Dinas Kesehatan' });
      expect(units['KEC. BALIK BUKIT']).toMatchObject({ status: 'proposed', opdName: 'Kecamatan Balik Bukit' });

      const { db: handle } = openDatabase(db);
      try {
        const c = { db: handle, actor: 'test', clock: () => new Date('2026-03-05T03:00:00Z') };
        const roster = (await queryRoster(c, { month: '2026-03', status: 'active' })).rows;
        expect(roster).toHaveLength(8);
        // The merged unit cell is the unit of every person under it.
        expect(roster.filter((p) => p.opd === 'Dinas Kesehatan')).toHaveLength(4);
        expect(roster.filter((p) => p.opd === 'Kecamatan Balik Bukit')).toHaveLength(4);
        expect(roster.map((p) => p.nik)).not.toContain(fx.hidden.nik);
        expect((await rosterCounts(storeOf(c))).opds).toBe(2);
        // Titles stay in the name as the SK writes them; birth place and date came from one cell.
        const titled = roster.find((p) => p.nik === fx.units[0]!.persons[0]!.nik)!;
        expect(titled.name).toBe(`Drs. H. ${fx.units[0]!.persons[0]!.name}, S.Pd.`);
        expect(titled.birthDate).toBe(fx.units[0]!.persons[0]!.birthDate);
        expect(titled.birthPlace).toBe(fx.units[0]!.persons[0]!.birthPlace);
      } finally {
        handle.close();
      }
    }, 60_000);
  }
});
