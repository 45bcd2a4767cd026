/**
 * The oracle for issue 17's "masked identities that can be recovered": as finance and as viewer, through
 * the real bridge, on a demo roster.
 * 1. The probing attack: roster.list searched one digit at a time from what the mask shows, for every
 *    NIK and KPJ. Before the fix every one came out (the search matched NIK and KPJ prefixes); now none.
 * 2. No reply to those roles, of any call they may make (CHANNELS, each with real inputs), carries a
 *    seeded person's full NIK, KPJ (8, 9, 11 and 13 digits), birth date, mother's name, address or phone,
 *    also not with spaces or dots between the digits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { bridge, testHost, type TestHost } from '../api-harness';
import { testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { personRepo } from '../../electron/core/roster/person-repository';
import { billOnTime } from '../billing-seed';
import { seedDemo } from '../../electron/core/demo/index';
import { writeBill, writeKpjList } from '../fixtures/bpjs-files';
import { CHANNELS, type ChannelName } from '../../shared/contract/index';
import { PUBLIC_CALLS } from '../../electron/core/auth/session';
import { maskId } from '../../shared/nik';
import { mayCall, type Role } from '../../shared/roles';
import { formatDateId } from '../../shared/dates';

interface Seeded { id: number; nik: string; kpj: string | null; name: string; birth_date: string; mother_name: string | null; address: string; phone: string }

const MONTH = '2026-03';
let ctx: ReturnType<typeof testContext>;
let host: TestHost;
let api: ReturnType<typeof bridge>;
let people: Seeded[];

/** How a KPJ of each length the code accepts (8-13 digits) is given to the seeded people. */
const kpjOfLength = (i: number): string => {
  const len = [11, 8, 13, 9][i % 4]!;
  return `${1 + (i % 9)}${String(7_300_000_000_000 + i * 7_919_001).slice(-(len - 1))}`;
};

let scanDecree: number;

beforeAll(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await seedDemo(ctx, { persons: 24 });
  host = testHost();
  api = bridge(ctx, host); // admin
  const store = storeOf(ctx);
  const ids = await store.all<{ id: number; nik: string; name: string }>(sql`SELECT id, nik, name FROM person ORDER BY id`);
  // Half the KPJs come in through the branch's participant list, so the audit summaries carry them in
  // full (as issue 17 saw); the other half are set directly.
  const listed = ids.filter((_, i) => i % 2 === 0);
  const list = join(ctx.dir, 'peserta.xlsx');
  await writeKpjList(list, listed.map((p) => ({ nik: p.nik, name: p.name, kpj: kpjOfLength(ids.indexOf(p)), since: '01-03-2026' })));
  host.openQueue.push(list);
  const file = (await api.ok('bpjs.chooseFile', { purpose: 'kpj' }))!;
  const pv = await api.ok('bpjs.importKpjPreview', { token: file.token });
  expect(pv.counts.errors).toBe(0);
  await api.ok('bpjs.importKpjApply', { previewId: pv.previewId });
  // Four people (i % 6 === 5, never on the list) stay without a KPJ: they wait in Pelaporan BPJS, whose
  // rows and checks finance and viewer read too; one of them with a phone the check refuses.
  const at = '2026-03-10T03:00:00Z';
  for (const [i, p] of ids.entries()) {
    const kpj = i % 6 === 5 ? null : kpjOfLength(i);
    if (i % 2 === 1) await personRepo.update(store, p.id, { kpj }, at);
  }
  await personRepo.update(store, ids[11]!.id, { phone: '0812-34' }, at);
  await store.run(sql`UPDATE person SET mother_name = 'Siti Khadijah Ramli' WHERE mother_name IS NULL`);
  // What the portal's registration upload requires (the clerk fills it in one step before writing files).
  await store.run(sql`UPDATE person SET marital_status = 'T', work_location = 'LIWA'`);
  people = await store.all<Seeded>(sql`SELECT id, nik, kpj, name, birth_date, mother_name, address, phone FROM person ORDER BY id`);

  // Edits whose trail carries private values: a new phone and address, an end whose reason a clerk typed
  // with the NIK spaced out, the KPJ and the phone, an incident that quotes the NIK with dots.
  const [a, b, c] = people as [Seeded, Seeded, Seeded];
  const detail = await api.ok('person.get', { personId: a.id });
  const pa = detail.person;
  await api.ok('person.update', { personId: a.id, person: { nik: pa.nik, name: pa.name, birthPlace: pa.birthPlace, birthDate: pa.birthDate, sex: pa.sex, address: 'Jl. Kenanga Ungu No. 77, Liwa', phone: '0812 7766 5544', motherName: pa.motherName, kpj: pa.kpj } });
  a.address = 'Jl. Kenanga Ungu No. 77, Liwa';
  a.phone = '0812 7766 5544';
  const engB = (await api.ok('person.get', { personId: b.id })).current!;
  const spaced = b.nik.replace(/(\d{4})(?=\d)/g, '$1 ');
  await api.ok('engagement.end', { engagementId: engB.id, endDate: '2026-03-31', reason: `Pindah; NIK ${spaced}, KPJ ${b.kpj}, HP ${b.phone}` });
  const dotted = c.nik.replace(/(\d{4})(?=\d)/g, '$1.');
  await api.ok('incident.save', { personId: c.id, kind: 'accident', date: '2026-03-05', place: 'Kantor', description: `Terjatuh; NIK ${dotted}, ibu ${c.mother_name}, alamat ${c.address}` });
  await billOnTime(ctx, [MONTH]);
  // The signed SK's scan on the first decree, so viewing and saving it are walked too.
  scanDecree = (await store.one<{ id: number }>(sql`SELECT min(id) AS id FROM decree`))!.id;
  host.openQueue.push(join(import.meta.dirname, '../fixtures/files/sk-scan.png'));
  expect((await api.ok('decree.attachScan', { decreeId: scanDecree }))?.mediaType).toBe('image/png');
  // A batch of registrations written as admin, so bpjs.batch has items to show the other roles.
  host.folderQueue.push(ctx.dir);
  expect((await api.ok('bpjs.export', { kind: 'new' }))?.batchId).toBeGreaterThan(0);
}, 120_000);
afterAll(() => ctx.close());

/** roster.list as the attacker: does the search put this person on the page? */
async function found(personId: number, search: string): Promise<boolean> {
  const page = await api.ok('roster.list', { month: MONTH, status: 'all', search, limit: 1000 });
  return page.rows.some((r) => r.personId === personId);
}

/**
 * The attack of issue 17: start from the digits the mask shows and extend the prefix one digit at a
 * time, keeping a digit the search answers to and backing up at a dead end. An answer that is only a
 * prefix of what is already known (the NIK, when spelling out a short KPJ the mask shows nothing of) is
 * not taken. Returns what it spelled out, or null.
 */
async function probe(personId: number, value: string, known: string | null = null): Promise<string | null> {
  const walk = async (prefix: string): Promise<string | null> => {
    if (prefix.length === value.length) return known?.startsWith(prefix) ? null : prefix;
    for (let d = 0; d <= 9; d++) {
      const next = `${prefix}${d}`;
      if (!(await found(personId, next))) continue;
      const got = await walk(next);
      if (got !== null) return got;
    }
    return null;
  };
  return walk(maskId(value).replace(/\*.*$/, ''));
}

async function attack(): Promise<{ niks: number; kpjs: number }> {
  let niks = 0;
  let kpjs = 0;
  for (const p of people) {
    const nik = await probe(p.id, p.nik);
    if (nik === p.nik) niks++;
    if (p.kpj !== null && (await probe(p.id, p.kpj, nik)) === p.kpj) kpjs++;
  }
  return { niks, kpjs };
}

describe('probing roster.list digit by digit', () => {
  it('recovers every NIK and KPJ for hr (the oracle works: the search is by identity there)', async () => {
    await api.signInAs('hr');
    expect(await attack()).toEqual({ niks: 24, kpjs: 20 });
  }, 240_000);

  for (const role of ['viewer', 'finance'] as const) {
    it(`recovers nothing as ${role}: 0 of 24 NIKs and 0 of 20 KPJs; names still found, NIK sort is name sort`, async () => {
      await api.signInAs(role);
      expect([people.length, people.filter((p) => p.kpj !== null).length]).toEqual([24, 20]);
      expect(await attack()).toEqual({ niks: 0, kpjs: 0 });
      // Not even a whole number typed at once, spaced or dotted.
      for (const p of people.slice(0, 6)) {
        expect(await found(p.id, p.nik), p.nik).toBe(false);
        expect(await found(p.id, p.nik.replace(/(\d{4})(?=\d)/g, '$1 ')), p.nik).toBe(false);
        if (p.kpj) expect(await found(p.id, p.kpj), p.kpj).toBe(false);
        expect(await found(p.id, p.name), p.name).toBe(true);
      }
      const byNik = await api.ok('roster.list', { month: MONTH, status: 'all', sort: 'nik', limit: 1000 });
      const byName = await api.ok('roster.list', { month: MONTH, status: 'all', sort: 'name', limit: 1000 });
      expect(byNik.rows.map((r) => r.personId)).toEqual(byName.rows.map((r) => r.personId));
    }, 240_000);
  }
});

/** Every way a seeded private value could be written in a reply. */
function secretsOf(p: Seeded): { what: string; value: string }[] {
  const [y, m, d] = p.birth_date.split('-');
  return [
    { what: 'NIK', value: p.nik },
    { what: 'KPJ', value: p.kpj ?? '' },
    { what: 'birth date', value: p.birth_date },
    { what: 'birth date', value: formatDateId(p.birth_date) },
    { what: 'birth date', value: `${d}-${m}-${y}` },
    { what: 'birth date', value: `${d}/${m}/${y}` },
    { what: "mother's name", value: p.mother_name ?? '' },
    { what: 'address', value: p.address },
    { what: 'phone', value: p.phone },
    { what: 'phone', value: p.phone.replace(/\D/g, '') },
  ].filter((s) => s.value !== '');
}

/** Text with the spaces and dots between digits taken out, so `3201 0101 …` is seen as `32010101…`. */
const joined = (text: string) => text.replace(/(?<=\d)[ .](?=\d)/g, '');

async function xlsxText(path: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void out.push(String(cell.text)))));
  return out.join('\n');
}

/**
 * Calls finance and viewer may make that are not called below, each with why its reply cannot carry a
 * person. The test fails when a new call is neither called nor named here.
 */
const NOT_CALLED: Record<string, string> = {
  'auth.setup': 'first run only; answers the session status',
  'auth.login': 'answers the session status (user name and role), called by the harness on every sign-in',
  'auth.logout': 'answers null',
  'auth.unlock': 'answers the session status',
  'auth.changePassword': 'answers the session status, called by the harness',
  'print.invoicePdf': 'prints the HTML of print.invoice (scanned below) to a PDF file; answers the path',
  'print.recapPdf': 'prints the HTML of print.recap (scanned) to a PDF; answers the path',
  'print.reminderPdf': 'prints the HTML of print.reminder (scanned) to a PDF; answers the path',
  'coverage.reportPdf': 'prints the HTML of coverage.report (scanned) to a PDF; answers the path',
  'coverage.yearlyPdf': 'prints the HTML of coverage.yearlyDoc (scanned) to a PDF; answers the path',
  'forecast.pdf': 'prints the HTML of forecast.doc (scanned) to a PDF; answers the path',
  'rates.save': 'writes a rate; answers null',
  'rates.delete': 'deletes a rate; answers null',
  'rates.saveBrackets': 'writes rate brackets; answers null',
  'payment.record': 'records a payment; answers its id',
  'bpjsPayment.record': "records the Pemda's bill or payment to BPJS; answers the record, which names no person",
  'invoice.issue': 'issues one invoice; answers null',
  'billing.issueAll': 'issues the month; answers a count',
  'files.reveal': 'asks the host to show a file this caller saved; answers null',
};

describe('no reply to finance or viewer carries a private value of a seeded person', () => {
  for (const role of ['viewer', 'finance'] as const satisfies readonly Role[]) {
    it(`${role}: every call it may make, with real inputs`, async () => {
      await api.signInAs(role);
      const invoices = (await api.ok('invoice.list', { month: MONTH, limit: 500 })).rows.map((i) => i.id);
      expect(invoices.length).toBeGreaterThan(0);
      const inputs: Partial<Record<ChannelName, () => unknown[] | Promise<unknown[]>>> = {
        'app.info': () => [{}],
        'dashboard.summary': () => [{ month: MONTH }],
        'roster.list': () => [{ month: MONTH, status: 'all', limit: 1000 }, { month: MONTH, status: 'all', search: people[0]!.name }],
        'roster.options': () => [{}],
        'person.get': () => people.map((p) => ({ personId: p.id })),
        'decree.list': () => [{}],
        'settings.employer': () => [{}],
        'opd.list': () => [{}],
        'opd.aliases': () => [{}],
        'category.list': () => [{}],
        'billing.months': () => [{}],
        'billing.run': () => [{ month: '2026-04' }],
        'billing.arrears': () => [{ asOf: '2026-06-30' }],
        'invoice.list': () => [{ month: MONTH }],
        'invoice.get': () => invoices.map((invoiceId) => ({ invoiceId })),
        'invoice.lines': () => invoices.map((invoiceId) => ({ invoiceId, limit: 500 })),
        'invoice.saveXlsx': () => invoices.slice(0, 2).map((invoiceId) => {
          host.saveQueue.push(join(ctx.dir, `${role}-${invoiceId}.xlsx`));
          return { invoiceId };
        }),
        'roster.saveXlsx': () => {
          host.saveQueue.push(join(ctx.dir, `${role}-pegawai.xlsx`));
          return [{ month: MONTH }];
        },
        'rates.list': () => [{}],
        'bpjs.preflight': () => [{}],
        'bpjs.pending': () => (['new', 'na', 'wage', 'bpu'] as const).map((kind) => ({ kind, status: 'all', limit: 500 })),
        'bpjs.profiles': () => [{}],
        'bpjs.batches': () => [{}],
        'bpjs.batch': async () => (await api.ok('bpjs.batches', {})).map((x: { id: number }) => ({ batchId: x.id })),
        'bpjs.chooseFile': () => [{ purpose: 'bill' }],
        'bpjs.reconcile': async () => {
          const bill = join(ctx.dir, `tagihan-${role}.xlsx`);
          await writeBill(bill, MONTH, people.slice(0, 6).map((p, i) => ({ nik: i % 2 ? p.nik : null, kpj: p.kpj, name: p.name, jkk: 1000 + i, jkm: 3000 })));
          host.openQueue.push(bill);
          const file = (await api.ok('bpjs.chooseFile', { purpose: 'bill' }))!;
          return [{ token: file.token, month: MONTH }];
        },
        'auth.status': () => [{}],
        'auth.touch': () => [{}],
        'settings.lockMinutes': () => [{}],
        'print.invoice': () => invoices.slice(0, 4).map((invoiceId) => ({ invoiceId, paper: 'A4', attachment: true })),
        'print.recap': () => [{ month: MONTH, paper: 'A4' }],
        'print.reminder': async () => (await api.ok('billing.arrears', { asOf: '2026-06-30' })).units.slice(0, 3).map((u: { opdId: number }) => ({ opdId: u.opdId, paper: 'A4', asOf: '2026-06-30' })),
        'coverage.summary': () => [{ month: MONTH }],
        'coverage.settings': () => [{}],
        'coverage.report': () => [{ month: MONTH, paper: 'A4' }],
        'coverage.yearly': () => [{ year: 2026 }],
        'coverage.yearlyDoc': () => [{ year: 2026, paper: 'A4' }],
        'coverage.yearlyXlsx': () => {
          host.saveQueue.push(join(ctx.dir, `${role}-cakupan.xlsx`));
          return [{ year: 2026 }];
        },
        'forecast.run': () => [{ year: 2026 }],
        'forecast.doc': () => [{ year: 2026, paper: 'A4' }],
        'forecast.xlsx': () => {
          host.saveQueue.push(join(ctx.dir, `${role}-proyeksi.xlsx`));
          return [{ year: 2026 }];
        },
        'incident.list': () => [{}],
        'registration.list': () => [{}],
        'person.billing': () => people.map((p) => ({ personId: p.id, month: MONTH })),
        'decree.records': () => [{}],
        'decree.viewScan': () => [{ decreeId: scanDecree }],
        'decree.saveScan': () => {
          host.saveQueue.push(join(ctx.dir, `${role}-pindaian.png`));
          return [{ decreeId: scanDecree }];
        },
        'bpjsPayment.month': () => [{ month: MONTH }],
        'bpjsPayment.history': async () => (await api.ok('bpjsPayment.month', { month: MONTH })).map((s) => ({ npp: s.npp, month: MONTH, segment: s.segment })),
        'bpjsPayment.readBill': async () => {
          const bill = join(ctx.dir, `tagihan-bpjs-${role}.xlsx`);
          await writeBill(bill, MONTH, people.slice(0, 6).map((p) => ({ nik: p.nik, kpj: p.kpj, name: p.name, jkk: 1000, jkm: 3000 })));
          host.openQueue.push(bill);
          return [{ month: MONTH }];
        },
      };
      const mayMake = CHANNELS.filter((n) => mayCall(role, n) || PUBLIC_CALLS.has(n));
      expect(mayMake.filter((n) => !inputs[n] && !NOT_CALLED[n]), 'calls neither called nor explained').toEqual([]);

      const texts: { call: string; text: string }[] = [];
      let calls = 0;
      for (const name of mayMake) {
        const make = inputs[name];
        if (!make) continue;
        for (const input of await make()) {
          const r = await api.raw(name, input);
          expect(r.ok, `${name} ${JSON.stringify(input)}: ${r.ok ? '' : r.error.message}`).toBe(true);
          calls++;
          texts.push({ call: name, text: JSON.stringify(r) });
          const path = r.ok && r.value && typeof r.value === 'object' && 'path' in r.value ? String((r.value as { path: string }).path) : null;
          if (path?.endsWith('.xlsx')) texts.push({ call: `${name} (file)`, text: await xlsxText(path) });
        }
      }
      expect(calls).toBeGreaterThan(people.length + 40);
      expect(texts.some((t) => t.call.endsWith('(file)'))).toBe(true);
      // The calls that list waiting people and a written batch did return people (else they prove nothing).
      for (const name of ['bpjs.pending', 'bpjs.batch', 'invoice.lines', 'incident.list', 'bpjs.reconcile'].filter((n) => mayCall(role, n))) {
        expect(texts.some((t) => t.call === name && t.text.includes('"personId":')), name).toBe(true);
      }

      // Values that are also public (a mother's name that is someone's name) cannot count as a leak.
      const names = new Set(people.map((p) => p.name));
      const leaks: string[] = [];
      let checked = 0;
      for (const p of people) {
        for (const s of secretsOf(p)) {
          if (names.has(s.value)) continue;
          checked++;
          for (const t of texts) if (t.text.includes(s.value) || joined(t.text).includes(s.value)) leaks.push(`${t.call}: ${s.what} ${s.value} of ${p.name}`);
        }
      }
      expect(checked).toBeGreaterThan(people.length * 8);
      expect(leaks.slice(0, 20)).toEqual([]);
      // What they do get: the mask, the birth year, and the word for what is hidden.
      const page = await api.ok('roster.list', { month: MONTH, status: 'all', limit: 1000 });
      const row = page.rows.find((r) => r.personId === people[3]!.id)!;
      expect(row).toMatchObject({ nik: maskId(people[3]!.nik), kpj: maskId(people[3]!.kpj!), birthDate: null, birthYear: Number(people[3]!.birth_date.slice(0, 4)), identityHidden: true });
      const d = await api.ok('person.get', { personId: people[0]!.id });
      expect(d.person).toMatchObject({ birthDate: null, address: null, phone: null, motherName: null, identityHidden: true, birthPlace: expect.any(String) });
      const changed = d.audit.find((x) => x.action === 'update' && x.after && typeof x.after === 'object' && 'phone' in x.after)!;
      expect(changed.after).toMatchObject({ phone: 'disembunyikan', address: 'disembunyikan' });
    }, 240_000);
  }

  it('finance: a refusal that quotes a NIK from a file (one digit too many) masks it too', async () => {
    await api.signInAs('finance');
    const p = people[4]!;
    const bill = join(ctx.dir, 'tagihan-salah.xlsx');
    await writeBill(bill, MONTH, [{ nik: `${p.nik}7`, kpj: null, name: p.name, jkk: 1000, jkm: 3000 }]);
    host.openQueue.push(bill);
    const file = (await api.ok('bpjs.chooseFile', { purpose: 'bill' }))!;
    const r = await api.call('bpjs.reconcile', { token: file.token, month: MONTH });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('NIK harus 16 angka');
    expect(r.error.message).toContain(`${p.nik.slice(0, 4)}*********${p.nik.slice(-3)}7`);
    expect(joined(r.error.message)).not.toContain(p.nik);
  }, 120_000);

  it('admin still gets every value in full (the scan above would find them)', async () => {
    await api.signInAs('admin');
    const d = await api.ok('person.get', { personId: people[1]!.id });
    expect(d.person).toMatchObject({ nik: people[1]!.nik, kpj: people[1]!.kpj, birthDate: people[1]!.birth_date, phone: people[1]!.phone, address: people[1]!.address });
    const ended = d.audit.find((x) => x.action === 'end')!;
    expect(ended.summary).toContain(people[1]!.kpj);
  }, 120_000);
});
