import { readFileSync, statSync } from 'node:fs';
import { excelSerialToIso } from '../../../shared/dates';
import { SigapError } from '../errors';
import type { Cell, SheetRow, SheetStream } from './cells';
import { VerticalMerges } from './merges';

/**
 * The largest .xls read. The format stops at 65,536 rows: LibreOffice's .xls of the bench's appendix cut
 * there (65,509 people, 8 columns) is 10.4 MB, and SheetJS parsing it peaks at 370 MB of RSS (the whole
 * workbook is held as objects), 421 MB for the whole read: about 36 MB of memory per MB of file. Past
 * 12 MB the 600 MB bound would not hold; such a file is asked for as .xlsx, which streams.
 */
export const XLS_MAX_BYTES = 12 * 1024 * 1024;
const MAX_COLUMNS = 1024;

/**
 * Reads an Excel 97-2003 workbook (.xls, BIFF8 in an OLE compound file) with SheetJS Community Edition
 * 0.20.3 as published on npm by @e965/xlsx. Why that package: npm's own `xlsx` is frozen at 0.18.5 with
 * two known CVEs (CVE-2023-30533 prototype pollution, fixed in 0.19.3; CVE-2024-22363 ReDoS, fixed in
 * 0.20.2) because SheetJS now publishes only on its own CDN; @e965/xlsx republishes those CDN releases
 * unchanged, with no dependencies. BIFF has no streaming form worth writing (the shared strings and
 * formats come first in one stream), and the 65,536-row format stays small, so reading the whole file
 * within XLS_MAX_BYTES is safe. Only .xls goes through it: .xlsx and .ods use our streaming readers.
 */
export async function* readXls(path: string, label: string): AsyncGenerator<SheetStream> {
  if (statSync(path).size > XLS_MAX_BYTES) {
    throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" (Excel lama, .xls) lebih besar dari ${XLS_MAX_BYTES / 1048576} MB. Simpan ulang dari Excel sebagai .xlsx, lalu impor lagi.`);
  }
  const XLSX = await import('@e965/xlsx');
  let wb: import('@e965/xlsx').WorkBook;
  try {
    // cellNF for date formats, cellStyles for hidden columns (!cols); no formatted text, HTML or formulas.
    wb = XLSX.read(readFileSync(path), { type: 'buffer', dense: true, cellNF: true, cellText: false, cellStyles: true, cellDates: false, cellHTML: false, cellFormula: false, WTF: false });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // SheetJS says "password-protected" for an .xls with a FILEPASS record and for an encrypted .xlsx
    // (an OLE file holding EncryptedPackage); other errors (a damaged file) get the general message.
    if (/password-protected|EncryptedPackage|Encryption ?Info/i.test(msg)) {
      throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File › Info › Protect Workbook › Encrypt with Password, kosongkan), simpan, lalu impor lagi.`);
    }
    throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" berformat Excel lama (.xls) tetapi tidak dapat dibaca: rusak, atau dilindungi kata sandi. Buka di Excel, hapus kata sandinya bila ada, lalu simpan sebagai .xlsx.`);
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  for (const [i, name] of wb.SheetNames.entries()) {
    const ws = wb.Sheets[name]!;
    const hiddenColumns = (ws['!cols'] ?? []).flatMap((c, i) => (c?.hidden && i < MAX_COLUMNS ? [i] : []));
    const hidden = Boolean(wb.Workbook?.Sheets?.[i]?.Hidden);
    yield { name, rows: rowsOf(ws, date1904, XLSX.SSF.is_date), hiddenColumns, ...(hidden ? { hidden } : {}) };
    // Each sheet's cells are dropped once read.
    delete wb.Sheets[name];
  }
}

type DenseSheet = import('@e965/xlsx').WorkSheet & { '!data'?: (import('@e965/xlsx').CellObject | undefined)[][] };

async function* rowsOf(ws: DenseSheet, date1904: boolean, isDate: (fmt: string) => boolean): AsyncGenerator<SheetRow> {
  const data = ws['!data'] ?? [];
  const rowInfo = ws['!rows'] ?? [];
  const merges = new VerticalMerges();
  for (const m of ws['!merges'] ?? []) merges.add({ r1: m.s.r + 1, c1: m.s.c, r2: m.e.r + 1, c2: m.e.c });
  for (let r = 0; r < Math.max(data.length, rowInfo.length); r++) {
    const src = data[r];
    const hidden = Boolean(rowInfo[r]?.hidden);
    if (!src && !hidden) continue;
    const cells: Cell[] = [];
    if (src) {
      for (let c = 0; c < Math.min(src.length, MAX_COLUMNS); c++) {
        const v = toCell(src[c], date1904, isDate);
        if (v === null) continue;
        while (cells.length < c) cells.push(null);
        cells[c] = v;
      }
    }
    const row: SheetRow = { row: r + 1, cells };
    if (hidden) row.hidden = true;
    if (merges.size > 0) merges.apply(row);
    yield row;
  }
}

function toCell(c: import('@e965/xlsx').CellObject | undefined, date1904: boolean, isDate: (fmt: string) => boolean): Cell {
  if (!c) return null;
  switch (c.t) {
    case 's':
      return typeof c.v === 'string' ? c.v : null;
    case 'b':
      return Boolean(c.v);
    case 'n': {
      const n = Number(c.v);
      if (!Number.isFinite(n)) return null;
      if (typeof c.z === 'string' && isDate(c.z)) {
        const iso = excelSerialToIso(date1904 ? n + 1462 : n);
        if (iso) return { iso };
      }
      return n;
    }
    case 'd':
      return c.v instanceof Date && !Number.isNaN(c.v.getTime()) ? { iso: c.v.toISOString().slice(0, 10) } : null;
    default:
      return null;
  }
}
