import { describe, expect, it } from 'vitest';
import type { ProblemDto, SkPreviewDto } from '../../shared/contract/index';
import { BridgeError } from '../../renderer/src/bridge';
import { assignField, detectedMapping, missingEssentials, overridesFrom } from '../../renderer/src/pages/skimport/column-overrides';
import { confirmedForm, emptyDecreeForm, previewInput } from '../../renderer/src/pages/skimport/decree-form';
import { filterProblems, problemCodes } from '../../renderer/src/pages/skimport/problem-filter';
import { engagementInput, personInput, emptyPerson } from '../../renderer/src/pages/roster/person-form';

const layout = (over: Partial<SkPreviewDto['sheets'][number]> = {}): SkPreviewDto['sheets'][number] => ({
  sheet: 'Lampiran', headerRows: [6, 7], columns: { no: 0, name: 1, nik: 2 }, labels: [], unitSource: 'column', dataRows: 3, sample: [], ...over,
});

describe('column adjustments', () => {
  it('starts from the detected layout and moves a field from one column to another', () => {
    const m = detectedMapping('Lampiran', layout());
    expect(m).toEqual({ sheet: 'Lampiran', headerRow: 6, fields: { 0: 'no', 1: 'name', 2: 'nik' }, skip: false });
    const moved = assignField(m, 3, 'nik');
    expect(moved.fields).toEqual({ 0: 'no', 1: 'name', 3: 'nik' });
    expect(assignField(moved, 1, null).fields).toEqual({ 0: 'no', 3: 'nik' });
  });

  it('sends only changed sheets, and the header row only when it changed (so a two-row header stays two rows)', () => {
    const d = { Lampiran: detectedMapping('Lampiran', layout()), Rekap: detectedMapping('Rekap', undefined) };
    const untouched = [d.Lampiran, d.Rekap];
    expect(overridesFrom(untouched, d, {})).toEqual({});
    const columnsOnly = [assignField(d.Lampiran, 4, 'honor'), d.Rekap];
    expect(overridesFrom(columnsOnly, d, {})).toEqual({ Lampiran: { columns: { no: 0, name: 1, nik: 2, honor: 4 } } });
    const header = [{ ...d.Lampiran, headerRow: 9 }, { ...d.Rekap, skip: true }];
    expect(overridesFrom(header, d, {})).toEqual({ Lampiran: { headerRow: 9 }, Rekap: { skip: true } });
  });

  it('keeps earlier adjustments of a sheet left alone, and un-skips a sheet', () => {
    const d = { Lampiran: detectedMapping('Lampiran', layout({ headerRows: [9] })), Rekap: detectedMapping('Rekap', undefined) };
    const previous = { Lampiran: { headerRow: 9 }, Rekap: { skip: true } };
    expect(overridesFrom([d.Lampiran, d.Rekap], d, previous)).toEqual({ Lampiran: { headerRow: 9 } });
  });

  it('names what a usable mapping still lacks', () => {
    expect(missingEssentials(detectedMapping('x', undefined))).toEqual(['name', 'nik']);
    expect(missingEssentials({ ...detectedMapping('x', undefined), skip: true })).toEqual([]);
  });
});

describe('the decree form', () => {
  const pv = { decree: null, title: { number: '800/1/2026', date: '2026-02-20', subject: null, signatory: null, tmt: null } } as unknown as SkPreviewDto;

  it('sends only what the clerk typed, dates read the Indonesian way', () => {
    const f = { ...emptyDecreeForm('1'), tmt: '1 Maret 2026', number: ' 800/2/2026 ' };
    expect(previewInput('t', f, {})).toEqual({ token: 't', mode: 'replace', number: '800/2/2026', tmt: '2026-03-01', categoryId: 1 });
    expect(() => previewInput('t', { ...f, tmt: '31-02-2026' }, {})).toThrow(BridgeError);
  });

  it('fills blanks with what was read from the title rows', () => {
    expect(confirmedForm(emptyDecreeForm('1'), pv)).toMatchObject({ number: '800/1/2026', date: '20-02-2026', tmt: '', tmtEnd: '' });
    expect(confirmedForm({ ...emptyDecreeForm('1'), number: 'mine' }, pv).number).toBe('mine');
  });
});

describe('problem rows', () => {
  const p = (code: string, severity: 'error' | 'warning'): ProblemDto => ({ sheet: 'S', row: 7, column: 'C', columnName: 'NIK', code, message: code, severity });
  const all = [p('NIK_NUMERIC', 'error'), p('NIK_NUMERIC', 'error'), p('HONOR_INVALID', 'error'), p('BIRTH_MISMATCH', 'warning')];

  it('filter by severity and code', () => {
    expect(filterProblems(all, { severity: 'error', code: '' })).toHaveLength(3);
    expect(filterProblems(all, { severity: 'all', code: 'BIRTH_MISMATCH' })).toHaveLength(1);
    expect(filterProblems(all, { severity: 'warning', code: 'NIK_NUMERIC' })).toHaveLength(0);
  });

  it('list codes by frequency', () => {
    expect(problemCodes(all).map((c) => [c.code, c.count])).toEqual([['NIK_NUMERIC', 2], ['BIRTH_MISMATCH', 1], ['HONOR_INVALID', 1]]);
  });
});

describe('the person form', () => {
  it('turns blanks into nulls and typed dates into ISO', () => {
    expect(personInput({ ...emptyPerson, nik: ' 1804015205900002 ', name: 'Siti', birthDate: '12-05-1990', sex: 'P' })).toEqual({
      nik: '1804015205900002', name: 'Siti', birthPlace: null, birthDate: '1990-05-12', sex: 'P', address: null, phone: null, motherName: null, kpj: null,
      postalCode: null, email: null, maritalStatus: null, workLocation: null,
    });
  });

  it('reads the honor as rupiah and refuses what is missing with a message', () => {
    const v = { opdId: '1', categoryId: '2', position: '', honor: 'Rp 1.500.000,-', startDate: '01-03-2026', endDate: '' };
    expect(engagementInput(v)).toEqual({ opdId: 1, categoryId: 2, position: null, honor: 1_500_000, startDate: '2026-03-01', endDate: null });
    expect(() => engagementInput({ ...v, honor: 'sejuta' })).toThrow(/bukan jumlah rupiah/);
    expect(() => engagementInput({ ...v, opdId: '' })).toThrow(/Pilih OPD/);
    expect(() => engagementInput({ ...v, startDate: '' })).toThrow(/tanggal mulai/);
  });
});
