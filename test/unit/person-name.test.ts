import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { checkPersonName, visibleName } from '../../shared/person-name';
import { createPerson, updatePerson } from '../../electron/core/roster/person';
import { personDetail } from '../../electron/core/roster/detail';
import { listCategories, listOpds } from '../../electron/core/roster/units';
import { readAppendix } from '../../electron/core/skimport/read';
import { seedDemo } from '../../electron/core/demo/index';
import type { SigapError } from '../../shared/errors';
import { fxPersons } from '../fixtures/sk-workbook';
import { testContext } from '../helpers';
import { bridge } from '../api-harness';
import { storeOf } from '../../electron/core/store/of-context';
import { rosterCounts } from '../../electron/core/roster/counts-repository';

// Issue 17: one name rule for the SK importer and for names typed in by hand.

const refused = (raw: string): string => {
  const r = checkPersonName(raw);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(raw)}`);
  expect(r.code).toBe('NAME_INVALID');
  return r.message;
};

describe('the person name rule', () => {
  it('accepts names as they stand on a KTP or an SK, tidied and in NFC', () => {
    for (const name of ["Drs. H. Ma'ruf Amin, S.Pd., M.Pd.", 'Ni Putu Ayu Sri Wahyuni', 'I Gusti Ngurah Rai', 'SITI NURHALIZA', "Nur’aini", 'A.Md.Kep Rina (Alm)', 'José Ramírez', 'Budi Santoso 2']) {
      expect(checkPersonName(name)).toEqual({ ok: true, name });
    }
    expect(checkPersonName('  Budi \t  Santoso ')).toEqual({ ok: true, name: 'Budi Santoso' });
    // e + combining acute is stored as the single é a keyboard types.
    expect(checkPersonName('Jose\u0301')).toEqual({ ok: true, name: 'José' });
    expect(checkPersonName('   ')).toEqual({ ok: false, code: 'NAME_EMPTY', message: 'Nama wajib diisi.' });
  });

  it('refuses what Excel would run as a formula', () => {
    for (const raw of ['=HYPERLINK("http://x","klik")', '+1+1', "-2+3", '@SUM(1+1)', '＝1+1', '+cmd|\' /C calc\'!A0']) {
      expect(refused(raw)).toMatch(/tidak boleh diawali = \+ - @ \(Excel membacanya sebagai rumus\)\.$/);
    }
  });

  it('refuses invisible and direction-changing characters, and names them by code in the message', () => {
    expect(refused('Budi\u200BSantoso')).toBe('Nama "Budi[U+200B]Santoso" tidak sah: memuat karakter tak terlihat atau pengubah arah teks (U+200B); ketik ulang nama tanpa menyalin dari dokumen lain.');
    expect(refused('Budi \u202Eotnas')).toMatch(/^Nama "Budi \[U\+202E\]otnas" tidak sah: .*\(U\+202E\)/);
    for (const ch of ['\u200C', '\u200D', '\u200E', '\u200F', '\u2066', '\u2069', '\u00AD', '\u2060', '\uFEFF', '\u0000', '\u0085', '\uFE0F', '\u3164', '\u034F', '\u{E0041}']) {
      expect(refused(`Rina${ch} Wati`), `U+${ch.codePointAt(0)!.toString(16)}`).toMatch(/tak terlihat/);
    }
    // The message itself cannot be turned around by the name it quotes.
    expect(refused('\u202EBudi')).not.toMatch(/[\u202A-\u202E]/);
  });

  it('refuses look-alikes: other scripts alone or mixed with Latin, compatibility forms, foreign digits', () => {
    expect(refused('Budі Santoso')).toBe('Nama "Budі Santoso" tidak sah: memuat "і" (U+0456, huruf Kiril) yang mirip huruf Latin; tulis nama dengan huruf Latin seperti di KTP.');
    expect(refused('Аnа')).toMatch(/U\+0410, huruf Kiril/);
    expect(refused('Ρatimah')).toMatch(/U\+03A1, huruf Yunani/);
    expect(refused('ВОВ')).toMatch(/huruf Kiril/);
    expect(refused('Ｂｕｄｉ')).toMatch(/"Ｂ" \(U\+FF22\), bentuk khusus/);
    expect(refused('𝐁𝐮𝐝𝐢')).toMatch(/bentuk khusus/);
    expect(refused('Budi Ⅱ')).toMatch(/bentuk khusus/);
    expect(refused('Budi ٣')).toMatch(/angka "٣" \(U\+0663\) yang bukan angka 0-9 biasa/);
    expect(refused('Budi 😀')).toMatch(/simbol "😀"/);
    expect(refused('Bu\u0301\u0301\u0301di')).toMatch(/aksen/);
    expect(refused('Budi \u0301')).toMatch(/aksen/);
  });

  it('needs a letter, and at most 150 characters', () => {
    expect(refused('12345')).toMatch(/harus berisi huruf\.$/);
    expect(refused('...')).toMatch(/harus berisi huruf/);
    expect(checkPersonName('A'.repeat(150)).ok).toBe(true);
    expect(refused('A'.repeat(151))).toMatch(/^Nama "A{40}…" tidak sah: paling panjang 150 karakter\.$/);
    const started = Date.now();
    expect(refused('B'.repeat(10 * 1024 * 1024))).toMatch(/paling panjang 150/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('shows a name in a message with hidden characters named and long names cut', () => {
    expect(visibleName('Budi\u202ESantoso')).toBe('Budi[U+202E]Santoso');
    expect(visibleName('x'.repeat(41))).toBe(`${'x'.repeat(40)}…`);
  });
});

/** What the importer refuses, manual entry and edits refuse too, with the same message. */
const BAD_NAMES = ['=HYPERLINK("http://x","klik")', '+1+1', 'Budi\u200BSantoso', 'Budi \u202Eotnas', 'Budі Santoso', 'Ｂｕｄｉ', 'ΒUDI'];

describe('one rule in manual entry, edits and the SK importer', () => {
  let ctx: ReturnType<typeof testContext>;
  beforeEach(() => {
    ctx = testContext('2026-03-10T03:00:00Z');
  });
  afterEach(() => ctx.close());

  const refusal = async (f: () => unknown): Promise<SigapError> => {
    try {
      await f();
    } catch (e) {
      return e as SigapError;
    }
    throw new Error('accepted');
  };

  it('refuses each bad name in person create and edit (core and bridge), and the importer refuses it with NAME_INVALID and the same message', async () => {
    await seedDemo(ctx, { persons: 3, year: 2026 });
    const opd = Math.min(...(await listOpds(ctx)).map((o) => o.id));
    const cat = (await listCategories(ctx)).find((c) => c.segment === 'PU')!.id;
    const engagement = { opdId: opd, categoryId: cat, honor: 1_500_000, startDate: '2026-03-01' };
    const good = { nik: '1804015205900002', name: 'Siti Rahma', birthDate: '1990-05-12', sex: 'P' as const };
    const { personId } = await createPerson(ctx, good, engagement);
    const persons = async () => (await rosterCounts(storeOf(ctx))).persons;
    const before = await persons();
    const b = bridge(ctx);
    const [fx] = fxPersons(1, ['Dinas Sosial'], 11);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dinas Sosial');
    ws.addRow(['NO', 'NAMA', 'NIK', 'L/P', 'HONOR']);
    BAD_NAMES.forEach((name, i) => ws.addRow([i + 1, name, fx!.nik, fx!.sex, 1_000_000]));
    const path = join(ctx.dir, 'nama.xlsx');
    await wb.xlsx.writeFile(path);
    const read = await readAppendix(path, { referenceYear: 2026 });
    for (const [i, name] of BAD_NAMES.entries()) {
      const expected = (checkPersonName(name) as { message: string }).message;
      expect(expected, name).toMatch(/^Nama ".*" tidak sah: /);
      const created = await refusal(() => createPerson(ctx, { ...good, nik: '1804011205900001', name }, engagement));
      expect([created.code, created.message], name).toEqual(['INVALID_INPUT', expected]);
      const edited = await refusal(() => updatePerson(ctx, personId, { ...good, name }));
      expect([edited.code, edited.message], name).toEqual(['INVALID_INPUT', expected]);
      expect(await b.raw('person.update', { personId, person: { ...good, name } }), name).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expected } });
      expect(await b.raw('person.create', { person: { ...good, nik: '1804011205900001', name }, engagement }), name).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expected } });
      const problem = read.problems.find((p) => p.row === i + 2 && p.code === 'NAME_INVALID');
      expect(problem, name).toMatchObject({ column: 'B', severity: 'error', message: expected });
    }
    expect(await persons()).toBe(before);
    const nameOf = async (id: number) => (await personDetail(ctx, id)).person.name;
    expect(await nameOf(personId)).toBe('Siti Rahma');
    // A good name is stored tidied and in NFC.
    await updatePerson(ctx, personId, { ...good, name: '  Siti   Rahma\u0301 ' });
    expect(await nameOf(personId)).toBe('Siti Rahmá');
  });
});
