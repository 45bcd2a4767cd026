import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../cli-harness';
import { tempDir, testDatabases } from '../helpers';
import { pdfInfo, pdfText, pts } from './print-pdf-tools';

const at = '2026-06-20T03:00:00Z';
const cli = (args: string[]) => runCli(args, { at, env: process.env });

interface Bill { invoices: { number: string; opd: string; opdCode: string; segment: string; persons: number; total: number }[]; total: number }

describe('sigap invoice pdf, recap-pdf, reminder-pdf', () => {
  let dir: string;
  let cleanup: () => void;
  let db: string;
  let bill: Bill;
  const dbs = testDatabases();
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    db = await dbs.next(dir, 'p.db');
    expect((await cli(['demo', '--persons', '300', '--db', db])).code).toBe(0);
    // Issued on time (10 March), so the March invoices keep their rule's due dates and are late by June.
    const r = await runCli(['bill', '--month', '2026-03', '--issue', '--json', '--db', db], { at: '2026-03-10T03:00:00Z', env: process.env });
    expect(r.code).toBe(0);
    bill = r.json<Bill>();
  });
  afterAll(async () => {
    await dbs.closeAll();
    cleanup();
  });

  it('prints an issued invoice with its attachment, A4 by default', async () => {
    const inv = bill.invoices.filter((i) => i.segment === 'PU').sort((a, b) => b.persons - a.persons)[0]!;
    const out = join(dir, 'tagihan.pdf');
    const r = await cli(['invoice', 'pdf', inv.number, '--out', out, '--db', db]);
    expect(r.code).toBe(0);
    const info = pdfInfo(out);
    expect(r.stdout).toContain(`${info.pages} halaman A4 disimpan ke ${out}`);
    expect(info.width).toBeCloseTo(pts(210), 0);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    expect(existsSync(`${out}.tmp`)).toBe(false);
    const text = pdfText(out);
    expect(text).toContain(inv.number);
    expect(text).toContain(inv.opd);
    expect(text).toContain(`Rp${new Intl.NumberFormat('id-ID').format(inv.total)}`);
    expect(text).toContain('LAMPIRAN');
    expect(text).toContain(`JUMLAH (${inv.persons} orang)`);
  }, 60_000);

  it('prints the letter alone on F4 with --no-attachment', async () => {
    const inv = bill.invoices[0]!;
    const out = join(dir, 'f4.pdf');
    const r = await cli(['invoice', 'pdf', inv.number, '--out', out, '--paper', 'f4', '--no-attachment', '--db', db]);
    expect(r.code).toBe(0);
    const info = pdfInfo(out);
    expect(info.pages).toBe(1);
    expect(info.width).toBeCloseTo(pts(215), 0);
    expect(info.height).toBeCloseTo(pts(330), 0);
    expect(pdfText(out)).not.toContain('LAMPIRAN');
  }, 60_000);

  it('prints the month recap', async () => {
    const out = join(dir, 'rekap.pdf');
    const r = await cli(['invoice', 'recap-pdf', '--month', '2026-03', '--out', out, '--db', db]);
    expect(r.code).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('REKAPITULASI IURAN BPJS KETENAGAKERJAAN');
    expect(text).toContain(`Rp${new Intl.NumberFormat('id-ID').format(bill.total)}`);
    for (const i of bill.invoices.slice(0, 5)) expect(text).toContain(i.number);
  }, 60_000);

  it('prints a reminder letter for a unit in arrears', async () => {
    const inv = bill.invoices.find((i) => i.segment === 'PU')!;
    const out = join(dir, 'surat.pdf');
    const r = await cli(['invoice', 'reminder-pdf', '--opd', inv.opdCode, '--as-of', '2026-06-20', '--out', out, '--db', db]);
    expect(r.code).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('Perihal');
    expect(text).toContain(inv.number);
    expect(text).toContain('PERKIRAAN');
  }, 60_000);

  it('explains bad arguments and unknown invoices or units', async () => {
    expect((await cli(['invoice', 'pdf', '--out', join(dir, 'x.pdf'), '--db', db])).code).toBe(2);
    const paper = await cli(['invoice', 'pdf', bill.invoices[0]!.number, '--out', join(dir, 'x.pdf'), '--paper', 'A3', '--db', db]);
    expect(paper.code).toBe(2);
    expect(paper.stderr).toContain('--paper A4|F4');
    expect((await cli(['invoice', 'recap-pdf', '--month', '2026-13', '--out', join(dir, 'x.pdf'), '--db', db])).code).toBe(2);
    const unknown = await cli(['invoice', 'pdf', 'IUR/2026/03/99/001', '--out', join(dir, 'x.pdf'), '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('tidak ditemukan');
    const unit = await cli(['invoice', 'reminder-pdf', '--opd', 'NOPE', '--out', join(dir, 'x.pdf'), '--db', db]);
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain('Unit dengan kode "NOPE" tidak ditemukan');
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  }, 60_000);
});
