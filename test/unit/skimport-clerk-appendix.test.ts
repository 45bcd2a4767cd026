import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../cli-harness';
import { fxPersons, type FxPerson } from '../fixtures/sk-workbook';
import { MONTHS_ID } from '../../shared/dates';
import { tempDir } from '../helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const birth = (p: FxPerson, i: number): string => {
  const [y, m, d] = p.birthDate.split('-');
  const month = MONTHS_ID[Number(m) - 1]!;
  const place = i % 2 === 0 ? p.birthPlace.toUpperCase() : p.birthPlace;
  return [`${place}, ${d}-${month.slice(0, 3)}-${y}`, `${place}, ${Number(d)} ${month.toUpperCase()} ${y}`, `${place}/${d}-${m}-${y}`][i % 3]!;
};

/**
 * An appendix as a clerk makes it: the decree's number only on the second sheet, inside the KEPUTUSAN
 * line; the date over three cells; a TENTANG line about HONORER; TMP/TGL LAHIR in one cell; titles in
 * names; pre-numbered empty rows left from the template; one sheet per OPD.
 */
async function clerkAppendix(path: string, persons: FxPerson[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const bySheet = [['Dinas Sosial', persons.slice(0, 3)], ['Inspektorat', persons.slice(3)]] as const;
  bySheet.forEach(([name, ps], s) => {
    const ws = wb.addWorksheet(name);
    if (s === 0) ws.addRow(['LAMPIRAN KEPUTUSAN BUPATI LAMPUNG BARAT']);
    else {
      ws.addRow(['LAMPIRAN II KEPUTUSAN BUPATI LAMPUNG BARAT NOMOR : B/123/KPTS/III.05/2026']);
      ws.addRow(['TANGGAL', null, ':', '2 MARET 2026']);
    }
    ws.addRow(['TENTANG', ':', 'PENETAPAN TENAGA HONORER']);
    ws.addRow(['NAMA-NAMA TENAGA HONORER']);
    ws.addRow([]);
    ws.addRow(['NO', 'NAMA', 'NIK', 'TMP/TGL LAHIR', 'L/P', 'JABATAN', 'HONOR']);
    ps.forEach((p, i) => ws.addRow([`${i + 1}.`, i === 0 ? `Drs. H. ${p.name}, S.Pd.` : p.name, p.nik, birth(p, i), p.sex, p.position, p.honor]));
    for (let n = ps.length + 1; n <= ps.length + 4; n++) ws.addRow([s === 0 ? `${n}.` : n]);
    ws.addRow([null, null, null, null, null, 'Liwa, 2 Maret 2026']);
    ws.addRow([null, null, null, null, null, 'BUPATI LAMPUNG BARAT,']);
  });
  await wb.xlsx.writeFile(path);
}

describe('an appendix as clerks make it', () => {
  it('imports from the command line with no hand edits', async () => {
    const db = join(dir, 'x.db');
    const persons = fxPersons(6, ['Dinas Sosial', 'Inspektorat']);
    const path = join(dir, 'lampiran.xlsx');
    await clerkAppendix(path, persons);
    const r = await runCli(['import-sk', path, '--db', db, '--create-units', '--no-backup', '--json']);
    const doc = r.json<{ applied: boolean; decree: { number: string; date: string; tmtStart: string }; rejected: unknown[]; warnings: unknown[]; accepted: number }>();
    expect(doc.rejected).toEqual([]);
    expect(doc.warnings).toEqual([]);
    expect(doc.accepted).toBe(6);
    expect(doc.decree).toMatchObject({ number: 'B/123/KPTS/III.05/2026', date: '2026-03-02', tmtStart: '2026-03-02' });
    expect(r.code).toBe(0);
    expect(doc.applied).toBe(true);
    const roster = (await runCli(['roster', '--db', db, '--json', '--month', '2026-03'])).json<{ persons: { nik: string; name: string; birthDate: string; birthPlace: string }[] }>();
    expect(roster.persons).toHaveLength(6);
    for (const p of persons) {
      const got = roster.persons.find((x) => x.nik === p.nik)!;
      expect(got).toMatchObject({ birthDate: p.birthDate, birthPlace: p.birthPlace });
    }
    expect(roster.persons.find((x) => x.nik === persons[0]!.nik)!.name).toBe(`Drs. H. ${persons[0]!.name}, S.Pd.`);
  });
});
