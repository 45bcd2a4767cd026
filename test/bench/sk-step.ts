/**
 * `npx tsx test/bench/sk-step.ts [persons]`: only the bench's first step (SK import vs. the streaming
 * read floor), for reader work: the same demo Pemda, SK file and child-process steps as run.ts, three
 * runs each, medians. Prints the same figures run.ts puts in docs/performance.md's first line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDatabase } from '../../electron/core/db/open';
import { seedDemo } from '../../electron/core/demo/index';
import { writeBigAppendix } from '../fixtures/sk-stream';

const N = Number(process.argv[2] ?? 100_000);
const work = join(tmpdir(), `sigap-sk-step-${N}`);
mkdirSync(work, { recursive: true });
const base = join(work, 'base.db');
if (!existsSync(base)) {
  const { db } = openDatabase(base);
  await seedDemo({ db, actor: 'bench', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: N, year: 2026 });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
const sk = join(work, 'sk.xlsx');
if (!existsSync(sk)) await writeBigAppendix(sk, { persons: N, number: 'SK/BENCH/2026', serialBase: 50 * 9999 });
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const steps = join(process.cwd(), 'test/bench/steps.ts');
const timeFile = join(work, 'time.txt');
/**
 * One step in its own process, with the child's whole CPU time (user + system, from /usr/bin/time,
 * tsx start-up included): on a shared, loaded machine wall time swings, CPU time much less.
 */
const step = (...args: string[]) => {
  const out = execFileSync('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, tsx, steps, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const [user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { ...(JSON.parse(out.trim().split('\n').pop()!) as { ms: number; maxRssMb: number }), cpuMs: (user! + sys!) * 1000 };
};
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floor: { ms: number; cpuMs: number }[] = [];
const imp: { ms: number; cpuMs: number }[] = [];
let rss = 0;
for (let i = 0; i < 3; i++) {
  floor.push(step('read-floor', sk));
  const r = step('import', sk, base, join(work, 'import.db'));
  imp.push(r);
  rss = Math.max(rss, r.maxRssMb);
}
const s = (xs: number[]) => `${(med(xs) / 1000).toFixed(2)} s (runs ${xs.map((x) => (x / 1000).toFixed(2)).join(', ')})`;
const ratio = (a: number[], b: number[]) => (med(a) / med(b)).toFixed(2);
console.log(`SK import, preview + apply, ${N.toLocaleString('en')} rows: ${s(imp.map((r) => r.ms))} wall; exceljs streaming read ${s(floor.map((r) => r.ms))} wall; ratio ${ratio(imp.map((r) => r.ms), floor.map((r) => r.ms))} x; import peak RSS ${rss.toFixed(0)} MB`);
console.log(`whole child CPU time: import ${s(imp.map((r) => r.cpuMs))}, read floor ${s(floor.map((r) => r.cpuMs))}; ratio ${ratio(imp.map((r) => r.cpuMs), floor.map((r) => r.cpuMs))} x`);
