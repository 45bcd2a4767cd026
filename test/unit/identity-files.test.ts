/**
 * NIK and KPJ in the files the core writes: a printed invoice (its Lampiran), its preview, and the
 * invoice's Excel copy. Finance and viewer get `3201********0001` / `1100***0001`, admin and hr the
 * full numbers; the CLI (no session gate: the machine's owner) the full numbers too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { bridge, testHost } from '../api-harness';
import { invoiceIdOf, printPemda, type PrintPemda } from './print-fixture';
import { pdfText } from './print-pdf-tools';
import { writeInvoiceXlsx } from '../../electron/core/billing/xlsx';
import { invoicePrint } from '../../electron/core/print/index';
import { maskId } from '../../shared/nik';
import { mayCall, type Role } from '../../shared/roles';
import { CHANNELS } from '../../shared/contract/index';
import { invoiceLines } from '../../electron/core/billing/invoices';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

describe('NIK and KPJ in written files, by role', () => {
  let p: PrintPemda;
  let api: ReturnType<typeof bridge>;
  let host: ReturnType<typeof testHost>;
  let invoiceId: number;
  let people: { nik: string; kpj: string }[];

  beforeAll(async () => {
    p = await printPemda({ bigCount: 3 });
    host = testHost();
    api = bridge(p.ctx, host);
    invoiceId = await invoiceIdOf(p.ctx, p.dinsos);
    people = (await invoiceLines(p.ctx, invoiceId)).map((l) => ({ nik: l.nik, kpj: l.kpj! })).sort((x, y) => (x.nik < y.nik ? -1 : x.nik > y.nik ? 1 : 0));
  });
  afterAll(() => p.ctx.close());

  const expectFull = (text: string) => {
    for (const x of people) {
      expect(text).toContain(x.nik);
      expect(text).toContain(x.kpj);
    }
  };
  const expectMasked = (text: string) => {
    for (const x of people) {
      expect(text).not.toContain(x.nik);
      expect(text).not.toContain(x.kpj);
      expect(text).toContain(maskId(x.nik));
      expect(text).toContain(maskId(x.kpj));
    }
  };

  it('has people with a NIK and a KPJ on the invoice (else the checks below prove nothing)', () => {
    expect(people.length).toBe(13);
    expect(people.every((x) => /^\d{16}$/.test(x.nik) && /^\d{11}$/.test(x.kpj))).toBe(true);
    expect(maskId(people[0]!.nik)).toMatch(/^3201\*{8}\d{4}$/);
    expect(maskId(people[0]!.kpj)).toMatch(/^1100\*{3}\d{4}$/);
  });

  const cases: [Role, boolean][] = [['admin', true], ['hr', true], ['finance', false], ['viewer', false]];
  for (const [role, full] of cases) {
    it(`${role}: the invoice PDF and its preview show NIK and KPJ ${full ? 'in full' : 'masked'}`, async () => {
      await api.signInAs(role);
      const out = join(p.ctx.dir, `tagihan-${role}.pdf`);
      host.saveQueue.push(out);
      expect(await api.ok('print.invoicePdf', { invoiceId, paper: 'A4' })).toMatchObject({ path: out });
      const text = pdfText(out);
      expect(text).toContain('LAMPIRAN');
      const preview = (await api.ok('print.invoice', { invoiceId, paper: 'A4' })).body;
      if (full) {
        expectFull(text);
        expectFull(preview);
      } else {
        expectMasked(text);
        expectMasked(preview);
      }
    }, 60_000);
  }

  const readDetail = async (path: string): Promise<{ nik: string; kpj: string }[]> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('Rincian')!;
    const rows: { nik: string; kpj: string }[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push({ nik: String(row.getCell(2).value), kpj: String(row.getCell(4).value) });
    });
    return rows.sort((a, b) => a.nik.localeCompare(b.nik));
  };

  it('admin: the invoice workbook has NIK and KPJ in full', async () => {
    await api.signInAs('admin');
    const out = join(p.ctx.dir, 'tagihan-admin.xlsx');
    host.saveQueue.push(out);
    expect(await api.ok('invoice.saveXlsx', { invoiceId })).toEqual({ path: out, rows: 13, fileId: expect.any(String) });
    expect(await readDetail(out)).toEqual(people);
  });

  it('finance: the invoice workbook has NIK and KPJ masked', async () => {
    await api.signInAs('finance');
    const out = join(p.ctx.dir, 'tagihan-finance.xlsx');
    host.saveQueue.push(out);
    expect(await api.ok('invoice.saveXlsx', { invoiceId })).toEqual({ path: out, rows: 13, fileId: expect.any(String) });
    const rows = await readDetail(out);
    expect(rows.map((r) => r.nik).sort()).toEqual(people.map((x) => maskId(x.nik)).sort());
    expect(rows.map((r) => r.kpj).sort()).toEqual(people.map((x) => maskId(x.kpj)).sort());
  });

  it('hr and viewer may not write the invoice workbook at all', async () => {
    for (const role of ['hr', 'viewer'] as const) {
      await api.signInAs(role);
      const r = await api.call('invoice.saveXlsx', { invoiceId });
      expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN');
    }
  });

  it('the other files finance and viewer can write carry no NIK or KPJ at all', async () => {
    // Every file-writing call open to finance or viewer, by name: a new one fails here until it is checked.
    const fileCalls = CHANNELS.filter((c) => /(pdf|xlsx)$/i.test(c) && (mayCall('finance', c) || mayCall('viewer', c))).sort();
    // The roster export carries NIK and KPJ masked for these roles: read back in identity-recovery.test.ts
    // (every file those roles can write, scanned) and roster-export.test.ts.
    const checkedElsewhere = ['invoice.saveXlsx', 'print.invoicePdf', 'roster.saveXlsx'];
    // Everyone's NIK and KPJ, unmasked: no core read lists the whole roster so, hence the store.
    const everyone = await storeOf(p.ctx).all<{ nik: string; kpj: string | null }>(sql`SELECT nik, kpj FROM person`);
    const calls: [string, Record<string, unknown>, 'pdf' | 'xlsx'][] = [
      ['print.recapPdf', { month: '2026-03', paper: 'A4' }, 'pdf'],
      ['print.reminderPdf', { opdId: p.dinsos, paper: 'A4', asOf: '2026-06-20' }, 'pdf'],
      ['coverage.reportPdf', { month: '2026-03', paper: 'A4' }, 'pdf'],
      ['coverage.yearlyPdf', { year: 2026, paper: 'A4' }, 'pdf'],
      ['coverage.yearlyXlsx', { year: 2026 }, 'xlsx'],
      ['forecast.pdf', { year: 2027, paper: 'A4' }, 'pdf'],
      ['forecast.xlsx', { year: 2027 }, 'xlsx'],
    ];
    expect([...calls.map(([c]) => c), ...checkedElsewhere].sort()).toEqual(fileCalls);
    // The reminder needs issued invoices in arrears.
    await api.signInAs('admin');
    await api.ok('billing.issueAll', { month: '2026-03' });
    await api.signInAs('viewer');
    for (const [name, input, kind] of calls) {
      const out = join(p.ctx.dir, `${name}.${kind}`);
      host.saveQueue.push(out);
      const r = await api.raw(name, input);
      expect(r.ok, `${name}: ${JSON.stringify(r)}`).toBe(true);
      let text: string;
      if (kind === 'pdf') text = pdfText(out);
      else {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(out);
        const cells: string[] = [];
        wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(String(c.value)))));
        text = cells.join(' ');
      }
      expect(text.length, name).toBeGreaterThan(100);
      for (const x of everyone) {
        expect(text, name).not.toContain(x.nik);
        if (x.kpj) expect(text, name).not.toContain(x.kpj);
      }
    }
  }, 120_000);

  it('signed out, a core behind a gate writes masked documents; the CLI (no gate) writes them in full', async () => {
    await api.signInAs('signedOut');
    expect(p.ctx.seesIdentity).toBe(false);
    expectMasked((await invoicePrint(p.ctx, invoiceId)).body);
    // The CLI's context: same database, no session gate, run by the machine's owner.
    const cli = { db: p.ctx.db, store: storeOf(p.ctx), actor: 'cli:uji', clock: p.ctx.clock };
    expectFull((await invoicePrint(cli, invoiceId)).body);
    const out = join(p.ctx.dir, 'tagihan-cli.xlsx');
    expect(await writeInvoiceXlsx(cli, invoiceId, out)).toBe(13);
    expect(await readDetail(out)).toEqual(people);
  });
});
