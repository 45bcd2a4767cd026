/**
 * `npm run bench [-- --quick]`: builds a demo Pemda (100,000 people, or 10,000 in quick mode), then
 * measures each operation beside the floor of the library it stands on, in the same run, and writes
 * docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDatabase } from '../../electron/core/db/open';
import { seedDemo } from '../../electron/core/demo/index';
import { writeBigAppendix } from '../fixtures/sk-stream';
import { measureRosterUi } from './roster-ui';
import { openStore } from '../../electron/core/store/open-store';
import { sql } from '../../electron/core/store/sql';
import { startPgCluster } from '../pg/cluster';
import pg from 'pg';
import { fmt, median } from './figures';
import { serverSection } from './doc-section';

const quick = process.argv.includes('--quick');
if (process.argv.includes('--server')) {
  // `npm run bench -- --server [--quick]`: sigap serve under 30 clerks instead (server-load.ts).
  const { serverBench } = await import('./server-load');
  process.exit(await serverBench(quick));
}
const N = quick ? 10_000 : 100_000;
const REPS = 3;
// PostgreSQL's steps: three runs like SQLite's, once in quick mode (CI) to keep its added time small.
const PG_REPS = quick ? 1 : 3;
const root = join(process.cwd(), 'test/bench/steps.ts');
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const work = join(tmpdir(), `sigap-bench-${process.pid}`);
mkdirSync(work, { recursive: true });

function step(name: string, ...args: string[]): Record<string, unknown> & { ms: number; maxRssMb: number } {
  const out = execFileSync(tsx, [root, name, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function repeat(name: string, ...args: string[]) {
  return repeatN(REPS, name, ...args);
}

function repeatN(reps: number, name: string, ...args: string[]) {
  const runs = Array.from({ length: reps }, () => step(name, ...args));
  return { ms: median(runs.map((r) => r.ms)), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)), runs };
}

/** One entry of a zip file, inflated (walks the central directory; enough for exceljs's output). */
function zipEntry(path: string, name: string): Buffer | null {
  const buf = readFileSync(path);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return null;
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (buf.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      const local = buf.readUInt32LE(p + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    }
    p += 46 + skip;
  }
  return null;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

log(`Demo Pemda of ${N.toLocaleString('en')} people in ${work}`);
const base = join(work, 'base.db');
{
  const { db } = openDatabase(base);
  await seedDemo({ db, actor: 'bench', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: N, year: 2026 });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
// Everyone needs registering for the export measurement: no KPJ, and the data the branch requires.
const exportBase = join(work, 'export-base.db');
{
  const { copyFileSync } = await import('node:fs');
  copyFileSync(base, exportBase);
  const { db } = openDatabase(exportBase);
  // Marital status and work location are required by the portal's registration upload (a demo Pemda has
  // neither, as SK appendices rarely do): filled in as the clerk does in one step before writing files.
  db.exec("UPDATE person SET kpj = NULL, mother_name = coalesce(mother_name, 'Siti Aminah'), marital_status = 'T', work_location = 'LIWA'");
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
const sk = join(work, 'sk.xlsx');
// Demo NIKs spread serials over district codes (serial / 9999 mod 99): start 50 districts away from
// the roster's own people so no SK row collides with someone already active elsewhere.
await writeBigAppendix(sk, { persons: N, number: 'SK/BENCH/2026', serialBase: 50 * 9999 });

log('1. SK import vs. streaming read');
const floorRead = repeat('read-floor', sk);
const imp = repeat('import', sk, base, join(work, 'import.db'));
log('2. billing vs. INSERT ... SELECT');
const floorBill = repeat('bill-floor', base, join(work, 'bill-floor.db'));
const bill = repeat('bill', base, join(work, 'bill.db'));
log('3. registration files vs. streaming write');
const outA = join(work, 'out-export');
const outB = join(work, 'out-floor');
const fresh = (d: string) => {
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  return d;
};
// Each round: Sigap's export, then the floor writing the very cells that export recorded (its batch).
const expRuns: ReturnType<typeof step>[] = [];
const floorRuns: ReturnType<typeof step>[] = [];
for (let i = 0; i < REPS; i++) {
  expRuns.push(step('export', exportBase, join(work, 'export.db'), fresh(outA)));
  floorRuns.push(step('write-floor', join(work, 'export.db'), fresh(outB)));
}
const summary = (runs: ReturnType<typeof step>[]) => ({ ms: median(runs.map((r) => r.ms)), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)), runs });
const exp = summary(expRuns);
const floorWrite = summary(floorRuns);
// The floor must write what Sigap wrote: same rows and files, and the same sheet, shared strings and
// styles inside every workbook (only the document properties and zip times differ).
{
  const rowsOf = (r: ReturnType<typeof step>) => [r.files, r.rows];
  if (JSON.stringify(rowsOf(expRuns.at(-1)!)) !== JSON.stringify(rowsOf(floorRuns.at(-1)!))) throw new Error(`floor wrote ${JSON.stringify(rowsOf(floorRuns.at(-1)!))} files/rows, Sigap ${JSON.stringify(rowsOf(expRuns.at(-1)!))}`);
  const xlsx = (d: string) => readdirSync(d).filter((f) => f.endsWith('.xlsx')).sort().map((f) => join(d, f));
  const a = xlsx(outA);
  const b = xlsx(outB);
  if (a.length !== b.length) throw new Error(`floor wrote ${b.length} files, Sigap ${a.length}`);
  a.forEach((file, i) => {
    for (const part of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']) {
      const pa = zipEntry(file, part);
      const pb = zipEntry(b[i]!, part);
      if (!pa || !pb || !pa.equals(pb)) throw new Error(`the floor's ${part} differs from Sigap's in ${file}`);
    }
  });
  log(`   the floor wrote the same cells: ${a.length} files, sheet, shared strings and styles identical`);
}
log('3b. roster export (Pegawai › Unduh Excel) vs. streaming write');
const rosterOut = join(work, 'roster.xlsx');
const rosterExp = repeat('roster-export', base, rosterOut);
const rosterFloor = repeat('roster-export-floor', base, join(work, 'roster-floor.xlsx'));
log('3c. Lengkapi data pegawai read back vs. streaming read');
const completion = join(work, 'lengkapi.xlsx');
step('make-completion', base, completion);
const completionFloor = repeat('read-floor', completion);
const completionImp = repeat('completion-import', completion, base, join(work, 'completion.db'));
log('4. roster search');
const search = step('search', base).search as Record<string, { p50: number; p95: number }>;

log('5. the roster screen in Chromium');
if (!existsSync(join(process.cwd(), 'out/renderer/index.html'))) execFileSync('npm', ['run', 'build:web'], { stdio: 'ignore' });
const ui = await measureRosterUi(base, REPS);

log('6. command line start (sigap --help)');
// The prebuilt command (npm run build:cli) against Node's own start, the floor no command can beat.
execFileSync(process.execPath, [join(process.cwd(), 'electron/cli/build.mjs')], { stdio: 'inherit' });
const startMs = (args: string[]) => {
  const runs = Array.from({ length: 7 }, () => {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    return performance.now() - t0;
  });
  return median(runs);
};
const cliStart = startMs([join(process.cwd(), 'electron/cli/bin.js'), '--help']);
const nodeStart = startMs(['-e', '0']);

log('7. PostgreSQL: the same demo, the same steps');
// A real cluster on this machine, over the loopback socket, with durability on (fsync, synchronous
// commit), seeded through the same seedDemo; each step starts from `CREATE DATABASE … TEMPLATE`.
const pgStart = performance.now();
const cluster = await startPgCluster({ durable: true });
let pgRes: { imp: ReturnType<typeof repeat>; bill: ReturnType<typeof repeat>; exp: ReturnType<typeof repeat>; search: Record<string, { p50: number; p95: number }>; seedMs: number };
try {
  const pgBase = await cluster.createDatabase('bench_base');
  const t0 = performance.now();
  {
    const opened = await openStore(pgBase);
    await seedDemo({ ...opened.context, actor: 'bench', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: N, year: 2026 });
    await opened.store.run(sql`VACUUM ANALYZE`);
    await opened.store.close();
  }
  const seedMs = performance.now() - t0;
  log(`   seeded ${N.toLocaleString('en')} people in ${fmt(seedMs)}`);
  const pgUrl = (name: string) => pgBase.replace(/\/bench_base$/, `/${name}`);
  // The export base, prepared as SQLite's above (the same UPDATE, through the store).
  const pgExportBase = pgUrl('bench_export_base');
  {
    const pgc = new pg.Client({ connectionString: cluster.adminUrl });
    await pgc.connect();
    await pgc.query('CREATE DATABASE bench_export_base TEMPLATE bench_base');
    await pgc.end();
    const opened = await openStore(pgExportBase);
    await opened.store.run(sql`UPDATE person SET kpj = NULL, mother_name = coalesce(mother_name, 'Siti Aminah'), marital_status = 'T', work_location = 'LIWA'`);
    await opened.store.run(sql`VACUUM ANALYZE person`);
    await opened.store.close();
  }
  log('   SK import');
  const pImp = repeatN(PG_REPS, 'import', sk, pgBase, pgUrl('bench_import'));
  log('   billing run');
  const pBill = repeatN(PG_REPS, 'bill', pgBase, pgUrl('bench_bill'));
  log('   registration files');
  const pgOut = join(work, 'out-export-pg');
  const pExp = summary(Array.from({ length: PG_REPS }, () => step('export', pgExportBase, pgUrl('bench_export'), fresh(pgOut))));
  log('   roster search');
  const pSearch = step('search', pgBase).search as Record<string, { p50: number; p95: number }>;
  // The same work on both engines: the same people imported, lines billed, rows written.
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) log(`   WARNING: ${what} differs: SQLite ${JSON.stringify(a)}, PostgreSQL ${JSON.stringify(b)}`);
  };
  same('SK import (persons, rejected)', [imp.runs[0]!.persons, imp.runs[0]!.rejected], [pImp.runs[0]!.persons, pImp.runs[0]!.rejected]);
  same('billing lines', bill.runs[0]!.lines, pBill.runs[0]!.lines);
  same('registration files (files, rows)', [exp.runs[0]!.files, exp.runs[0]!.rows], [pExp.runs[0]!.files, pExp.runs[0]!.rows]);
  pgRes = { imp: pImp, bill: pBill, exp: pExp, search: pSearch, seedMs };
} finally {
  cluster.stop();
}
log(`   PostgreSQL part: ${fmt(performance.now() - pgStart)} in all`);

const rows: string[][] = [
  ['Command line start, `sigap --help`', fmt(cliStart), `node -e 0 ${fmt(nodeStart)}`, `${(cliStart / nodeStart).toFixed(2)} x`, '≤ 0.4 s', ''],
  ['SK import, preview + apply', fmt(imp.ms), `streaming read ${fmt(floorRead.ms)}`, `${(imp.ms / floorRead.ms).toFixed(2)} x`, '≤ 1.5 x', `${imp.maxRssMb.toFixed(0)} MB`],
  ['Billing run, one month', fmt(bill.ms), `INSERT ... SELECT ${fmt(floorBill.ms)}`, `${(bill.ms / floorBill.ms).toFixed(2)} x`, '≤ 3 x', `${bill.maxRssMb.toFixed(0)} MB`],
  [`Registration files, ${N.toLocaleString('en')} people`, fmt(exp.ms), `streaming write ${fmt(floorWrite.ms)}`, `${(exp.ms / floorWrite.ms).toFixed(2)} x`, '≤ 1.5 x', `${exp.maxRssMb.toFixed(0)} MB`],
  [`Roster export, ${N.toLocaleString('en')} people`, fmt(rosterExp.ms), `streaming write ${fmt(rosterFloor.ms)}`, `${(rosterExp.ms / rosterFloor.ms).toFixed(2)} x`, '≤ 1.5 x', `${rosterExp.maxRssMb.toFixed(0)} MB`],
  [`Lengkapi data pegawai import, ${N.toLocaleString('en')} people`, fmt(completionImp.ms), `streaming read ${fmt(completionFloor.ms)}`, `${(completionImp.ms / completionFloor.ms).toFixed(2)} x`, '≤ 3 x', `${completionImp.maxRssMb.toFixed(0)} MB`],
  ['Roster screen: first rows after navigation', fmt(median(ui.firstRowsMs)), '', '', '≤ 1 s', ''],
  ['Roster screen: scroll to the end', fmt(median(ui.scrollEndMs)), '', '', '', ''],
  ...Object.entries(search).map(([k, v]) => [`Roster search, ${k}`, `p50 ${fmt(v.p50)}, p95 ${fmt(v.p95)}`, '', '', 'p95 ≤ 30 ms', '']),
  // PostgreSQL beside SQLite: the "floor" column holds SQLite's figure from the rows above.
  ['PostgreSQL: SK import, preview + apply', fmt(pgRes.imp.ms), `SQLite ${fmt(imp.ms)}`, `${(pgRes.imp.ms / imp.ms).toFixed(2)} x`, '≤ 2 x SQLite', `${pgRes.imp.maxRssMb.toFixed(0)} MB`],
  ['PostgreSQL: billing run, one month', fmt(pgRes.bill.ms), `SQLite ${fmt(bill.ms)}`, `${(pgRes.bill.ms / bill.ms).toFixed(2)} x`, '≤ 2 x SQLite', `${pgRes.bill.maxRssMb.toFixed(0)} MB`],
  [`PostgreSQL: registration files, ${N.toLocaleString('en')} people`, fmt(pgRes.exp.ms), `SQLite ${fmt(exp.ms)}`, `${(pgRes.exp.ms / exp.ms).toFixed(2)} x`, '≤ 2 x SQLite', `${pgRes.exp.maxRssMb.toFixed(0)} MB`],
  ...Object.entries(pgRes.search).map(([k, v]) => {
    const s = search[k]!;
    return [`PostgreSQL: roster search, ${k}`, `p50 ${fmt(v.p50)}, p95 ${fmt(v.p95)}`, `SQLite p50 ${fmt(s.p50)}, p95 ${fmt(s.p95)}`, `p50 ${(v.p50 / s.p50).toFixed(2)} x, p95 ${(v.p95 / s.p95).toFixed(2)} x`, '≤ 2 x SQLite', ''];
  }),
];
const size = statSync(base).size;
const table = [
  '| operation | Sigap | floor (same run) | ratio | target | peak RSS |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const pgNote =
  `PostgreSQL rows: the same demo seeded through the same code into a PostgreSQL database of a cluster started for the bench on this machine ` +
  `(loopback TCP socket, fsync and synchronous commit on as a real server has them; seeding took ${fmt(pgRes.seedMs)}, not timed in the rows), ` +
  `each step on a fresh \`CREATE DATABASE … TEMPLATE\` copy, ${PG_REPS === 1 ? 'measured once' : `median of ${PG_REPS} runs`}; ` +
  `the ratio is PostgreSQL's figure over SQLite's from the same run.`;
const doc = `# Performance\n\nMeasured by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}, ${N.toLocaleString('en')} people, median of ${REPS} runs, each step in its own process.\n\n${table}\n\nDatabase file: ${(size / 1e6).toFixed(1)} MB for ${N.toLocaleString('en')} people.\n\n${pgNote}\n`;
process.stdout.write(`${doc}\n`);
// The server bench's part of the document (npm run bench -- --server) is its own: kept as it is.
const docPath = join(process.cwd(), 'docs/performance.md');
const kept = existsSync(docPath) ? serverSection(readFileSync(docPath, 'utf8')) : '';
if (!quick) writeFileSync(docPath, kept ? `${doc}\n${kept}\n` : doc);
rmSync(work, { recursive: true, force: true });
