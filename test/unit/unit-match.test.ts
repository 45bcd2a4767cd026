import { describe, expect, it } from 'vitest';
import { demoOpds, demoVillages } from '../../electron/core/demo/units';
import { expandUnitWords, UnitMatcher, type KnownUnit } from '../../electron/core/roster/unit-match';

/** The demo regency's 30 OPDs and 8 pekon, as a real Pemda's unit list. */
const KNOWN: KnownUnit[] = [...demoOpds(), ...demoVillages()].map((u, i) => ({ id: i + 1, code: u.code, name: u.name }));
const matcher = new UnitMatcher(KNOWN);
const proposed = (read: string) => matcher.match(read);
const nameOf = (read: string) => proposed(read)?.name ?? null;

describe('expanding unit names', () => {
  it('normalises case, punctuation and spaces and expands Pemda abbreviations', () => {
    expect(expandUnitWords('  kec.  Balik-Bukit ')).toEqual(['KECAMATAN', 'BALIK', 'BUKIT']);
    expect(expandUnitWords('DINKES')).toEqual(['DINAS', 'KESEHATAN']);
    expect(expandUnitWords('Disdikbud')).toEqual(['DINAS', 'PENDIDIKAN', 'DAN', 'KEBUDAYAAN']);
    expect(expandUnitWords('Dinas Pendidikan & Kebudayaan')).toEqual(['DINAS', 'PENDIDIKAN', 'DAN', 'KEBUDAYAAN']);
    expect(expandUnitWords('SATPOL PP')).toEqual(['SATUAN', 'POLISI', 'PAMONG', 'PRAJA']);
    expect(expandUnitWords('A. SETWAN')).toEqual(['SEKRETARIAT', 'DPRD']);
  });
});

describe('matching a unit name read from an SK to the known units', () => {
  it('proposes the units of the issue for DINKES, KEC. BALIK BUKIT and DINAS PENDIDIKAN', () => {
    expect(proposed('DINKES')).toMatchObject({ name: 'Dinas Kesehatan', via: 'abbreviation' });
    expect(proposed('KEC. BALIK BUKIT')).toMatchObject({ name: 'Kecamatan Balik Bukit', via: 'abbreviation' });
    const pendidikan = proposed('DINAS PENDIDIKAN')!;
    expect(pendidikan).toMatchObject({ name: 'Dinas Pendidikan dan Kebudayaan', via: 'similar' });
    expect(pendidikan.confidence).toBeGreaterThanOrEqual(0.8);
    expect(pendidikan.confidence).toBeLessThan(1);
  });

  it('an exact name or code, in any case or punctuation, is the unit itself with confidence 1', () => {
    expect(proposed('DINAS KESEHATAN')).toMatchObject({ name: 'Dinas Kesehatan', confidence: 1, via: 'exact' });
    expect(proposed('dinas  kesehatan.')).toMatchObject({ name: 'Dinas Kesehatan', confidence: 1, via: 'exact' });
    expect(proposed('P02')).toMatchObject({ name: 'Pekon Sebarus', confidence: 1, via: 'code' });
  });

  it('expands the common abbreviations against the full names', () => {
    expect(nameOf('BAPPEDA')).toBe('Badan Perencanaan Pembangunan Daerah');
    expect(nameOf('BPKAD')).toBe('Badan Pengelolaan Keuangan dan Aset Daerah');
    expect(nameOf('BKPSDM')).toBe('Badan Kepegawaian dan Pengembangan SDM');
    expect(nameOf('SETDA')).toBe('Sekretariat Daerah');
    expect(nameOf('SETWAN')).toBe('Sekretariat DPRD');
    expect(nameOf('DINSOS')).toBe('Dinas Sosial');
    expect(nameOf('DISHUB')).toBe('Dinas Perhubungan');
    expect(nameOf('DLH')).toBe('Dinas Lingkungan Hidup');
    expect(nameOf('DISDUKCAPIL')).toBe('Dinas Kependudukan dan Pencatatan Sipil');
    expect(nameOf('DINAS PUPR')).toBe('Dinas Pekerjaan Umum dan Penataan Ruang');
    expect(nameOf('SATPOL PP')).toBe('Satuan Polisi Pamong Praja');
    expect(nameOf('DPMPTSP')).toBe('Dinas Penanaman Modal dan PTSP');
    expect(nameOf('Kec. Sumberjaya')).toBe('Kecamatan Sumber Jaya');
  });

  it('does not propose Dinas Kesehatan for Dinas Sosial, nor any Dinas for a Dinas it does not know', () => {
    const onlyHealth = new UnitMatcher([{ id: 1, code: '01', name: 'Dinas Kesehatan' }, { id: 2, code: '02', name: 'Dinas Pendidikan dan Kebudayaan' }]);
    expect(onlyHealth.match('Dinas Sosial')).toBeNull();
    expect(onlyHealth.match('DINSOS')).toBeNull();
    expect(onlyHealth.match('Dinas Perikanan')).toBeNull();
    expect(onlyHealth.match('DINAS')).toBeNull();
    expect(onlyHealth.match('Kecamatan Balik Bukit')).toBeNull();
    // Only the kind words shared: not even with the whole demo list.
    expect(proposed('Dinas Pemadam Kebakaran')).toBeNull();
    expect(proposed('Kecamatan Batu Brak')).toBeNull();
    expect(proposed('Pekon Way Mengaku')).toBeNull();
    // A health centre in a village is not the village.
    expect(proposed('UPTD Puskesmas Kenali')).toBeNull();
    expect(proposed('PKM SEBARUS')).toBeNull();
  });

  it('takes the village words for one another', () => {
    expect(nameOf('DESA SEBARUS')).toBe('Pekon Sebarus');
    expect(nameOf('Kampung Canggu')).toBe('Pekon Canggu');
  });

  it('tells neighbouring names apart', () => {
    expect(nameOf('Kecamatan Belalau')).toBe('Kecamatan Belalau');
    expect(nameOf('KEC BELALAU')).toBe('Kecamatan Belalau');
    expect(nameOf('Dinas Pariwisata dan Kebudayaan')).toBe('Dinas Pariwisata');
    expect(nameOf('BADAN PENDAPATAN')).toBe('Badan Pendapatan Daerah');
  });

  it('forgives a typo in a long word and a regency name after the unit', () => {
    expect(nameOf('DINAS KESEHATAM')).toBe('Dinas Kesehatan');
    expect(nameOf('DINAS KESEHATAN KABUPATEN LAMPUNG BARAT')).toBe('Dinas Kesehatan');
    expect(nameOf('RSUD ALIMUDIN UMAR')).toBe('RSUD Alimuddin Umar');
  });

  it('a remembered alias wins over every proposal', () => {
    const withAlias = new UnitMatcher(KNOWN, new Map([['DINAS PENDIDIKAN', KNOWN.find((u) => u.name === 'Dinas Kesehatan')!.id], ['DIKNAS', 4]]));
    expect(withAlias.match('Dinas Pendidikan')).toMatchObject({ name: 'Dinas Kesehatan', confidence: 1, via: 'alias' });
    expect(withAlias.match('diknas.')).toMatchObject({ name: 'Dinas Pendidikan dan Kebudayaan', confidence: 1, via: 'alias' });
  });

  it('an ambiguous short name gets a lower confidence than a clear one', () => {
    const puskesmas = new UnitMatcher([{ id: 1, code: '1', name: 'UPTD Puskesmas Liwa' }, { id: 2, code: '2', name: 'UPTD Puskesmas Kenali' }]);
    expect(puskesmas.match('PKM LIWA')).toMatchObject({ name: 'UPTD Puskesmas Liwa' });
    expect(puskesmas.match('PUSKESMAS')).toBeNull();
  });
});
