/**
 * The simulated clerks of `npm run bench -- --server`: each one a desktop client of its own
 * (electron/remote/remote-client.ts: its own bearer session, its own pinned TLS connection), going from
 * screen to screen as the renderer does (the same calls with the same inputs: the roster's filter as
 * the roster page's filterOf builds it, paged as it pages), with a pause between screens. Every
 * call is timed from the client's side; every write is counted with the audit rows it documents, so the
 * bench can compare them with the rows the database holds.
 */
import { readFile } from 'node:fs/promises';
import { RemoteClient, type RemoteHost } from '../../electron/remote/remote-client';
import { parseServerAddress } from '../../electron/remote/pinned-agent';
import { rng, pick } from '../../electron/core/demo/names';
import type { Input } from '../../shared/contract/index';
import type { Role } from '../../shared/roles';

/** What a clerk needs to know about the database to act like a clerk (read before the window). */
export interface Known {
  /** The roster's month (today's) and the month whose invoices are issued and being paid. */
  month: string;
  paidMonth: string;
  /** The month the billing run computes in the middle. */
  billMonth: string;
  today: string;
  opdIds: number[];
  categoryIds: number[];
  people: { id: number; name: string; nik: string }[];
  issuedInvoiceIds: number[];
}

export interface Timed {
  name: string;
  ms: number;
  at: number;
  /** What kind of roster query it was (a name searched, an OPD filtered, …). */
  kind?: string;
}

/** Every call's time and outcome, and the writes made with the audit rows each documents. */
export class CallLog {
  readonly calls: Timed[] = [];
  readonly failures: { name: string; code: string; message: string }[] = [];
  readonly rosterInputs: { kind: string; input: Record<string, unknown> }[] = [];
  /** The other reads' inputs, per call, to replay on the core alone. */
  readonly readInputs = new Map<string, unknown[]>();
  readonly writes = new Map<string, { calls: number; auditRows: number }>();

  wrote(name: string, auditRows: number): void {
    const w = this.writes.get(name) ?? { calls: 0, auditRows: 0 };
    w.calls++;
    w.auditRows += auditRows;
    this.writes.set(name, w);
  }

  auditRowsExpected(): number {
    return [...this.writes.values()].reduce((s, w) => s + w.auditRows, 0);
  }
}

export interface Clerk {
  username: string;
  role: Exclude<Role, 'admin'>;
  client: RemoteClient;
  r: () => number;
  /** Progress events received over the session's event stream (Server-Sent Events). */
  progress: number;
}

/** The desktop's dialogs for a clerk without a person: the file to upload is named by the bench. */
export function benchHost(): RemoteHost & { next: string | null } {
  const host: RemoteHost & { next: string | null } = {
    next: null,
    chooseOpenFile: async () => host.next,
    readFile: (p) => readFile(p),
    receiveFiles: async (_call, files) => files.map((f) => f.name),
  };
  return host;
}

export function newClerk(port: number, fingerprint: string, username: string, role: Clerk['role'], seed: number, host: RemoteHost = benchHost()): Clerk {
  const client = new RemoteClient({ address: parseServerAddress(`127.0.0.1:${port}`)!, fingerprint, host });
  const clerk: Clerk = { username, role, client, r: rng(seed), progress: 0 };
  client.onProgress(() => clerk.progress++);
  return clerk;
}

/** Calls that change something, or work with files: not replayed as a floor. */
const NOT_REPLAYED = new Set(['roster.list', 'person.update', 'payment.record', 'sk.chooseFile', 'sk.preview', 'sk.apply', 'billing.run']);

/** One timed call: ok or not (a failure is recorded with its code and message), and its value. */
async function attempt(log: CallLog, c: Clerk, name: string, input: unknown, kind?: string): Promise<{ ok: boolean; value: unknown }> {
  if (!NOT_REPLAYED.has(name)) {
    const xs = log.readInputs.get(name) ?? [];
    if (xs.length === 0) log.readInputs.set(name, xs);
    xs.push(input);
  }
  const t0 = performance.now();
  let code = 'THROWN';
  let message = '';
  try {
    const reply = await c.client.call(name, input);
    if (reply.ok) {
      log.calls.push({ name, ms: performance.now() - t0, at: t0, ...(kind ? { kind } : {}) });
      return { ok: true, value: reply.value };
    }
    ({ code, message } = reply.error);
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  log.calls.push({ name, ms: performance.now() - t0, at: t0, ...(kind ? { kind } : {}) });
  log.failures.push({ name: `${name} (${c.username})`, code, message });
  return { ok: false, value: null };
}

/** A timed read (or a write whose reply carries what it did); its value, or null when it failed. */
export async function timed<T = any>(log: CallLog, c: Clerk, name: string, input: unknown = {}, kind?: string): Promise<T | null> {
  const r = await attempt(log, c, name, input, kind);
  return r.ok ? (r.value as T) : null;
}

/** A timed write that answers nothing: counted with the audit rows it documents when it succeeded. */
async function write(log: CallLog, c: Clerk, name: string, input: unknown, auditRows: number): Promise<void> {
  if ((await attempt(log, c, name, input)).ok) log.wrote(name, auditRows);
}

/** The roster screen's page (renderer/src/pages/roster/roster-pages.ts; the node project cannot import the renderer's). */
const PAGE_SIZE = 200;
type RosterFilter = Omit<Input<'roster.list'>, 'offset' | 'limit'>;
type RosterSort = NonNullable<RosterFilter['sort']>;
const SORTS: RosterSort[] = ['name', 'nik', 'opd', 'honor', 'start'];

/** A roster screen the way a clerk of this role uses it (the query and its kind), then a few pages down. */
function rosterQuery(c: Clerk, k: Known): [string, RosterFilter] {
  const who = pick(c.r, k.people);
  // What the page's filterOf() sends for its default query: the month, active people, by name.
  const base: RosterFilter = { month: k.month, status: 'active', sort: 'name', desc: false };
  const x = c.r();
  // Searches: hr by name or NIK, everyone by a name; filters: an OPD (a treasurer's own), a category, KPJ missing.
  if (c.role === 'hr' && x < 0.15) return ['NIK prefix', { ...base, search: who.nik.slice(0, 12), status: 'all' }];
  if (x < 0.35) return ['name prefix', { ...base, search: who.name.split(' ')[0]!.slice(0, 4) }];
  if (x < 0.5) return ['name substring', { ...base, search: who.name.slice(2, 6), status: c.r() < 0.5 ? 'all' : 'active' }];
  if (x < 0.75) return ['one OPD, any sort', { ...base, opdId: pick(c.r, k.opdIds), sort: pick(c.r, SORTS), desc: c.r() < 0.3 }];
  if (x < 0.85) return ['category, no KPJ', { ...base, categoryId: pick(c.r, k.categoryIds), hasKpj: false }];
  return ['everyone, any sort', { ...base, sort: pick(c.r, SORTS), desc: c.r() < 0.5 }];
}

async function rosterScreen(log: CallLog, c: Clerk, k: Known): Promise<number | null> {
  const [kind, filter] = rosterQuery(c, k);
  const pages = c.r() < 0.6 ? 1 : 1 + Math.floor(c.r() * 4);
  let firstPerson: number | null = null;
  for (let page = 0; page < pages; page++) {
    const input = { ...filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
    const pageKind = page === 0 ? kind : `${kind}, next pages`;
    log.rosterInputs.push({ kind: pageKind, input });
    const res = await timed<{ total: number; rows: { personId: number }[] }>(log, c, 'roster.list', input, pageKind);
    if (!res) return null;
    firstPerson ??= res.rows.length ? pick(c.r, res.rows).personId : null;
    if ((page + 1) * PAGE_SIZE >= res.total) break;
  }
  return firstPerson;
}

/** The person page: the record with its history, audit and incidents. */
async function personScreen(log: CallLog, c: Clerk, personId: number) {
  return await timed<{ person: Record<string, unknown> }>(log, c, 'person.get', { personId });
}

/** hr corrects a phone number on the person page: a write of one audit row. */
async function editPhone(log: CallLog, c: Clerk, personId: number, n: number): Promise<void> {
  const d = await personScreen(log, c, personId);
  if (!d) return;
  const p = d.person;
  const person = {
    nik: p.nik, name: p.name, birthPlace: p.birthPlace, birthDate: p.birthDate, sex: p.sex, address: p.address,
    phone: `0812${String(personId).padStart(7, '0')}${n % 10}`.slice(0, 13), motherName: p.motherName, kpj: p.kpj,
  };
  if (p.phone === person.phone) person.phone = `0813${String(personId).padStart(8, '0')}`;
  await write(log, c, 'person.update', { personId, person }, 1);
}

export interface Plan {
  log: CallLog;
  known: Known;
  /** performance.now() at which clerks stop starting screens. */
  until: number;
  /** A clerk's own people to edit (hr) or invoices to pay (finance): no two clerks write the same row. */
  own: number[];
}

/** A pause, cut short at the window's end (the clerk then stops, or does the chore still due). */
const pause = (c: Clerk, minMs: number, maxMs: number, until: number) =>
  new Promise((r) => setTimeout(r, Math.max(0, Math.min(minMs + c.r() * (maxMs - minMs), until - performance.now()))));

/** Long work a clerk does once, from a moment of the window on (the SK import, the billing run). */
export interface Chore {
  at: number;
  run: () => Promise<unknown>;
}

/**
 * A clerk's working loop until the window ends: a screen, a pause (`think`, uniform ms), the next screen;
 * a chore when its moment has come, in place of a screen (a clerk does one thing at a time).
 */
export async function work(c: Clerk, p: Plan, think: [number, number], chores: Chore[] = []): Promise<void> {
  const { log, known: k } = p;
  const todo = [...chores];
  let n = 0;
  await pause(c, 0, think[1], p.until); // not all 30 at the same instant
  while (performance.now() < p.until || todo.length > 0) {
    n++;
    const due = todo.findIndex((ch) => performance.now() >= ch.at);
    if (due >= 0) {
      await todo.splice(due, 1)[0]!.run();
      continue;
    }
    if (performance.now() >= p.until) {
      await new Promise((r) => setTimeout(r, 50)); // the window is over, a chore is still to come: never in practice
      continue;
    }
    const x = c.r();
    // Beranda (the home page, renderer/src/pages/HomePage.tsx: coverage.summary) is where every role
    // lands; hr and finance come back to it now and then, the viewers (treasurers, the head of the region) more.
    if (c.role === 'hr') {
      if (x < 0.05) await timed(log, c, 'coverage.summary', { month: k.month });
      else if (x < 0.55) {
        const id = await rosterScreen(log, c, k);
        if (id !== null && c.r() < 0.5) await personScreen(log, c, id);
      } else if (x < 0.8) await editPhone(log, c, p.own[n % p.own.length]!, n);
      else if (x < 0.9) await timed(log, c, 'decree.list');
      else {
        // The incident dialog's lookup of a person by name.
        const input = { month: k.month, search: pick(c.r, k.people).name.slice(0, 5), status: 'all', limit: 8 };
        log.rosterInputs.push({ kind: 'lookup (8 rows)', input });
        await timed(log, c, 'roster.list', input, 'lookup (8 rows)');
      }
    } else if (c.role === 'finance') {
      if (x < 0.35) {
        const list = await timed<{ rows: { id: number }[] }>(log, c, 'invoice.list', { month: k.paidMonth, limit: 100 });
        const inv = list?.rows.length ? pick(c.r, list.rows).id : null;
        if (inv !== null) {
          await timed(log, c, 'invoice.get', { invoiceId: inv, limit: 100 });
          if (c.r() < 0.5) await timed(log, c, 'invoice.lines', { invoiceId: inv, offset: 100, limit: 100 });
        }
      } else if (x < 0.6) {
        const invoiceId = p.own[n % p.own.length]!;
        await timed(log, c, 'invoice.get', { invoiceId, limit: 100 });
        await write(log, c, 'payment.record', { invoiceId, sp2d: `SP2D/BENCH/${c.username}/${n}`, date: k.today, amount: 1000, confirmEarlyDate: true }, 1);
      } else if (x < 0.75) await timed(log, c, 'billing.arrears');
      else if (x < 0.85) await timed(log, c, 'coverage.summary', { month: k.month });
      else await rosterScreen(log, c, k);
    } else {
      if (x < 0.15) await timed(log, c, 'coverage.summary', { month: k.month });
      else if (x < 0.7) {
        const id = await rosterScreen(log, c, k);
        if (id !== null && c.r() < 0.4) await personScreen(log, c, id);
      } else if (x < 0.85) await timed(log, c, 'coverage.yearly', { year: Number(k.month.slice(0, 4)) });
      else await timed(log, c, 'incident.list', {});
    }
    await pause(c, think[0], think[1], p.until);
  }
}

/** hr's SK import: upload the appendix, preview it, apply it. Durations of each part and in all. */
export async function importSk(log: CallLog, c: Clerk, host: { next: string | null }, file: string, tmt: string) {
  const t0 = performance.now();
  host.next = file;
  const chosen = await timed<{ token: string }>(log, c, 'sk.chooseFile');
  host.next = null;
  const t1 = performance.now();
  if (!chosen) return null;
  const pv = await timed<{ previewId: string; counts: Record<string, number> }>(log, c, 'sk.preview', { token: chosen.token, tmt, mode: 'amend' });
  const t2 = performance.now();
  if (!pv) return null;
  const res = await timed<{ persons: number; created: number; updated: number; ended: number; newUnits: number }>(log, c, 'sk.apply', { previewId: pv.previewId, createUnits: true });
  const t3 = performance.now();
  if (!res) return null;
  // One row per person (a new person with the engagement the SK gives, or the engagement of someone
  // known), one more per person it changed, per engagement it ended and per unit it created, and the decree's.
  log.wrote('sk.apply', res.persons + res.updated + res.ended + res.newUnits + 1);
  return { uploadMs: t1 - t0, previewMs: t2 - t1, applyMs: t3 - t2, totalMs: t3 - t0, ...res };
}

/** finance's billing run of a month (drafts for every unit): one audit row. */
export async function billMonth(log: CallLog, c: Clerk, month: string) {
  const t0 = performance.now();
  const res = await timed<{ persons: number; drafts: number; total: number }>(log, c, 'billing.run', { month });
  const ms = performance.now() - t0;
  if (!res) return null;
  log.wrote('billing.run', 1);
  return { ms, ...res };
}
