/**
 * One measured step per child process, so each reports its own peak memory (maxRSS). Prints one JSON
 * line: { ms, maxRssMb, ...extra }.
 */
import ExcelJS from 'exceljs';
import { copyFileSync } from 'node:fs';
import { openDatabase } from '../../electron/core/db/open';
import { previewSk, applyImport } from '../../electron/core/skimport/index';
import { queryRoster } from '../../electron/core/roster/query';
import { runBilling, ratesForMonth } from '../../electron/core/billing/index';
import { CALC_CTE, LINE_COLUMNS, prepareCalc } from '../../electron/core/billing/calc';
import { exportBatch } from '../../electron/core/bpjs/index';

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
  /** The billing run for one month (drafts for every unit), on a copy of the base database. */
  async bill([baseDb, workDb]) {
    copyFileSync(baseDb!, workDb!);
    const { db } = openDatabase(workDb!);
    const ctx = { db, actor: 'bench', clock };
    const t = performance.now();
    const r = runBilling(ctx, { month: '2026-03' });
    const ms = performance.now() - t;
    const lines = db.prepare('SELECT count(*) FROM invoice_line').pluck().get() as number;
    db.close();
    return { ms, lines, total: (r as unknown as { total?: number }).total ?? null };
  },
  /**
   * Floor for billing: one INSERT ... SELECT computing the same per-person, per-program lines (the
   * billing module's own `calc` expression) into a plain table: no invoices, no triggers, no totals.
   */
  async 'bill-floor'([baseDb, workDb]) {
    copyFileSync(baseDb!, workDb!);
    const { db } = openDatabase(workDb!);
    const ctx = { db, actor: 'bench', clock };
    const params = db.transaction(() => prepareCalc(ctx, '2026-03', ratesForMonth(ctx, '2026-03')))();
    db.exec(`CREATE TEMP TABLE floor_line (person_id, engagement_id, opd_id, segment, ${LINE_COLUMNS})`);
    const t = performance.now();
    const n = db.prepare(`WITH ${CALC_CTE} INSERT INTO temp.floor_line SELECT person_id, engagement_id, opd_id, segment, ${LINE_COLUMNS} FROM calc`).run(params).changes;
    const ms = performance.now() - t;
    db.close();
    return { ms, lines: n };
  },
  /** Registration files for everyone without a KPJ (10,000 rows per file). */
  async export([baseDb, workDb, outDir]) {
    copyFileSync(baseDb!, workDb!);
    const { db } = openDatabase(workDb!);
    const ctx = { db, actor: 'bench', clock };
    const t = performance.now();
    const r = await exportBatch(ctx, { kind: 'new', outDir: outDir! });
    const ms = performance.now() - t;
    db.close();
    return { ms, files: r.files.length, rows: r.files.reduce((s, f) => s + f.rows, 0) };
  },
  /** Floor for the export: exceljs's streaming writer with the same number of text cells, 10,000 rows a file. */
  async 'write-floor'([baseDb, outDir]) {
    const { db } = openDatabase(baseDb!);
    const rows = db.prepare('SELECT nik, name, birth_place, birth_date, sex, address, phone, mother_name FROM person WHERE kpj IS NULL').raw().all() as string[][];
    db.close();
    const t = performance.now();
    for (let f = 0; f * 10_000 < rows.length; f++) {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${outDir}/floor_${f}.xlsx`, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet('data_tk_baru');
      for (const r of rows.slice(f * 10_000, (f + 1) * 10_000)) {
        // 30 columns like data_tk_baru: the person's fields and the fixed codes, as text.
        const cells = [...r, 'KTP', r[0], '31-12-3000', 'S', 'ID', '1000000', 'PKWT', '01-01-2026', '31-12-2026', ...Array(13).fill('')];
        const row = ws.addRow(cells.map(String));
        row.eachCell((c) => void (c.numFmt = '@'));
        row.commit();
      }
      ws.commit();
      await wb.commit();
    }
    return { ms: performance.now() - t, rows: rows.length };
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
