import { describe, expect, it } from 'vitest';
import { parseNik, nikBirthDate, cleanNik, maskId } from '../../shared/nik';

describe('NIK rules (domain.md section 7)', () => {
  it('accepts a valid male NIK and reads its parts', () => {
    const r = parseNik('1804011205900001');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.info).toMatchObject({ province: '18', sex: 'L', birthDay: 12, birthMonth: 5, birthYear2: 90 });
    expect(nikBirthDate(r.info, 2026)).toBe('1990-05-12');
  });

  it('reads women from a day above 40', () => {
    const r = parseNik('1804015205900002');
    expect(r.ok && r.info.sex).toBe('P');
    expect(r.ok && r.info.birthDay).toBe(12);
  });

  it('cleans spaces, dots and a leading apostrophe', () => {
    expect(cleanNik("'1804 0112.0590 0001")).toBe('1804011205900001');
    expect(parseNik("'1804 0112 0590 0001").ok).toBe(true);
  });

  it.each([
    ['', 'NIK_EMPTY'],
    ['180401120590001', 'NIK_FORMAT'],
    ['18040112059000012', 'NIK_FORMAT'],
    ['18040112059000A1', 'NIK_FORMAT'],
    ['2004011205900001', 'NIK_PROVINCE'],
    ['9904011205900001', 'NIK_PROVINCE'],
    ['1804013205900001', 'NIK_DATE'],
    ['1804017205900001', 'NIK_DATE'],
    ['1804013002900001', 'NIK_DATE'],
    ['1804012913900001', 'NIK_DATE'],
    ['1804012902010001', 'NIK_DATE'],
    ['1804011205900000', 'NIK_FORMAT'],
  ])('rejects %s with %s', (nik, code) => {
    const r = parseNik(nik);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it('accepts 29 February of a leap year', () => {
    expect(parseNik('3171012902000001').ok).toBe(true);
    expect(parseNik('3171016902960001').ok).toBe(true);
  });

  it('picks the century from a plausible working age', () => {
    const r = parseNik('1804010101050001');
    expect(r.ok && nikBirthDate(r.info, 2026)).toBe('2005-01-01');
    const old = parseNik('1804010101150001');
    expect(old.ok && nikBirthDate(old.info, 2026)).toBe('1915-01-01');
  });

  it('masks the middle of an identity number', () => {
    expect(maskId('1804011205900001')).toBe('1804********0001');
  });
});

describe('NIKs that look right but are not (issue 17)', () => {
  const refused = (raw: string): string => {
    const r = parseNik(raw);
    if (r.ok) throw new Error(`accepted: ${JSON.stringify(raw)}`);
    expect(r.code).toBe('NIK_FORMAT');
    return r.message;
  };

  it('names an invisible character inside, by its code', () => {
    expect(refused('18040112\u200B05900001')).toBe('NIK "18040112[U+200B]05900001" memuat karakter tak terlihat (U+200B), biasanya terbawa saat menyalin dari dokumen lain. Ketik ulang NIK dari KTP.');
    expect(refused('\u202E1804011205900001')).toMatch(/tak terlihat \(U\+202E\)/);
    expect(refused('1804011205900001\u2060')).toMatch(/tak terlihat \(U\+2060\)/);
  });

  it('says when digits are not 0-9: Arabic-Indic, Persian or full width', () => {
    expect(refused('١٨٠٤٠١١٢٠٥٩٠٠٠٠١')).toBe('NIK "١٨٠٤٠١١٢٠٥٩٠٠٠٠١" memuat angka "١" (U+0661) yang bukan angka 0-9 biasa (misalnya angka Arab atau angka lebar). Ketik ulang NIK dengan angka 0-9.');
    expect(refused('18040112059000０１')).toMatch(/angka "０" \(U\+FF10\) yang bukan angka 0-9 biasa/);
    expect(refused('1804011205900۰01')).toMatch(/U\+06F0/);
  });

  it('still gives the plain length message for ordinary mistakes', () => {
    expect(refused('180401120590001')).toBe('NIK harus 16 angka, tertulis "180401120590001" (15 karakter).');
  });
});
