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
import { calcCte, lineColumns, prepareCalc } from '../../electron/core/billing/calc';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { exportBatch } from '../../electron/core/bpjs/index';
import { neutralizeFormula, TEXT_STYLE } from '../../electron/core/files/xlsx-write';
import { exportRoster, DEFAULT_ROSTER_COLUMNS, ROSTER_COLUMNS } from '../../electron/core/roster/export';
import { importCompletionFile } from '../../electron/core/roster/completion-import';
import { COMPLETION_HEADERS } from '../../shared/completion-columns';
import { isPostgresUrl, openStore } from '../../electron/core/store/open-store';
import type { Store } from '../../electron/core/store/store';
import type { CoreContext } from '../../electron/core/context';
import pg from 'pg';

type Step = (args: string[]) => Promise<Record<string, unknown>>;

const clock = () => new Date('2026-02-10T03:00:00Z');

interface Opened {
  ctx: CoreContext;
  store: Store;
  close: () => Promise<void>;
}

/** A database's name in a postgres URL, checked for use as an identifier. */
function pgName(url: string): string {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`nama basis data tidak sah: ${name}`);
  return name;
}

/**
 * A fresh copy of `base` at `work`, opened: a SQLite file copied, or on PostgreSQL
 * `CREATE DATABASE work TEMPLATE base` through the cluster's maintenance database, so every run starts
 * from the same data on both engines.
 */
async function openCopy(base: string, work: string, extra: Partial<CoreContext> = {}): Promise<Opened> {
  if (!isPostgresUrl(base)) {
    copyFileSync(base, work);
    return openTarget(work, extra);
  }
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${pgName(work)}`);
    await c.query(`CREATE DATABASE ${pgName(work)} TEMPLATE ${pgName(base)}`);
  } finally {
    await c.end();
  }
  return openTarget(work, extra);
}

/** A SQLite file or a postgres URL, opened as the core's context. */
async function openTarget(target: string, extra: Partial<CoreContext> = {}): Promise<Opened> {
  if (!isPostgresUrl(target)) {
    const { db } = openDatabase(target);
    const ctx = { db, actor: 'bench', clock, ...extra } as CoreContext;
    return { ctx, store: storeOf(ctx), close: async () => {
      db.close();
    } };
  }
  const opened = await openStore(target);
  const ctx = { ...opened.context, actor: 'bench', clock, ...extra } as CoreContext;
  return { ctx, store: opened.store, close: () => opened.store.close() };
}

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
    const { ctx, close } = await openCopy(baseDb!, workDb!);
    const t = performance.now();
    const pv = await previewSk(ctx, { path: file!, tmt: '2026-02-01', mode: 'amend' });
    const res = await applyImport(ctx, pv, { createUnits: true });
    const ms = performance.now() - t;
    await close();
    return { ms, persons: res.persons, rejected: pv.rejected.length };
  },
  /** The billing run for one month (drafts for every unit), on a copy of the base database. */
  async bill([baseDb, workDb]) {
    const { ctx, store, close } = await openCopy(baseDb!, workDb!);
    const t = performance.now();
    const r = await runBilling(ctx, { month: '2026-03' });
    const ms = performance.now() - t;
    const lines = (await store.one<{ n: number }>(sql`SELECT count(*) AS n FROM invoice_line`))!.n;
    await close();
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
    const store = storeOf(ctx);
    await store.run(sql`CREATE TEMP TABLE floor_line (person_id, engagement_id, opd_id, segment, ${lineColumns()})`);
    // Timed like runBilling times itself: reading the month's rates and loading them into the temp
    // tables the calc expression reads (prepareCalc) are part of computing the lines, in one transaction.
    const t = performance.now();
    let prepareMs = 0;
    const n = await store.tx('write', async (tx) => {
      const params = await prepareCalc(ctx, '2026-03', await ratesForMonth(ctx, '2026-03'));
      prepareMs = performance.now() - t;
      return (await tx.run(sql`WITH ${calcCte(tx, params)} INSERT INTO temp.floor_line SELECT person_id, engagement_id, opd_id, segment, ${lineColumns()} FROM calc`)).changes;
    });
    const ms = performance.now() - t;
    db.close();
    return { ms, prepareMs, lines: n };
  },
  /** Registration files for everyone without a KPJ (10,000 rows per file); leaves the batch in `workDb` for the floor. */
  async export([baseDb, workDb, outDir]) {
    const { ctx, close } = await openCopy(baseDb!, workDb!);
    const t = performance.now();
    const r = await exportBatch(ctx, { kind: 'new', outDir: outDir! });
    const ms = performance.now() - t;
    await close();
    return { ms, files: r.files.length, rows: r.files.reduce((s, f) => s + f.rows, 0) };
  },
  /**
   * Floor for the export: exceljs's streaming writer writing exactly the cells Sigap wrote, with the same
   * writer options. The cells are read, before the clock starts, from the batch the `export` step
   * recorded in `exportedDb` (its items, in order, 10,000 a file, and the profile's sheet name and
   * headers), and quote-prefixed like Sigap's writer does. Timed: only exceljs building and zipping the
   * same workbooks (shared strings, one shared text style, the same header row and column widths).
   * Not timed, because it is Sigap's own work: reading the roster and checking it, the profile,
   * neutralising formulas, recording the batch, the fixed zip times, hashing and the atomic rename.
   */
  async 'write-floor'([exportedDb, outDir]) {
    const { db } = openDatabase(exportedDb!);
    const batch = db.prepare('SELECT id, profile_json FROM bpjs_batch ORDER BY id DESC LIMIT 1').get() as { id: number; profile_json: string };
    const profile = JSON.parse(batch.profile_json) as { sheetName: string; columns: { header: string }[] };
    const headers = profile.columns.map((c) => neutralizeFormula(c.header));
    const files: string[][][] = [];
    for (const it of db.prepare('SELECT file_seq, cells_json FROM bpjs_batch_item WHERE batch_id = ? ORDER BY seq').iterate(batch.id) as Iterable<{ file_seq: number; cells_json: string }>) {
      (files[it.file_seq - 1] ??= []).push((JSON.parse(it.cells_json) as string[]).map((v) => neutralizeFormula(v ?? '')));
    }
    db.close();
    const t = performance.now();
    for (const [f, rows] of files.entries()) {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${outDir}/floor_${String(f + 1).padStart(2, '0')}.xlsx`, useStyles: true, useSharedStrings: true });
      const ws = wb.addWorksheet(profile.sheetName);
      ws.columns = profile.columns.map((c) => ({ width: Math.max(12, c.header.length + 2), style: TEXT_STYLE }));
      const head = ws.addRow([]);
      headers.forEach((h, i) => {
        const cell = head.getCell(i + 1);
        cell.value = h;
        cell.style = { ...TEXT_STYLE, font: { name: 'Calibri', size: 11, bold: true } };
      });
      head.commit();
      for (const values of rows) {
        const row = ws.addRow([]);
        for (let i = 0; i < headers.length; i++) {
          const v = values[i] ?? '';
          const cell = row.getCell(i + 1);
          if (v !== '') cell.value = v;
          cell.style = TEXT_STYLE;
        }
        row.commit();
      }
      ws.commit();
      await wb.commit();
    }
    return { ms: performance.now() - t, files: files.length, rows: files.reduce((s, r) => s + r.length, 0) };
  },
  /** Pegawai › Unduh Excel for the whole roster of a month, default columns, as hr sees it. */
  async 'roster-export'([dbPath, out]) {
    const { db } = openDatabase(dbPath!);
    const ctx = { db, actor: 'bench', clock, seesIdentity: true };
    const t = performance.now();
    const rows = await exportRoster(ctx, { month: '2026-03' }, [], out!);
    const ms = performance.now() - t;
    db.close();
    return { ms, rows };
  },
  /**
   * Floor for the roster export: exceljs's streaming writer writing the same cells (the rows the roster
   * query gives, read before the clock starts), every cell text with the text style as Sigap writes them.
   * Not timed: the query itself, which the screen runs too.
   */
  async 'roster-export-floor'([dbPath, out]) {
    const { db } = openDatabase(dbPath!);
    const ctx = { db, actor: 'bench', clock, seesIdentity: true };
    const { rows } = await queryRoster(ctx, { month: '2026-03' });
    const cols = DEFAULT_ROSTER_COLUMNS;
    const values = rows.map((r, i) => [String(i + 1), ...cols.map((c) => neutralizeFormula(String(r[c] ?? '')))]);
    db.close();
    const t = performance.now();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out!, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('Pegawai 2026-03');
    ws.addRow(['No', ...cols.map((c) => ROSTER_COLUMNS[c])]).commit();
    for (const v of values) {
      const row = ws.addRow([]);
      v.forEach((x, i) => {
        const cell = row.getCell(i + 1);
        cell.value = x;
        cell.style = TEXT_STYLE;
      });
      row.commit();
    }
    ws.commit();
    await wb.commit();
    return { ms: performance.now() - t, rows: values.length };
  },
  /**
   * A filled "Lengkapi data pegawai" list for everyone (not timed: it stands for the files the OPD
   * treasurers send back): NIK, name, and a marital status, postal code and work location for each.
   */
  async 'make-completion'([dbPath, out]) {
    const { db } = openDatabase(dbPath!);
    const people = db.prepare('SELECT nik, name FROM person ORDER BY id').all() as { nik: string; name: string }[];
    db.close();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out!, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('Lengkapi data');
    ws.addRow(['No', 'NIK', 'Nama', COMPLETION_HEADERS.maritalStatus, COMPLETION_HEADERS.postalCode, COMPLETION_HEADERS.workLocation]).commit();
    people.forEach((p, i) => {
      const row = ws.addRow([String(i + 1), p.nik, p.name, i % 3 ? 'T' : 'Y', String(34800 + (i % 99)), 'LIWA']);
      row.eachCell((c) => (c.style = TEXT_STYLE));
      row.commit();
    });
    ws.commit();
    await wb.commit();
    return { ms: 0, rows: people.length };
  },
  /** Lengkapi data pegawai, read back: preview (read, match by NIK, every field checked) and apply. */
  async 'completion-import'([file, baseDb, workDb]) {
    copyFileSync(baseDb!, workDb!);
    const { db } = openDatabase(workDb!);
    const ctx = { db, actor: 'bench', clock };
    const t = performance.now();
    const { preview, applied } = await importCompletionFile(ctx, file!, { apply: true });
    const ms = performance.now() - t;
    db.close();
    return { ms, persons: applied?.persons ?? 0, fields: applied?.fields ?? 0, unknown: (preview as { unknown?: unknown[] }).unknown?.length ?? null };
  },
  /** Roster search through the UI's query: p50 and p95 over 200 queries of each kind. */
  async search([dbPath]) {
    const { ctx, store, close } = await openTarget(dbPath!);
    const names = await store.all<{ name: string; nik: string }>(sql`SELECT name, nik FROM person ORDER BY random() LIMIT 200`);
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
        await queryRoster(ctx, { month: '2026-02', search: q(i), limit: 100 });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      out[kind] = { p50: times[99]!, p95: times[189]! };
    }
    await close();
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
