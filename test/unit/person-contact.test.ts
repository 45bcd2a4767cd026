import { describe, expect, it } from 'vitest';
import { parseEmail, parseMaritalStatus, parsePostalCode, parseWorkLocation } from '../../shared/person-contact';

describe('person contact fields as clerks type them', () => {
  it('reads marital status words as the portal codes them', () => {
    expect(parseMaritalStatus('Kawin')).toEqual({ ok: true, value: 'Y' });
    expect(parseMaritalStatus(' belum  kawin ')).toEqual({ ok: true, value: 'T' });
    expect(parseMaritalStatus('t')).toEqual({ ok: true, value: 'T' });
    expect(parseMaritalStatus('')).toEqual({ ok: true, value: null });
    const bad = parseMaritalStatus('mungkin');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain('"mungkin"');
  });
  it('takes five-digit postal codes with dots or spaces', () => {
    expect(parsePostalCode('34.812')).toEqual({ ok: true, value: '34812' });
    expect(parsePostalCode('3481').ok).toBe(false);
  });
  it('checks e-mail addresses plainly and stores them in lower case', () => {
    expect(parseEmail(' Siti@Contoh.go.id ')).toEqual({ ok: true, value: 'siti@contoh.go.id' });
    expect(parseEmail('siti@contoh').ok).toBe(false);
    expect(parseEmail('si ti@contoh.id').ok).toBe(false);
  });
  it('keeps work location codes in upper case and refuses formulas', () => {
    expect(parseWorkLocation(' kab lampung barat ')).toEqual({ ok: true, value: 'KAB LAMPUNG BARAT' });
    expect(parseWorkLocation('=HYPERLINK("x")').ok).toBe(false);
  });
});
