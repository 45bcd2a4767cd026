import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { testContext } from '../helpers';
import { addEngagement, addPerson, setupRoster, type RosterSetup, auditRows } from '../fixtures/bpjs-roster';
import { exportBatch, listNaReasons, naReasonKind, saveNaReason } from '../../electron/core/bpjs/index';

let ctx: ReturnType<typeof testContext>;
let s: RosterSetup;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  s = await setupRoster(ctx);
});
afterEach(() => ctx.close());

async function sebabByKpj(path: string): Promise<Record<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const out: Record<string, string> = {};
  for (let r = 2; r <= ws.actualRowCount; r++) {
    const row = ws.getRow(r);
    out[String(row.getCell(header.indexOf('KPJ') + 1).value)] = String(row.getCell(header.indexOf('SEBAB_NA') + 1).value);
  }
  return out;
}

describe('SEBAB_NA as the portal codes it', () => {
  it('sorts Sigap end reasons into four kinds by their words', () => {
    expect(naReasonKind('Mengundurkan diri')).toBe('resign');
    expect(naReasonKind('Atas permintaan sendiri')).toBe('resign');
    expect(naReasonKind('Pensiun')).toBe('retirement');
    expect(naReasonKind('Diberhentikan dengan hormat')).toBe('dismissal');
    expect(naReasonKind('PHK')).toBe('dismissal');
    expect(naReasonKind('Tidak tercantum dalam SK 800/12/2026')).toBe('contract_end');
    expect(naReasonKind(null)).toBe('contract_end');
  });

  it('is seeded by migration 0200 with its source and a low confidence, and says where the code is unknown', async () => {
    const rows = await listNaReasons(ctx);
    expect(rows.map((r) => [r.reason, r.code, r.confidence])).toEqual([
      ['resign', 'A1', 'L'], ['retirement', 'A4', 'L'], ['dismissal', 'PHK', 'L'], ['contract_end', 'HABIS KONTRAK', 'L'],
    ]);
    expect(rows[0]!.source).toMatch(/sebab\.json/);
    expect(rows[3]!.note).toMatch(/Kode portal belum diketahui/);
  });

  it('writes the table code into data_tk_na, and an edit (audited) changes later files only', async () => {
    const resigned = await addPerson(ctx, { kpj: '11100000001' });
    await addEngagement(ctx, resigned.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2026-01-31', reason: 'Mengundurkan diri' });
    const retired = await addPerson(ctx, { kpj: '11100000002' });
    await addEngagement(ctx, retired.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2026-02-28', reason: 'Pensiun' });
    const out = join(ctx.dir, 'out');
    const first = await exportBatch(ctx, { kind: 'na', outDir: out });
    expect(await sebabByKpj(first.files[0]!.path)).toEqual({ '11100000001': 'A1', '11100000002': 'A4' });

    // The clerk copies the dismissal code from the branch's template (A2): only the next file uses it.
    const saved = await saveNaReason(ctx, { reason: 'dismissal', code: ' a2 ', source: 'Templat kantor cabang Liwa 2026' });
    expect([saved.code, saved.confidence, saved.source]).toEqual(['A2', 'H', 'Templat kantor cabang Liwa 2026']);
    const audit = (await auditRows(ctx, { entity: 'bpjs_na_reason' })).map((x) => ({ summary: x.summary!, before_json: x.beforeJson!, after_json: x.afterJson! }));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toMatch(/PHK → A2/);
    expect(JSON.parse(audit[0]!.before_json)).toMatchObject({ code: 'PHK' });

    const fired = await addPerson(ctx, { kpj: '11100000003' });
    await addEngagement(ctx, fired.id, { unit: s.dinas, category: s.pu, start: '2025-01-01', end: '2026-03-01', reason: 'Diberhentikan' });
    const second = await exportBatch(ctx, { kind: 'na', outDir: out });
    expect(await sebabByKpj(second.files[0]!.path)).toEqual({ '11100000003': 'A2' });
  });

  it('refuses codes a spreadsheet or the portal would misread', async () => {
    await expect(saveNaReason(ctx, { reason: 'resign', code: '' })).rejects.toThrow(/wajib diisi/);
    await expect(saveNaReason(ctx, { reason: 'resign', code: '=A1' })).rejects.toThrow(/diawali/);
    await expect(saveNaReason(ctx, { reason: 'resign', code: 'x'.repeat(41) })).rejects.toThrow(/40 karakter/);
    await expect(saveNaReason(ctx, { reason: 'wafat' as never, code: 'A9' })).rejects.toThrow(/tidak dikenal/);
    expect((await listNaReasons(ctx))[0]!.code).toBe('A1');
  });
});
