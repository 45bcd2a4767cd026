/**
 * The server bench's figures: a table in the style of docs/performance.md, the server's own time per
 * call read back from its request log, and the list of correctness problems that fail the run.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { CallLog } from './server-clerks';
import { fmt, percentile } from './figures';

export interface ServerFigures {
  quick: boolean;
  N: number;
  clerks: number;
  windowMs: number;
  plannedMs: number;
  think: [number, number];
  /** `--think=A-B` when the run was not paced as the standard one. */
  thinkFlag: string | null;
  skRows: number;
  log: CallLog;
  serverLog: string;
  health: number[];
  healthFailed: number;
  /** The clerks' roster.list inputs replayed on the core alone, one at a time, by kind of query. */
  floor: { kind: string; ms: number }[];
  /** The other reads replayed the same way, per call. */
  floorReads: Map<string, number[]>;
  sk: { uploadMs: number; previewMs: number; applyMs: number; totalMs: number; persons: number; created: number } | null;
  bill: { ms: number; persons: number; drafts: number } | null;
  auditAdded: number;
  serverCpuMs: number;
  benchCpuMs: number;
  peakRssMb: number;
  progressEvents: number;
  serverExit: number | null;
  billMonth: string;
  /** The clerks' sign-ins, all at once before the window. */
  signInMs: number[];
}

const ROSTER_TARGET_MS = 150;
const n = (x: number) => x.toLocaleString('en');
const pcts = (xs: number[]) => `p50 ${fmt(percentile(xs, 0.5))}, p95 ${fmt(percentile(xs, 0.95))}, p99 ${fmt(percentile(xs, 0.99))}`;

/** The server's own time per call name (request in to response out), from its request log. */
function serverTimes(path: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.includes('"/api/call/')) continue;
    try {
      const e = JSON.parse(line) as { path?: string; ms?: number };
      const name = e.path?.slice('/api/call/'.length);
      if (!name || typeof e.ms !== 'number') continue;
      const xs = out.get(name) ?? [];
      if (xs.length === 0) out.set(name, xs);
      xs.push(e.ms);
    } catch {
      // a line cut short by the stop: not a request
    }
  }
  return out;
}

export function serverReport(f: ServerFigures): { text: string; doc: string; problems: string[] } {
  const byName = new Map<string, number[]>();
  for (const c of f.log.calls) {
    const xs = byName.get(c.name) ?? [];
    if (xs.length === 0) byName.set(c.name, xs);
    xs.push(c.ms);
  }
  const own = serverTimes(f.serverLog);
  const total = f.log.calls.length;
  const failed = f.log.failures.length;
  const ownP95 = (name: string) => (own.get(name)?.length ? `; server's own p95 ${fmt(percentile(own.get(name)!, 0.95))}` : '');
  const roster = byName.get('roster.list') ?? [];
  const rosterP95 = percentile(roster, 0.95);
  const floorAll = f.floor.map((x) => x.ms);
  const floorP95 = percentile(floorAll, 0.95);
  const expected = f.log.auditRowsExpected();
  const writes = [...f.log.writes.entries()].map(([k, w]) => `${k} ${n(w.calls)}`).join(', ');

  const rows: string[][] = [
    [`Calls answered, ${f.clerks} clerks for ${fmt(f.windowMs)}`, `${n(total)} (${(total / (f.windowMs / 1000)).toFixed(1)} a second), ${n(failed)} failed`, '', '', '0 failed'],
    [
      `roster.list, ${n(roster.length)} calls`, `${pcts(roster)}${ownP95('roster.list')}`,
      `the same filters on the core alone (${n(f.floor.length)}): p50 ${fmt(percentile(floorAll, 0.5))}, p95 ${fmt(floorP95)}`,
      `p95 ${(rosterP95 / floorP95).toFixed(2)} x`, `p95 ≤ ${ROSTER_TARGET_MS} ms${rosterP95 > ROSTER_TARGET_MS ? ' (missed)' : ''}`,
    ],
    ...[...byName.entries()]
      .filter(([name]) => !['roster.list', 'sk.chooseFile', 'sk.preview', 'sk.apply', 'billing.run'].includes(name))
      .sort((a, b) => b[1].length - a[1].length)
      .map(([name, xs]) => {
        const alone = f.floorReads.get(name) ?? [];
        return [
          `${name}, ${n(xs.length)} calls`, `${pcts(xs)}${ownP95(name)}`,
          alone.length ? `the same calls on the core alone (${alone.length}): p50 ${fmt(percentile(alone, 0.5))}, p95 ${fmt(percentile(alone, 0.95))}` : '',
          alone.length ? `p95 ${(percentile(xs, 0.95) / percentile(alone, 0.95)).toFixed(2)} x` : '', '',
        ];
      }),
    [`Sign-in (\`auth.login\`), ${f.signInMs.length} clerks at once before the window`, pcts(f.signInMs), '', '', ''],
    [`\`GET /api/health\` round trip under the same load, ${n(f.health.length)} probes (the floor of any call: TLS, HTTP, the event loop)`, pcts(f.health), '', '', ''],
    [
      `SK import over HTTPS, ${n(f.skRows)} rows: upload + preview + apply`,
      f.sk ? `${fmt(f.sk.totalMs)} (upload ${fmt(f.sk.uploadMs)}, preview ${fmt(f.sk.previewMs)}, apply ${fmt(f.sk.applyMs)}); ${n(f.sk.created)} people added` : 'FAILED',
      '', '', '',
    ],
    [`Billing run over HTTPS, ${f.billMonth}`, f.bill ? `${fmt(f.bill.ms)} (${n(f.bill.persons)} people, ${n(f.bill.drafts)} drafts)` : 'FAILED', '', '', ''],
    [`Audit rows added in the window`, n(f.auditAdded), `rows the writes document: ${n(expected)} (${writes})`, f.auditAdded === expected ? 'equal' : 'DIFFERENT', 'equal'],
    [`sigap serve CPU in the window`, `${fmt(f.serverCpuMs)} (${((100 * f.serverCpuMs) / f.windowMs).toFixed(0)}% of one core); peak RSS ${f.peakRssMb.toFixed(0)} MB`, `the clerks' process: ${fmt(f.benchCpuMs)}`, '', ''],
  ];
  // roster.list by kind of query: which ones are slow, under load and alone.
  const kinds = new Map<string, number[]>();
  for (const c of f.log.calls) {
    if (c.name !== 'roster.list' || !c.kind) continue;
    const xs = kinds.get(c.kind) ?? [];
    if (xs.length === 0) kinds.set(c.kind, xs);
    xs.push(c.ms);
  }
  const byKind = [
    '| roster.list query | calls | under load | on the core alone, one at a time |',
    '|---|---|---|---|',
    ...[...kinds.entries()].sort((a, b) => b[1].length - a[1].length).map(([kind, xs]) => {
      const alone = f.floor.filter((x) => x.kind === kind).map((x) => x.ms);
      return `| ${kind} | ${n(xs.length)} | ${pcts(xs)} | ${alone.length ? `${n(alone.length)}: p50 ${fmt(percentile(alone, 0.5))}, p95 ${fmt(percentile(alone, 0.95))}` : ''} |`;
    }),
  ].join('\n');
  const table = ['| measure | Sigap server | floor (same run) | ratio | target |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const doc =
    `## sigap serve under load\n\nMeasured by \`npm run bench -- --server${f.quick ? ' --quick' : ''}${f.thinkFlag ? ` ${f.thinkFlag}` : ''}\` on ${new Date().toISOString().slice(0, 10)}: ` +
    `\`sigap serve\` in its own process (the prebuilt command) on PostgreSQL (a cluster of the bench's own on this machine, durability on), ` +
    `${n(f.N)} people; ${f.clerks} clerks (12 hr, 8 finance, 10 viewer), each a desktop client of its own (electron/remote: bearer session, ` +
    `pinned TLS over loopback, an event stream open), going screen to screen with a pause of ${f.think[0] / 1000}-${f.think[1] / 1000} s for ${fmt(f.plannedMs)}; ` +
    `an hr clerk imports an SK appendix at 30% of the window, a finance clerk runs a month's billing at 45%. ` +
    `Times are the clerk's, from the call to its parsed reply; "server's own" is the server's log of the same requests. ` +
    `Floors: the health round trip under the same load, and, after the window, a sample of the clerks' own calls with the same inputs made ` +
    `on the core directly (the server's handlers, no HTTP), one at a time with nothing else running.\n\n${table}\n\n${byKind}\n`;
  const problems: string[] = [];
  if (failed > 0) problems.push(`${failed} calls failed: ${f.log.failures.slice(0, 10).map((x) => `${x.name}: ${x.code} ${x.message}`).join(' | ')}`);
  if (f.auditAdded !== expected) problems.push(`audit rows added ${f.auditAdded}, the writes made document ${expected} (${writes})`);
  if (!f.sk) problems.push('the SK import did not complete');
  if (!f.bill) problems.push('the billing run did not complete');
  if (f.healthFailed > 0) problems.push(`${f.healthFailed} health probes failed`);
  if (f.progressEvents === 0) problems.push('the SK import sent no progress over the event stream');
  if (f.serverExit !== 0) problems.push(`sigap serve exited with ${f.serverExit} on SIGTERM (a graceful stop exits 0)`);
  const text = `${doc}\nSK import progress events received over the event stream: ${f.progressEvents}.${rosterP95 > ROSTER_TARGET_MS ? `\nroster.list p95 ${fmt(rosterP95)} is over the ${ROSTER_TARGET_MS} ms target (printed, not failed: timing is not a correctness check).` : ''}`;
  return { text, doc, problems };
}
