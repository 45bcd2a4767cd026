/**
 * `sigap demo` on each engine: the time (wall and CPU of this process) to seed N people.
 *   npx tsx test/bench/demo-engines.ts sqlite 10000
 *   npx tsx test/bench/demo-engines.ts postgres 10000 100000
 * PostgreSQL runs on a throwaway cluster (test/pg/cluster.ts), a new database per size.
 */
import { join } from 'node:path';
import { seedDemo } from '../../electron/core/demo/index';
import { openStore } from '../../electron/core/store/open-store';
import { startPgCluster, type PgCluster } from '../pg/cluster';
import { tempDir } from '../helpers';

async function once(target: string, persons: number): Promise<void> {
  const opened = await openStore(target);
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await seedDemo({ ...opened.context, actor: 'bench', clock: () => new Date('2026-01-15T03:00:00Z') }, { persons });
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    console.log(`${opened.engine}\t${persons} orang\twall ${(wall / 1000).toFixed(2)} s\tcpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)})`);
  } finally {
    await opened.store.close();
  }
}

async function main(): Promise<void> {
  const [engine, ...sizes] = process.argv.slice(2);
  const counts = (sizes.length ? sizes : ['10000']).map(Number);
  const { dir, cleanup } = tempDir('sigap-demo-bench-');
  let cluster: PgCluster | null = null;
  try {
    if (engine === 'postgres') cluster = await startPgCluster();
    for (const [i, n] of counts.entries()) {
      const target = cluster ? await cluster.createDatabase(`demo_${i}`) : join(dir, `demo-${i}.db`);
      await once(target, n);
    }
  } finally {
    cluster?.stop();
    cleanup();
  }
}

void main();
