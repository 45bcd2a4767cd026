/**
 * `npx tsx test/bench/reader-vs-exceljs.ts [rows] [runs]`: Sigap's own streaming XLSX reader against exceljs's
 * streaming WorkbookReader on the bench's SK appendix, each touching every cell, each in its own child
 * process (so each reports its own peak memory), alternating, three runs each unless told, medians.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const [mode, file] = process.argv.slice(2);
if (mode === 'exceljs' || mode === 'sigap') {
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  let cells = 0;
  if (mode === 'exceljs') {
    const { default: ExcelJS } = await import('exceljs');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file!, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    for await (const ws of reader) for await (const row of ws as AsyncIterable<{ eachCell(f: () => void): void }>) row.eachCell(() => void cells++);
  } else {
    const { readXlsx } = await import('../../electron/core/sheets/read-xlsx');
    for await (const s of readXlsx(file!, 'bench')) for await (const r of s.rows) for (const c of r.cells) if (c !== null) cells++;
  }
  const cpu = process.cpuUsage(cpu0);
  // CPU time too: on a shared, loaded machine it moves far less than wall time.
  console.log(JSON.stringify({ ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, cells, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const rows = Number(mode ?? 100_000);
  const dir = join(tmpdir(), 'sigap-reader-bench');
  mkdirSync(dir, { recursive: true });
  const sk = join(dir, `sk-${rows}.xlsx`);
  if (!existsSync(sk)) {
    const { writeBigAppendix } = await import('../fixtures/sk-stream');
    await writeBigAppendix(sk, { persons: rows, number: 'SK/BENCH/2026', serialBase: 50 * 9999 });
  }
  const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
  const run = (m: string) => JSON.parse(execFileSync(tsx, [import.meta.filename, m, sk], { encoding: 'utf8' }).trim().split('\n').pop()!) as { ms: number; cpuMs: number; cells: number; maxRssMb: number };
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const res: Record<string, { ms: number; cpuMs: number; cells: number; maxRssMb: number }[]> = { exceljs: [], sigap: [] };
  const runs = Number(process.argv[3] ?? 3);
  for (let i = 0; i < runs; i++) for (const m of ['exceljs', 'sigap']) res[m]!.push(run(m));
  for (const [m, rs] of Object.entries(res)) {
    console.log(`${m.padEnd(8)} ${rows.toLocaleString('en')} rows: median ${(med(rs.map((r) => r.ms)) / 1000).toFixed(2)} s wall (${rs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')}), ${(med(rs.map((r) => r.cpuMs)) / 1000).toFixed(2)} s CPU, ${rs[0]!.cells} cells, peak RSS ${Math.max(...rs.map((r) => r.maxRssMb)).toFixed(0)} MB`);
  }
}
