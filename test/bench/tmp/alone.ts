// TEMP (not committed): each call kind alone on the core over PG, N people.
import { seedDemo } from '../../../electron/core/demo/index';
import { openStore } from '../../../electron/core/store/open-store';
import { sql } from '../../../electron/core/store/sql';
import { runBilling } from '../../../electron/core/billing/index';
import { createApi } from '../../../electron/core/api/create-api';
import { startPgCluster } from '../../pg/cluster';
import { percentile } from '../figures';

const N = Number(process.argv[2] ?? 100000);
const cluster = await startPgCluster({ durable: true });
try {
  const url = await cluster.createDatabase('alone');
  const o = await openStore(url);
  const ctx: any = { ...o.context, actor: 'bench', clock: () => new Date('2026-01-05T00:00:00Z') };
  await seedDemo(ctx, { persons: N, year: 2026 });
  const setup = { ...ctx, clock: () => new Date() };
  await runBilling(setup, { month: '2026-01', issue: true });
  await o.store.run(sql`VACUUM ANALYZE`);
  const api: any = createApi(setup, { progress() {}, appVersion: 'x', backupDir: null } as any);
  const people = await o.store.all<{ id: number; name: string; nik: string }>(sql`SELECT id, name, nik FROM person ORDER BY random() LIMIT 50`);
  const opds = await o.store.all<{ id: number }>(sql`SELECT id FROM opd ORDER BY id`);
  const inv = await o.store.all<{ id: number }>(sql`SELECT id FROM invoice ORDER BY id LIMIT 20`);
  const m = '2026-12';
  const cases: [string, (i: number) => Promise<unknown>][] = [
    ['roster.list everyone name', () => api['roster.list']({ month: m, status: 'active', sort: 'name', desc: false, offset: 0, limit: 200 })],
    ['roster.list everyone honor desc', () => api['roster.list']({ month: m, status: 'active', sort: 'honor', desc: true, offset: 0, limit: 200 })],
    ['roster.list everyone page 3', () => api['roster.list']({ month: m, status: 'active', sort: 'name', desc: false, offset: 600, limit: 200 })],
    ['roster.list name prefix', (i) => api['roster.list']({ month: m, status: 'active', sort: 'name', desc: false, search: people[i]!.name.split(' ')[0]!.slice(0, 4), offset: 0, limit: 200 })],
    ['roster.list substring', (i) => api['roster.list']({ month: m, status: 'all', sort: 'name', desc: false, search: people[i]!.name.slice(2, 6), offset: 0, limit: 200 })],
    ['roster.list nik', (i) => api['roster.list']({ month: m, status: 'all', sort: 'name', desc: false, search: people[i]!.nik.slice(0, 12), offset: 0, limit: 200 })],
    ['roster.list opd', (i) => api['roster.list']({ month: m, status: 'active', sort: 'opd', desc: false, opdId: Number(opds[i % opds.length]!.id), offset: 0, limit: 200 })],
    ['roster.list category nokpj', () => api['roster.list']({ month: m, status: 'active', sort: 'name', desc: false, categoryId: 1, hasKpj: false, offset: 0, limit: 200 })],
    ['person.get', (i) => api['person.get']({ personId: Number(people[i]!.id) })],
    ['dashboard.summary', () => api['dashboard.summary']({ month: m })],
    ['coverage.summary', () => api['coverage.summary']({ month: m })],
    ['coverage.yearly', () => api['coverage.yearly']({ year: 2026 })],
    ['invoice.list', () => api['invoice.list']({ month: '2026-01', limit: 100 })],
    ['invoice.get', (i) => api['invoice.get']({ invoiceId: Number(inv[i % inv.length]!.id), limit: 100 })],
    ['billing.arrears', () => api['billing.arrears']({})],
    ['decree.list', () => api['decree.list']({})],
    ['incident.list', () => api['incident.list']({})],
  ];
  for (const [name, fn] of cases) {
    const t: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await fn(i);
      t.push(performance.now() - t0);
    }
    console.log(`${name.padEnd(34)} p50 ${percentile(t, 0.5).toFixed(1)} ms  max ${Math.max(...t).toFixed(1)} ms`);
  }
  await o.store.close();
} finally {
  cluster.stop();
}
