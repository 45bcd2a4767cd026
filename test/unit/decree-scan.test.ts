/**
 * The signed SK's scan: checked by content (fixtures made by LibreOffice and pdftoppm:
 * test/fixtures/files/make-scans.sh), stored in the database with its SHA-256, shown (images inline,
 * PDFs through the host's viewer), saved, gated by role, audited, and carried by backups.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '../../electron/core/demo/index';
import { createBackup } from '../../electron/core/backup/create';
import { restoreBackup } from '../../electron/core/backup/restore';
import { checkScan } from '../../electron/core/decree/scan-check';
import { listScans, readScan, readScanFile } from '../../electron/core/decree/scan-store';
import { decreeRecords } from '../../electron/core/decree/records';
import { listAudit } from '../../electron/core/audit-query';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { SigapError } from '../../shared/errors';
import { testContext, testEngine } from '../helpers';
import { sqliteOf } from '../../electron/core/context';
import { bridge, testHost, type TestHost } from '../api-harness';

const FIX = join(__dirname, '../fixtures/files');
const PDF = join(FIX, 'sk-scan.pdf');
const PNG = join(FIX, 'sk-scan.png');
const JPG = join(FIX, 'sk-scan.jpg');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext('2026-03-10T03:00:00Z');
});
afterEach(() => ctx.close());

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SigapError);
    return (e as SigapError).message;
  }
  throw new Error('expected a refusal');
}

describe('what counts as a scan', () => {
  it('accepts the PDF LibreOffice wrote and the page images, by their bytes', () => {
    expect(checkScan(readFileSync(PDF), 'sk.pdf')).toBe('application/pdf');
    expect(checkScan(readFileSync(PNG), 'sk.png')).toBe('image/png');
    expect(checkScan(readFileSync(JPG), 'sk.jpg')).toBe('image/jpeg');
    // The name does not matter: a PDF called .png is still a PDF.
    expect(checkScan(readFileSync(PDF), 'foto.png')).toBe('application/pdf');
  });

  it('refuses, naming the file: a workbook called .pdf, cut-off files, a broken PNG header, an empty file', () => {
    const xlsx = readFileSync(join(FIX, 'lampiran-lo.xlsx'));
    expect(refusal(() => checkScan(xlsx, 'SK 800-12.pdf'))).toBe(
      'Berkas "SK 800-12.pdf" tidak dapat dilampirkan sebagai pindaian SK: isinya bukan PDF, JPEG, atau PNG (isi berkas yang diperiksa, bukan namanya). Simpan pindaian sebagai PDF atau gambar JPEG/PNG.',
    );
    const pdf = readFileSync(PDF);
    expect(refusal(() => checkScan(pdf.subarray(0, pdf.length - 2000), 'potong.pdf'))).toContain('"potong.pdf"');
    expect(refusal(() => checkScan(pdf.subarray(0, pdf.length - 2000), 'potong.pdf'))).toContain('terpotong (tanda akhir %%EOF tidak ada)');
    const jpg = readFileSync(JPG);
    expect(refusal(() => checkScan(jpg.subarray(0, 4000), 'foto.jpg'))).toContain('JPEG-nya terpotong');
    const png = readFileSync(PNG);
    expect(refusal(() => checkScan(png.subarray(0, 5000), 'foto.png'))).toContain('PNG-nya terpotong');
    const badHeader = Buffer.from(png);
    badHeader.write('IHDX', 12, 'latin1');
    expect(refusal(() => checkScan(badHeader, 'rusak.png'))).toContain('IHDR tidak sah');
    expect(refusal(() => checkScan(Buffer.alloc(0), 'kosong.pdf'))).toContain('berkasnya kosong');
  });

  it('refuses a file over 20 MB by its size, before reading it', () => {
    const big = join(ctx.dir, 'besar.pdf');
    copyFileSync(PDF, big);
    truncateSync(big, 21 * 1024 * 1024); // sparse: 21 MB on paper, nothing read
    expect(refusal(() => readScanFile(big))).toBe(
      'Berkas "besar.pdf" tidak dapat dilampirkan sebagai pindaian SK: ukurannya 21 MB, melebihi batas 20 MB. Pindai ulang dengan resolusi lebih rendah (mis. 150 dpi) atau hitam-putih.',
    );
  });
});

describe('the scan over the bridge', () => {
  let host: TestHost & { shownPdfs: { bytes: Uint8Array; title: string }[] };
  let decreeId: number;
  beforeEach(async () => {
    await seedDemo(ctx, { persons: 10, year: 2026 });
    decreeId = (await decreeRecords(ctx))[0]!.decreeId; // ordered by id: the first
    const shownPdfs: { bytes: Uint8Array; title: string }[] = [];
    host = Object.assign(testHost(), { shownPdfs, showPdf: async (bytes: Uint8Array, title: string) => void shownPdfs.push({ bytes, title }) });
  });

  it('attaches a PDF, keeps its SHA-256, shows it through the viewer, saves it byte for byte, and audits the attach', async () => {
    const api = bridge(ctx, host);
    host.openQueue.push(PDF);
    const meta = await api.ok('decree.attachScan', { decreeId });
    const bytes = readFileSync(PDF);
    expect(meta).toMatchObject({ decreeId, mediaType: 'application/pdf', size: bytes.length, sha256: sha(bytes), originalName: 'sk-scan.pdf', createdBy: 'admin' });
    const number = meta!.number;
    expect(await api.ok('decree.viewScan', { decreeId })).toEqual({ kind: 'pdf', name: `Pindaian SK ${number.replace(/\//g, '-')}.pdf` });
    expect(host.shownPdfs).toHaveLength(1);
    expect(Buffer.from(host.shownPdfs[0]!.bytes).equals(bytes)).toBe(true);
    expect(host.shownPdfs[0]!.title).toBe(`Pindaian SK ${number}`);
    const out = join(ctx.dir, 'unduh.pdf');
    host.saveQueue.push(out);
    expect(await api.ok('decree.saveScan', { decreeId })).toMatchObject({ path: out });
    expect(readFileSync(out).equals(bytes)).toBe(true);
    const audit = (await listAudit(ctx, { entity: 'decree_attachment' })).rows.filter((a) => a.entityId === decreeId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'admin', action: 'create', summary: `Pindaian SK ${number} dilampirkan: sk-scan.pdf` });
    expect(audit[0]!.after).toEqual({ file: 'sk-scan.pdf', media_type: 'application/pdf', size: bytes.length, sha256: sha(bytes) });
    const records = await api.ok('decree.records', {});
    expect(records.find((r) => r.decreeId === decreeId)).toMatchObject({ status: 'applied', scan: { sha256: sha(bytes) } });
  });

  it('shows an image inline as a data: URL and replaces the scan on a second attach (audited as a change)', async () => {
    const api = bridge(ctx, host);
    host.openQueue.push(PDF, PNG);
    await api.ok('decree.attachScan', { decreeId });
    await api.ok('decree.attachScan', { decreeId });
    const view = await api.ok('decree.viewScan', { decreeId });
    expect(view.kind).toBe('image');
    const dataUrl = (view as { dataUrl: string }).dataUrl;
    expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(dataUrl.split(',')[1]!, 'base64').equals(readFileSync(PNG))).toBe(true);
    expect(host.shownPdfs).toEqual([]);
    const actions = (await listAudit(ctx, { entity: 'decree_attachment' })).rows.sort((a, b) => a.id - b.id).map((a) => a.action);
    expect(actions.join(',')).toBe('create,update');
  });

  it('refuses a wrong file with a message naming it, and stores nothing', async () => {
    const api = bridge(ctx, host);
    const fake = join(ctx.dir, 'SK ditandatangani.pdf');
    writeFileSync(fake, readFileSync(join(FIX, 'lampiran-lo.xlsx')));
    host.openQueue.push(fake);
    const r = await api.call('decree.attachScan', { decreeId });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Berkas "SK ditandatangani.pdf" tidak dapat dilampirkan') });
    expect(await listScans(ctx)).toHaveLength(0);
  });

  it('lets every role view and save, only hr and admin attach', async () => {
    const admin = bridge(ctx, host);
    host.openQueue.push(JPG);
    await admin.ok('decree.attachScan', { decreeId });
    await admin.signInAs('viewer');
    expect((await admin.ok('decree.viewScan', { decreeId })).kind).toBe('image');
    host.openQueue.push(PNG);
    const denied = await admin.call('decree.attachScan', { decreeId });
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
    await admin.signInAs('hr');
    host.openQueue.length = 0;
    host.openQueue.push(PNG);
    expect(await admin.ok('decree.attachScan', { decreeId })).toMatchObject({ mediaType: 'image/png', createdBy: 'uji-hr' });
  });

  // The file backup and its restore are the embedded database's (PostgreSQL: pg_dump, tested apart).
  it.runIf(testEngine === 'sqlite')('is in the backup: a restore brings the same bytes back', async () => {
    const api = bridge(ctx, host);
    host.openQueue.push(PDF);
    await api.ok('decree.attachScan', { decreeId });
    const dir = join(ctx.dir, 'cadangan');
    const b = await createBackup(ctx, dir, 'manual');
    await storeOf(ctx).run(sql`DELETE FROM decree_attachment`);
    const old = sqliteOf(ctx);
    const { db } = await restoreBackup(old, ctx.dbPath, b.path, { backupDir: dir, clock: ctx.clock, actor: 'test', closeCurrent: () => old.close() });
    ctx.db = db;
    const row = await readScan(ctx, decreeId);
    expect(row.bytes.equals(readFileSync(PDF))).toBe(true);
    expect(row.sha256).toBe(sha(readFileSync(PDF)));
  });
});
