import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { SigapError } from '../errors';
import { checkZipDirectory } from './zip-guard';

/** The kinds of spreadsheet file Sigap reads. */
export type SheetKind = 'xlsx' | 'ods' | 'xls' | 'csv';

function readHead(path: string, n: number): Buffer {
  const b = Buffer.alloc(n);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, b, 0, n, 0);
  } finally {
    closeSync(fd);
  }
  return b;
}

/**
 * What a file from outside is, before anything inflates or parses it: an .xlsx or .ods (its zip
 * directory checked against truncation and zip bombs), an Excel 97-2003 .xls (an OLE compound file, or
 * a password-protected .xlsx, which read-xls.ts tells apart), or text for the CSV reader; anything else
 * (PDF, HTML, binary) is refused with a message naming the file. `asked` names the document to ask for.
 */
export function sniffSpreadsheet(path: string, label: string, asked = 'lampiran SK'): SheetKind {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" tidak ditemukan.`);
  }
  if (size === 0) throw new SigapError('FILE_EMPTY', `Berkas "${label}" kosong (0 byte).`);
  const head = readHead(path, Math.min(size, 8));
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const names = new Set(checkZipDirectory(path, label).map((e) => e.name.toLowerCase()));
    // An OpenDocument spreadsheet holds content.xml (and a mimetype part) instead of xl/workbook.xml.
    return !names.has('xl/workbook.xml') && !names.has('_rels/.rels') && names.has('content.xml') ? 'ods' : 'xlsx';
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" adalah PDF, bukan lembar kerja. Minta ${asked} dalam bentuk Excel (.xlsx, .xls) atau LibreOffice (.ods).`);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm' || ext === '.ods') {
    throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" bukan lembar kerja ${ext === '.ods' ? 'LibreOffice' : 'Excel'} yang sah (isinya bukan format ${ext}). Simpan ulang dari ${ext === '.ods' ? 'LibreOffice' : 'Excel'} sebagai ${ext}.`);
  }
  const sample = readHead(path, Math.min(size, 4096));
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  if (/^\s*</.test(sample.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, ''))) {
    throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" adalah halaman HTML/XML yang diberi nama lembar kerja. Buka di Excel lalu simpan sebagai .xlsx.`);
  }
  const controls = sample.filter((b) => b < 9 || (b > 13 && b < 32)).length;
  if (!utf16 && controls > sample.length * 0.01) {
    throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" bukan lembar kerja (.xlsx, .xls, .ods) atau teks CSV.`);
  }
  return 'csv';
}
