import { describe, expect, it } from 'vitest';
import { parseDateText, excelSerialToIso, dayBefore, addMonths, formatDateId, lastDay } from '../../shared/dates';
import { parseRupiahText, formatRupiah } from '../../shared/money';
import { parseBirthCell, parseSex } from '../../shared/person-fields';

describe('dates as clerks write them', () => {
  it.each([
    ['12-05-1990', '1990-05-12'],
    ['12/05/1990', '1990-05-12'],
    ['2/1/2026', '2026-01-02'],
    ['12.5.90', '1990-05-12'],
    ['12 Mei 1990', '1990-05-12'],
    ['2 Januari 2026', '2026-01-02'],
    ['17 Agustus 1945', '1945-08-17'],
    ['1 Nopember 1985', '1985-11-01'],
    ['31 Des 1999', '1999-12-31'],
    ['1990-05-12', '1990-05-12'],
  ])('%s', (text, iso) => expect(parseDateText(text)).toBe(iso));

  it.each(['31-02-1990', '12 Maybe 1990', 'besok', '00-01-2000', '1990'])('rejects %s', (t) => expect(parseDateText(t)).toBeNull());

  it('converts Excel serials, past the phantom 1900 leap day', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(46024)).toBe('2026-01-02');
    expect(excelSerialToIso(-3)).toBeNull();
  });

  it('does month arithmetic on text', () => {
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(lastDay('2026-02')).toBe('2026-02-28');
    expect(formatDateId('2026-01-02')).toBe('2 Januari 2026');
  });
});

describe('money as text', () => {
  it.each([
    ['Rp 1.500.000,-', 1_500_000],
    ['1.500.000,-', 1_500_000],
    ['Rp1,500,000', 1_500_000],
    ['1500000', 1_500_000],
    ['1.500.000,00', 1_500_000],
    ['Rp. 750.000', 750_000],
    ['1.500', 1_500],
  ])('%s', (t, n) => expect(parseRupiahText(t)).toBe(n));

  it.each(['satu juta', '1.500.000,50', '', 'Rp -'])('rejects %s', (t) => expect(parseRupiahText(t)).toBeNull());

  it('formats id-ID rupiah', () => {
    expect(formatRupiah(1_500_000)).toBe('Rp1.500.000');
    expect(formatRupiah(0)).toBe('Rp0');
  });
});

describe('person cells', () => {
  it.each([
    ['Liwa, 12-05-1990', 'Liwa', '1990-05-12'],
    ['LIWA,12 Mei 1990', 'Liwa', '1990-05-12'],
    ['Liwa / 12/05/1990', 'Liwa', '1990-05-12'],
    ['Bandar Lampung, 2 Januari 1985', 'Bandar Lampung', '1985-01-02'],
    ['12-05-1990', null, '1990-05-12'],
    ['Liwa', 'Liwa', null],
  ])('%s', (t, place, date) => expect(parseBirthCell(t)).toEqual({ place, date }));

  it('reads sex words', () => {
    expect(parseSex('L')).toBe('L');
    expect(parseSex('Laki-laki')).toBe('L');
    expect(parseSex('PEREMPUAN')).toBe('P');
    expect(parseSex('p')).toBe('P');
    expect(parseSex('X')).toBeNull();
  });
});
