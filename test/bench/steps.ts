/**
 * One measured step per child process, so each reports its own peak memory (maxRSS). Prints one JSON
 * line: { ms, maxRssMb, ...extra }.
 */
import ExcelJS from 'exceljs';
import { copyFileSync } from 'node:fs';
import { openDatabase } from '../../electron/core/db/open';
import { previewSk, applyImport } from '../../electron/core/skimport/index';
import { queryRoster } from '../../electron/core/roster/query';

type Step = (args: string[]) => Promise<Record<string, unknown>>;

const clock = () => new Date('2026-02-10T03:00:00Z');

export const STEPS: Record<string, Step> = {
  /** Floor for the import: exceljs's streaming reader over the same file, touching every cell. */
  async 'read-floor'([file]) {
    const t = performance.now();
    let cells = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file!, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    for await (const ws of reader) for await (const row of ws as AsyncIterable<ExcelJS.Row>) row.eachCell(() => void cells++);
    return { ms: performance.now() - t, cells };
  },
  /** The real import path: preview (read, validate, diff) and apply, on a copy of the base database. */
  async import([file, baseDb, workDb]) {
    copyFileSync(baseDb!, workDb!);
    const { db } = openDatabase(workDb!);
    const ctx = { db, actor: 'bench', clock };
    const t = performance.now();
    const pv = await previewSk(ctx, { path: file!, tmt: '2026-02-01', mode: 'amend' });
    const res = applyImport(ctx, pv);
    const ms = performance.now() - t;
    db.close();
    return { ms, persons: res.persons, rejected: pv.rejected.length };
  },
  /** Roster search through the UI's query: p50 and p95 over 200 queries of each kind. */
  async search([dbPath]) {
    const { db } = openDatabase(dbPath!);
    const ctx = { db, actor: 'bench', clock };
    const names = db.prepare('SELECT name, nik FROM person ORDER BY random() LIMIT 200').all() as { name: string; nik: string }[];
    const kinds: Record<string, (i: number) => string> = {
      'name prefix': (i) => names[i]!.name.split(' ')[0]!.slice(0, 4),
      nik: (i) => names[i]!.nik.slice(0, 12),
      substring: (i) => names[i]!.name.slice(2, 6),
    };
    const out: Record<string, { p50: number; p95: number }> = {};
    for (const [kind, q] of Object.entries(kinds)) {
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        queryRoster(ctx, { month: '2026-02', search: q(i), limit: 100 });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      out[kind] = { p50: times[99]!, p95: times[189]! };
    }
    db.close();
    return { ms: 0, search: out };
  },
};

const [name, ...args] = process.argv.slice(2);
if (name) {
  const step = STEPS[name];
  if (!step) throw new Error(`unknown step ${name}`);
  const res = await step(args);
  process.stdout.write(`${JSON.stringify({ ...res, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}
