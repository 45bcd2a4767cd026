/**
 * The mask finance and viewer get (shared/mask.ts), case by case: NIK and KPJ of every length the code
 * accepts, whole, spaced or dotted, side by side; what must stay (money, budget codes, the NPP, NIPs,
 * tokens, embedded images); and the person fields hidden or cut to the year.
 */
import { describe, expect, it } from 'vitest';
import { HIDDEN, maskForRole, maskIdsInText } from '../../shared/mask';

describe('identities inside text', () => {
  it.each([
    ['NIK 1804015505900003 diubah', 'NIK 1804********0003 diubah'],
    ['3201 0101 0190 0001', '3201 **** **** 0001'],
    ['32.01.01.010190.0001', '32.01.**.******.0001'],
    ['KPJ 11000000007 dari daftar peserta', 'KPJ 1100***0007 dari daftar peserta'],
    ['KPJ 12345678', 'KPJ ********'],
    ['KPJ 123456789', 'KPJ 1234*6789'],
    ['KPJ 1234567890123', 'KPJ 1234*****0123'],
    // Side by side they read as one long number: masked whole, only its ends show.
    ['3201010101900001 11000000007', '3201************ *******0007'],
    ['HP 0812 7766 5544', 'HP 0812 **** 5544'],
  ])('%s', (text, masked) => {
    expect(maskIdsInText(text)).toBe(masked);
  });

  it.each([
    'Rp 1.250.000.000',
    'Kode rekening 5.1.02.02.01.0026',
    'NPP BPJS Ketenagakerjaan: 18040012',
    'NIP. 198001012005011001',
    'tanggal 2026-03-10, baris 1234567',
    'token a1b2c3d412345678901234567890abcd',
  ])('leaves %s', (text) => {
    expect(maskIdsInText(text)).toBe(text);
  });

  it('leaves embedded images whole, even with digit runs', () => {
    const html = '<img src="data:image/png;base64,AAAA/12345678901234+5678901234567890=="> NIK 1804015505900003';
    expect(maskIdsInText(html)).toBe('<img src="data:image/png;base64,AAAA/12345678901234+5678901234567890=="> NIK 1804********0003');
  });
});

describe('person fields', () => {
  it('a record: NIK and KPJ masked, birth date cut to the year, private fields null, flagged', () => {
    const out = maskForRole({ person: { id: 1, nik: '1804015505900003', kpj: '11000000007', name: 'Sari', sex: 'P', birthPlace: 'Liwa', birthDate: '1990-05-15', address: 'Jl. Merdeka 5', phone: '081277665544', motherName: 'Suharti' } });
    expect(out.person).toEqual({
      id: 1, nik: '1804********0003', kpj: '1100***0007', name: 'Sari', sex: 'P', birthPlace: 'Liwa', birthYear: 1990, birthDate: null,
      address: null, phone: null, motherName: null, identityHidden: true,
    });
  });

  it('an audit snapshot of a person: the changed private fields named, their values the word', () => {
    const row = { entity: 'person', summary: '1804015505900003 diubah: phone, mother_name', before: { phone: '0812', mother_name: 'Siti', birth_date: '1990-05-15', kpj: null }, after: { phone: '0813', mother_name: 'Sri', birth_date: '1990-05-16', kpj: '11000000007' } };
    expect(maskForRole(row)).toEqual({
      entity: 'person', summary: '1804********0003 diubah: phone, mother_name',
      before: { phone: HIDDEN, mother_name: HIDDEN, birth_date: HIDDEN, kpj: null },
      after: { phone: HIDDEN, mother_name: HIDDEN, birth_date: HIDDEN, kpj: '1100***0007' },
    });
  });

  it('office data stays: the employer address and NPP, officials and their NIPs, counts named after KPJ', () => {
    const v = { employer: { name: 'Pemkab', npp: '18040012', address: 'Jl. Raden Intan No. 1' }, opd: { headName: 'Budi', headNip: '198001012005011001', budgetAccount: '5.1.02.02.01.0026', address: 'Jl. Pasar' }, withoutKpj: 3, awaitingKpj: 2 };
    expect(maskForRole(v)).toEqual(v);
  });
});
