/**
 * Part files of the files Sigap writes for the clerk: a failed write removes its part, the next write
 * of the same kind removes the parts a killed writer left (and never a live writer's), and the files
 * are readable by their owner only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partPath, partTarget, removeStaleParts, writeOwnerOnly } from '../../electron/core/files/parts';
import { writePdfAtomic } from '../../electron/core/print/save';
import { writeSippWorkbook } from '../../electron/core/bpjs/writer';
import { tempDir } from '../helpers';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Page>>endobj\n%%EOF\n');
const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
const hidden = (d: string) => readdirSync(d).filter((f) => f.startsWith('.'));

/** The pid of a process that has ended, as a killed writer's. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('sigap-parts-')));
afterEach(() => cleanup());

describe('part names', () => {
  it('carry the real name and the writer, nested parts too', () => {
    const p = partPath(join(dir, 'data_tk_baru_1_20260115_01.xlsx'));
    expect(p.startsWith(join(dir, '.data_tk_baru_1_20260115_01.xlsx.'))).toBe(true);
    const name = p.slice(dir.length + 1);
    expect(partTarget(name)).toEqual({ target: 'data_tk_baru_1_20260115_01.xlsx', pids: [process.pid] });
    expect(partTarget(`.${name}.4242-0a1b2c3d.part`)).toEqual({ target: 'data_tk_baru_1_20260115_01.xlsx', pids: [process.pid, 4242] });
    expect(partTarget(`.${name}.deadbeef.tmp`)?.target).toBe('data_tk_baru_1_20260115_01.xlsx');
    for (const other of ['data.xlsx', '.bashrc', '.x.part', '.x.12.part', 'x.1-0a1b2c3d.part']) expect(partTarget(other)).toBeNull();
  });
});

describe('a failed write', () => {
  it('removes its part and leaves no file under the real name', async () => {
    const target = join(dir, 'laporan.xlsx');
    await expect(writeOwnerOnly(target, (part) => {
      writeFileSync(part, 'half a file');
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    })).rejects.toMatchObject({ code: 'ENOSPC', path: target });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a PDF that cannot take its name (a folder is there) leaves no part', () => {
    mkdirSync(join(dir, 'tagihan.pdf'));
    expect(() => writePdfAtomic(join(dir, 'tagihan.pdf'), PDF)).toThrow();
    expect(hidden(dir)).toEqual([]);
  });
});

describe('the next write of the kind', () => {
  it('removes dead writers\' parts of its kind only, and keeps a live writer\'s', () => {
    const dead = deadPid();
    const stale = [`.a.pdf.${dead}-0a1b2c3d.part`, `..b.pdf.${dead}-0a1b2c3d.part.${dead}-1a2b3c4d.part`];
    const live = [`.c.pdf.${process.pid}-0a1b2c3d.part`, `.d.pdf.${process.ppid}-0a1b2c3d.part`];
    const otherKind = [`.e.xlsx.${dead}-0a1b2c3d.part`];
    const notParts = ['.hidden-notes', 'f.pdf'];
    for (const f of [...stale, ...live, ...otherKind, ...notParts]) writeFileSync(join(dir, f), 'x');
    expect(removeStaleParts(dir, (t) => t.endsWith('.pdf')).sort()).toEqual([...stale].sort());
    expect(readdirSync(dir).sort()).toEqual([...live, ...otherKind, ...notParts].sort());
    expect(removeStaleParts(join(dir, 'missing'), () => true)).toEqual([]);
  });

  it('saving a PDF clears a killed save\'s part; the PDF is owner-only', () => {
    const dead = deadPid();
    writeFileSync(join(dir, `.tagihan-2026-03.pdf.${dead}-0a1b2c3d.part`), '%PDF-1.4 half');
    const saved = writePdfAtomic(join(dir, 'rekap.pdf'), PDF);
    expect(readdirSync(dir)).toEqual(['rekap.pdf']);
    expect(saved.bytes).toBe(PDF.byteLength);
    if (process.platform !== 'win32') expect(mode(join(dir, 'rekap.pdf'))).toBe('600');
  });

  it('an upload workbook is owner-only, and the same bytes when written again', async () => {
    const target = join(dir, 'data_tk_baru_1_20260115_01.xlsx');
    const sheet = { sheetName: 'data_tk_baru', headers: ['NIK', 'NAMA'], rows: [['1804010101900001', 'Siti Aminah']] };
    const at = new Date('2026-01-15T03:00:00Z');
    const a = await writeSippWorkbook(target, sheet, at);
    if (process.platform !== 'win32') expect(mode(target)).toBe('600');
    expect(hidden(dir)).toEqual([]);
    const again = await writeSippWorkbook(join(dir, 'again.xlsx'), sheet, at);
    expect(again.sha256).toBe(a.sha256);
    expect(existsSync(target)).toBe(true);
  });
});
