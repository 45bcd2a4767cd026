import { basename } from 'node:path';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { cellText } from '../sheets/cells';
import { columnRef, dateOfCell, digitsOfCell, findColumns, locate, nameKey, type ImportProblem } from './import-problems';
import { readTable, type Table } from './table-read';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { participantRepo } from './participant-repository';

const COLUMNS = {
  nik: ['NIK', 'NO_KTP', 'NOMOR_IDENTITAS', 'NO_IDENTITAS', 'NOMOR_INDUK_KEPENDUDUKAN'],
  name: ['NAMA', 'NAMA_LENGKAP', 'NAMA_TK', 'NAMA_PESERTA', 'NAMA_TENAGA_KERJA'],
  kpj: ['KPJ', 'NO_KPJ', 'NOMOR_KPJ', 'NO_PESERTA', 'NOMOR_PESERTA'],
  since: ['TGL_KEPESERTAAN', 'TANGGAL_KEPESERTAAN', 'TMT_KEPESERTAAN', 'TGL_KEPESERTAAN_AWAL', 'TGL_DAFTAR', 'TANGGAL_DAFTAR', 'TGL_AKTIF'],
} as const;

export interface KpjUpdate {
  personId: number;
  nik: string;
  name: string;
  kpj: string;
  memberSince: string | null;
  /** The KPJ Sigap had (null: none; a different one is replaced and reported). */
  previousKpj: string | null;
  row: number;
}

export interface KpjImportPreview {
  file: string;
  path: string;
  sha256: string;
  sheet: string;
  rows: number;
  updates: KpjUpdate[];
  /** Rows that block the import: nothing is written while there are any. */
  errors: ImportProblem[];
  /** Unknown NIKs (not applied), name mismatches and replaced KPJs (applied): for the clerk to look at. */
  warnings: ImportProblem[];
}

function isKpjHeader(headers: string[]): boolean {
  const c = findColumns(headers, COLUMNS);
  return c.nik !== undefined && c.kpj !== undefined;
}

interface ParsedLine { row: number; nik: string; name: string; kpj: string; since: string | null }

/** Reads the branch's participant list (xlsx or csv) and matches it with the roster. Writes nothing. */
export async function previewKpjImport(ctx: CoreContext, path: string): Promise<KpjImportPreview> {
  const table = await readTable(path, isKpjHeader, 'dengan NIK dan KPJ', basename(path));
  const parsed = parseLines(table);
  return { ...(await storeOf(ctx).tx('read', (q) => matchKpjLines(q, table, parsed))), path };
}

function parseLines(t: Table): { lines: ParsedLine[]; errors: ImportProblem[] } {
  const col = findColumns(t.headers, COLUMNS);
  const errors: ImportProblem[] = [];
  const lines: ParsedLine[] = [];
  const err = (row: number, index: number | undefined, code: string, message: string, extra: Partial<ImportProblem> = {}) =>
    errors.push({ sheet: t.sheet, row, ...(index === undefined ? { column: '', columnName: '' } : columnRef(t.headers, index)), code, message, ...extra });
  for (const r of t.rows) {
    const cell = (i: number | undefined) => (i === undefined ? null : (r.cells[i] ?? null));
    if (r.cells.every((c) => c === null || cellText(c) === '')) continue;
    const name = cellText(cell(col.name));
    const nikCell = cell(col.nik);
    if (typeof nikCell === 'number') {
      err(r.row, col.nik, 'NIK_NUMERIC', 'NIK tersimpan sebagai angka: Excel hanya menyimpan 15 digit, sehingga digit terakhir bisa berubah menjadi 0. Format kolom NIK sebagai Teks dan ketik ulang.', { name });
      continue;
    }
    const nik = digitsOfCell(nikCell) ?? '';
    if (!/^\d{16}$/.test(nik)) {
      err(r.row, col.nik, 'NIK_FORMAT', `NIK harus 16 angka, tertulis "${cellText(nikCell)}".`, { name });
      continue;
    }
    const kpj = digitsOfCell(cell(col.kpj)) ?? '';
    if (!/^\d{8,13}$/.test(kpj)) {
      err(r.row, col.kpj, 'KPJ_INVALID', `Nomor KPJ harus 8 sampai 13 angka, tertulis "${cellText(cell(col.kpj))}".`, { nik, name });
      continue;
    }
    const since = dateOfCell(cell(col.since));
    if (since === 'invalid') {
      err(r.row, col.since, 'DATE_INVALID', `Tanggal kepesertaan "${cellText(cell(col.since))}" tidak terbaca; tulis dd-mm-yyyy.`, { nik, name });
      continue;
    }
    lines.push({ row: r.row, nik, name, kpj, since });
  }
  return { lines, errors };
}

/** Matches parsed lines with persons; the apply runs it again inside its write transaction. */
async function matchKpjLines(q: Queries, t: Table, parsed: { lines: ParsedLine[]; errors: ImportProblem[] }): Promise<Omit<KpjImportPreview, 'path'>> {
  const col = findColumns(t.headers, COLUMNS);
  const errors = [...parsed.errors];
  const warnings: ImportProblem[] = [];
  const at = (row: number, index: number | undefined) => ({ sheet: t.sheet, row, ...(index === undefined ? { column: '', columnName: '' } : columnRef(t.headers, index)) });
  const seenNik = new Map<string, ParsedLine>();
  const seenKpj = new Map<string, ParsedLine>();
  const updates: KpjUpdate[] = [];
  // The file's people and the holders of its KPJs, read at once (nothing is written while matching).
  const people = await participantRepo.byNiks(q, parsed.lines.map((l) => l.nik));
  const holders = await participantRepo.kpjHolders(q, parsed.lines.map((l) => l.kpj));
  for (const l of parsed.lines) {
    const dupNik = seenNik.get(l.nik);
    if (dupNik) {
      if (dupNik.kpj !== l.kpj) errors.push({ ...at(l.row, col.kpj), code: 'NIK_DUPLICATE', message: `NIK ${l.nik} juga ada di baris ${dupNik.row} dengan KPJ lain (${dupNik.kpj}).`, nik: l.nik, name: l.name });
      continue;
    }
    const dupKpj = seenKpj.get(l.kpj);
    if (dupKpj) {
      errors.push({ ...at(l.row, col.kpj), code: 'KPJ_DUPLICATE', message: `KPJ ${l.kpj} juga tercantum untuk NIK ${dupKpj.nik} di baris ${dupKpj.row}.`, nik: l.nik, name: l.name });
      continue;
    }
    seenNik.set(l.nik, l);
    seenKpj.set(l.kpj, l);
    const p = people.get(l.nik);
    if (!p) {
      warnings.push({ ...at(l.row, col.nik), code: 'NIK_UNKNOWN', message: `NIK ${l.nik} (${l.name || 'tanpa nama'}) tidak ada di daftar pegawai Sigap; baris ini dilewati.`, nik: l.nik, name: l.name });
      continue;
    }
    const owner = holders.get(l.kpj)?.find((h) => h.nik !== l.nik);
    if (owner) {
      errors.push({ ...at(l.row, col.kpj), code: 'KPJ_TAKEN', message: `KPJ ${l.kpj} di Sigap tercatat milik ${owner.name} (NIK ${owner.nik}), bukan NIK ${l.nik}.`, nik: l.nik, name: l.name });
      continue;
    }
    if (l.name !== '' && nameKey(l.name) !== nameKey(p.name)) {
      warnings.push({ ...at(l.row, col.name), code: 'NAME_MISMATCH', message: `Nama di berkas "${l.name}" berbeda dengan di Sigap "${p.name}" untuk NIK ${l.nik}; KPJ tetap diisi (NIK yang dicocokkan). Periksa ejaan nama sesuai KTP.`, nik: l.nik, name: l.name });
    }
    if (p.kpj !== null && p.kpj !== l.kpj) {
      warnings.push({ ...at(l.row, col.kpj), code: 'KPJ_CHANGED', message: `KPJ ${p.name} diganti dari ${p.kpj} menjadi ${l.kpj} sesuai data kantor cabang.`, nik: l.nik, name: p.name });
    }
    updates.push({ personId: p.id, nik: l.nik, name: p.name, kpj: l.kpj, memberSince: l.since, previousKpj: p.kpj, row: l.row });
  }
  return { file: t.file, sha256: t.sha256, sheet: t.sheet, rows: parsed.lines.length + parsed.errors.length, updates, errors, warnings };
}

export interface KpjImportResult {
  importId: number;
  applied: number;
  kpjFilled: number;
  kpjReplaced: number;
}

/**
 * Fills KPJ numbers and records the membership for every matched row, in one transaction, after
 * matching the file again inside it. Any error row refuses the whole file.
 */
export async function applyKpjImport(ctx: CoreContext, preview: KpjImportPreview): Promise<KpjImportResult> {
  const table = await readTable(preview.path, isKpjHeader, 'dengan NIK dan KPJ', preview.file);
  if (table.sha256 !== preview.sha256) throw new SigapError('CONFLICT', `Berkas "${preview.file}" berubah sejak diperiksa; periksa ulang sebelum menyimpan.`);
  const parsed = parseLines(table);
  return storeOf(ctx).tx('write', async (q): Promise<KpjImportResult> => {
    await participantRepo.lockForKpjImport(q);
    const m = await matchKpjLines(q, table, parsed);
    if (m.errors.length > 0) {
      const first = m.errors.slice(0, 5).map((p) => locate(m.file, p)).join(' ');
      throw new SigapError('IMPORT_INVALID_ROWS', `${m.errors.length} baris bermasalah; tidak ada yang disimpan. ${first}${m.errors.length > 5 ? ' ...' : ''}`);
    }
    const now = nowIso(ctx);
    const importId = await participantRepo.insertKpjImport(q, { file: m.file, sha256: m.sha256, rows: m.rows, applied: m.updates.length, at: now, by: ctx.actor });
    let filled = 0;
    let replaced = 0;
    for (const u of m.updates) {
      if (u.previousKpj !== u.kpj) {
        await participantRepo.setKpj(q, u.personId, u.kpj, now);
        if (u.previousKpj === null) filled++;
        else replaced++;
        await audit(ctx, { action: 'update', entity: 'person', entityId: u.personId, summary: `${u.nik}: KPJ ${u.kpj} dari daftar peserta BPJS (${m.file} baris ${u.row})`, before: { kpj: u.previousKpj }, after: { kpj: u.kpj } });
      }
    }
    await participantRepo.saveMemberships(q, importId, now, m.updates);
    await audit(ctx, {
      action: 'import', entity: 'bpjs_kpj_import', entityId: importId,
      summary: `Daftar peserta BPJS ${m.file}: ${m.updates.length} cocok, ${filled} KPJ baru, ${replaced} KPJ diganti, ${m.warnings.filter((w) => w.code === 'NIK_UNKNOWN').length} NIK tidak dikenal`,
      after: { file: m.file, sha256: m.sha256, sheet: m.sheet, rows: m.rows },
    });
    return { importId, applied: m.updates.length, kpjFilled: filled, kpjReplaced: replaced };
  });
}
