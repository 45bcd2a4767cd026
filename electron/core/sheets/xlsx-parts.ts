import { posix } from 'node:path';
import { SigapError } from '../errors';
import { isOn, parseXml } from './xml-stream';
import type { ZipFile } from './zip-read';

/** A sheet as xl/workbook.xml lists it, with the zip part that holds it. */
export interface WorkbookSheet {
  name: string;
  /** The part's path in the zip; null for a chart sheet (no cells). */
  part: string | null;
  hidden: boolean;
}

export interface WorkbookParts {
  sheets: WorkbookSheet[];
  sharedStrings: string | null;
  styles: string | null;
  date1904: boolean;
}

/** Shared strings may not grow past this (about 150 MB of XML; a 300,000-row appendix needs far less). */
const SHARED_STRINGS_LIMIT = 150 * 1024 * 1024;

/** Relationship targets by id, resolved to part paths (relative to the source part's folder). */
async function relationships(zip: ZipFile, relsPart: string, baseDir: string): Promise<Map<string, { type: string; target: string }>> {
  const out = new Map<string, { type: string; target: string }>();
  if (!zip.has(relsPart)) return out;
  await parseXml(zip, relsPart, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
      const t = a.Target.replace(/\\/g, '/');
      const target = t.startsWith('/') ? t.slice(1) : posix.normalize(posix.join(baseDir, t));
      out.set(a.Id, { type: a.Type ?? '', target });
    },
    close() {},
  });
  return out;
}

/** Reads the workbook's own parts first, whatever order the zip stores them in. */
export async function workbookParts(zip: ZipFile): Promise<WorkbookParts> {
  const root = await relationships(zip, '_rels/.rels', '');
  const office = [...root.values()].find((r) => r.type.endsWith('/officeDocument'));
  const wbPart = office && zip.has(office.target) ? office.target : 'xl/workbook.xml';
  if (!zip.has(wbPart)) {
    throw new SigapError('FILE_UNREADABLE', `Berkas "${zip.label}" tidak dapat dibaca sebagai lembar kerja Excel (.xlsx): daftar sheet (xl/workbook.xml) tidak ada. Simpan ulang berkas dari Excel sebagai .xlsx atau .csv.`);
  }
  const dir = posix.dirname(wbPart);
  const rels = await relationships(zip, posix.join(dir, '_rels', `${posix.basename(wbPart)}.rels`), dir);
  const listed: { name: string; rid: string; hidden: boolean }[] = [];
  let date1904 = false;
  await parseXml(zip, wbPart, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = isOn(a.date1904);
      else if (name === 'sheet') {
        const rid = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1] ?? '';
        listed.push({ name: a.name ?? '', rid, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
      }
    },
    close() {},
  });
  const sheets = listed.map((s): WorkbookSheet => {
    const rel = rels.get(s.rid);
    if (rel?.type.endsWith('/chartsheet')) return { name: s.name, part: null, hidden: s.hidden };
    // A sheet the workbook lists must be read, or the import stops naming it: never a roster short of a sheet.
    if (!rel || !zip.has(rel.target)) {
      throw new SigapError('FILE_UNREADABLE', `Berkas "${zip.label}" tidak dapat dibaca: sheet "${s.name}" tercantum di buku kerja tetapi isinya ${rel ? `(${rel.target}) ` : ''}tidak ada di dalam berkas. Berkas rusak; simpan ulang dari Excel lalu impor lagi.`);
    }
    return { name: s.name, part: rel.target, hidden: s.hidden };
  });
  const byType = (t: string) => [...rels.values()].find((r) => r.type.endsWith(t) && zip.has(r.target))?.target ?? null;
  const fallback = (p: string) => (zip.has(p) ? p : null);
  return { sheets, sharedStrings: byType('/sharedStrings') ?? fallback(`${dir}/sharedStrings.xml`), styles: byType('/styles') ?? fallback(`${dir}/styles.xml`), date1904 };
}

/** OOXML's `_x000D_` escapes for characters XML cannot hold. */
export function unescapeOoxml(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** Every shared string, in order: the text runs of each <si>, without phonetic guides (<rPh>). */
export async function sharedStrings(zip: ZipFile, part: string | null): Promise<string[]> {
  const out: string[] = [];
  if (!part) return out;
  let cur = '';
  let inT = false;
  let inPhonetic = false;
  await parseXml(zip, part, {
    open(name) {
      if (name === 'si') cur = '';
      else if (name === 't') inT = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    text(t) {
      if (inT) cur += t;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') out.push(unescapeOoxml(cur));
    },
  }, SHARED_STRINGS_LIMIT);
  return out;
}

/** Built-in number formats that are dates (ECMA-376 18.8.30, plus the East Asian date ids). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormat(fmt: string): boolean {
  const f = fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dy]/i.test(f) && !/^[#0.,%]+$/.test(f);
}

/** For each cell style index (`s` on a cell), whether it shows a date. */
export async function dateStyles(zip: ZipFile, part: string | null): Promise<boolean[]> {
  const out: boolean[] = [];
  if (!part) return out;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  await parseXml(zip, part, {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = custom.get(id);
        out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return out;
}
