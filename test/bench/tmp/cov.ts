// TEMP (not committed): coverage.summary's parts on PG, N people.
import { seedDemo } from '../../../electron/core/demo/index';
import { openStore } from '../../../electron/core/store/open-store';
import { sql } from '../../../electron/core/store/sql';
import { runBilling, arrearsReport } from '../../../electron/core/billing/index';
import { iteratePending, awaitingKpj } from '../../../electron/core/bpjs/pending';
import { coverageRepo } from '../../../electron/core/coverage/coverage-repository';
import { REPORT_KINDS } from '../../../shared/sipp-layouts';
import { startPgCluster } from '../../pg/cluster';

const N = Number(process.argv[2] ?? 100000);
const cluster = await startPgCluster({ durable: true });
try {
  const url = await cluster.createDatabase('cov');
  const o = await openStore(url);
  const ctx: any = { ...o.context, actor: 'bench', clock: () => new Date('2026-01-05T00:00:00Z') };
  await seedDemo(ctx, { persons: N, year: 2026 });
  const setup = { ...ctx, clock: () => new Date() };
  await runBilling(setup, { month: '2026-01', issue: true });
  await o.store.run(sql`VACUUM ANALYZE`);
  const q = o.store;
  const time = async (name: string, fn: () => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await fn();
    const c = process.cpuUsage(c0);
    console.log(`${name.padEnd(28)} ${(performance.now() - t0).toFixed(1)} ms wall, ${((c.user + c.system) / 1000).toFixed(1)} ms node CPU ${typeof r === 'number' ? `-> ${r}` : ''}`);
  };
  const from = '2026-12-01', to = '2026-12-31', today = '2026-12-04';
  for (let rep = 0; rep < 2; rep++) {
    await time('byOpd', () => coverageRepo.byOpd(q, from, to));
    await time('byCategory', () => coverageRepo.byCategory(q, from, to));
    await time('totals', () => coverageRepo.totals(q, from, to));
    await time('villages', () => coverageRepo.villages(q, from, to));
    await time('monthMoney', () => coverageRepo.monthMoney(q, '2026-01', '2026-12'));
    await time('unitsNotBilled', () => coverageRepo.unitsNotBilled(q, '2026-12', from, to));
    await time('arrearsReport', () => arrearsReport(setup, today));
    for (const k of REPORT_KINDS) await time(`pending ${k}`, async () => { let n = 0; for await (const _ of iteratePending(setup, k, today)) n++; return n; });
    await time('awaitingKpj', () => awaitingKpj(setup));
  }
  await o.store.close();
} finally {
  cluster.stop();
}
