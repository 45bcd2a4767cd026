import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Cell, SheetRow, SheetStream } from './cells';

/**
 * Decodes CSV bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, otherwise Windows-1252
 * (what Excel on an Indonesian Windows writes for "CSV").
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Not TextDecoder: Node 20's maps 0x80-0x9F to C1 controls, losing the € “ ” – ’ clerks type.
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
  }
}

/**
 * Picks `;` or `,` (or tab) by which splits the first records into the most stable number of fields.
 * Records, not lines: a quoted cell may hold a line break (an address, a two-line position).
 */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best = ',';
  let bestScore = -1;
  let bestStray = Infinity;
  for (const d of [';', ',', '\t']) {
    const records = parseCsv(sample, d).slice(0, 30).filter((r) => r.some((f) => f.trim() !== ''));
    const counts = records.map((r) => r.length);
    const max = Math.max(0, ...counts);
    const score = max > 1 ? counts.filter((c) => c === max).length * max : 0;
    // With the wrong delimiter a quoted cell's quotes land inside fields (`Budi;"Jl. A` then `Liwa"`),
    // and its line break splits a record: fewer stray quotes wins before the field-count score.
    const stray = records.reduce((n, r) => n + r.filter((f) => f.includes('"')).length, 0);
    if (stray < bestStray || (stray === bestStray && score > bestScore)) {
      best = d;
      bestScore = score;
      bestStray = stray;
    }
  }
  return best;
}

/**
 * RFC 4180 parsing with a chosen delimiter; quoted fields may hold delimiters, quotes and newlines.
 * Runs of ordinary characters are appended as one slice, not character by character: a 10 MB cell
 * built a character at a time is a chain of ten million string pieces (hundreds of MB).
 */
export function parseCsv(text: string, d: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const dc = d.charCodeAt(0);
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (quoted) {
      const q = text.indexOf('"', i);
      if (q < 0) {
        field += text.slice(i);
        break;
      }
      field += text.slice(i, q);
      if (text[q + 1] === '"') {
        field += '"';
        i = q + 2;
      } else {
        quoted = false;
        i = q + 1;
      }
      continue;
    }
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 34 || c === dc || c === 10 || c === 13) break;
    }
    if (j > i) {
      field += text.slice(i, j);
      i = j;
      continue;
    }
    const ch = text[i]!;
    if (ch === '"') {
      if (field === '') quoted = true;
      else field += ch;
    } else if (ch === d) {
      row.push(field);
      field = '';
    } else {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    }
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV file as one sheet named after the file. Every cell is text, as the clerk typed it. */
export function readCsv(path: string, sheetName: string): SheetStream {
  const text = decodeCsv(readFileSync(path));
  const rows = parseCsv(text.replace(/^\uFEFF/, ''), detectDelimiter(text));
  async function* gen(): AsyncGenerator<SheetRow> {
    for (let i = 0; i < rows.length; i++) {
      const cells: Cell[] = rows[i]!.map((s) => (s.trim() === '' ? null : s));
      yield { row: i + 1, cells };
    }
  }
  return { name: sheetName, rows: gen() };
}
