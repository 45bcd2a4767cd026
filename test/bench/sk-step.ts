/**
 * `npx tsx test/bench/sk-step.ts [persons]`: only the bench's first step (SK import vs. the streaming
 * read floor), for reader work: the same demo Pemda, SK file and child-process steps as run.ts, three
 * runs each, medians. Prints the same figures run.ts puts in docs/performance.md's first line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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
  seedDemo({ db, actor: 'bench', clock: () => new Date('2026-01-05T00:00:00Z') }, { persons: N, year: 2026 });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
const sk = join(work, 'sk.xlsx');
if (!existsSync(sk)) await writeBigAppendix(sk, { persons: N, number: 'SK/BENCH/2026', serialBase: 50 * 9999 });
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const steps = join(process.cwd(), 'test/bench/steps.ts');
const step = (...args: string[]) => JSON.parse(execFileSync(tsx, [steps, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim().split('\n').pop()!) as { ms: number; maxRssMb: number };
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floor: number[] = [];
const imp: number[] = [];
let rss = 0;
for (let i = 0; i < 3; i++) {
  floor.push(step('read-floor', sk).ms);
  const r = step('import', sk, base, join(work, 'import.db'));
  imp.push(r.ms);
  rss = Math.max(rss, r.maxRssMb);
}
const f = med(floor);
const m = med(imp);
console.log(`SK import, preview + apply, ${N.toLocaleString('en')} rows: ${(m / 1000).toFixed(2)} s (runs ${imp.map((x) => (x / 1000).toFixed(2)).join(', ')}); exceljs streaming read ${(f / 1000).toFixed(2)} s (runs ${floor.map((x) => (x / 1000).toFixed(2)).join(', ')}); ratio ${(m / f).toFixed(2)} x; import peak RSS ${rss.toFixed(0)} MB`);
