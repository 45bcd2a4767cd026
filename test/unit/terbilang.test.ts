import { describe, expect, it } from 'vitest';
import { terbilang, terbilangRupiah } from '../../shared/terbilang';

/** An independent reader of Indonesian number words, to check every value round-trips. */
function readWords(text: string): number {
  const DIGITS: Record<string, number> = { nol: 0, satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9 };
  const SCALES: Record<string, number> = { ribu: 1e3, juta: 1e6, miliar: 1e9, triliun: 1e12, kuadriliun: 1e15 };
  let total = 0;
  let group = 0;
  let num = 0;
  const MULTIPLIERS: Record<string, number> = { belas: 0, puluh: 10, ratus: 100 };
  for (const w of text.split(' ')) {
    if (w in DIGITS) num = DIGITS[w]!;
    else if (w === 'sepuluh') group += 10;
    else if (w === 'sebelas') group += 11;
    else if (w === 'seratus') group += 100;
    else if (w === 'seribu') total += 1000;
    else if (w in MULTIPLIERS) {
      group += w === 'belas' ? num + 10 : num * MULTIPLIERS[w]!;
      num = 0;
    } else if (w in SCALES) {
      total += (group + num) * SCALES[w]!;
      group = 0;
      num = 0;
    } else throw new Error(`unknown word ${w} in "${text}"`);
  }
  return total + group + num;
}

describe('terbilang', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [110, 'seratus sepuluh'],
    [111, 'seratus sebelas'],
    [115, 'seratus lima belas'],
    [200, 'dua ratus'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [1111, 'seribu seratus sebelas'],
    [2000, 'dua ribu'],
    [10_000, 'sepuluh ribu'],
    [11_000, 'sebelas ribu'],
    [100_000, 'seratus ribu'],
    [101_000, 'seratus satu ribu'],
    [111_111, 'seratus sebelas ribu seratus sebelas'],
    [1_000_000, 'satu juta'],
    [1_001_000, 'satu juta seribu'],
    [1_000_001, 'satu juta satu'],
    [5_400, 'lima ribu empat ratus'],
    [16_800, 'enam belas ribu delapan ratus'],
    [22_442_400, 'dua puluh dua juta empat ratus empat puluh dua ribu empat ratus'],
    [45_360_000, 'empat puluh lima juta tiga ratus enam puluh ribu'],
    [1_000_000_000, 'satu miliar'],
    [1_000_000_000_000, 'satu triliun'],
    [2_500_000_000_000, 'dua triliun lima ratus miliar'],
    [999_999_999_999_999, 'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan'],
    [1_000_000_000_000_000, 'satu kuadriliun'],
  ])('%i -> %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('says rupiah for amounts', () => {
    expect(terbilangRupiah(45_360_000)).toBe('empat puluh lima juta tiga ratus enam puluh ribu rupiah');
    expect(terbilangRupiah(0)).toBe('nol rupiah');
  });

  it('reads back to the same number for every value from 0 to 120,000', () => {
    for (let n = 0; n <= 120_000; n++) {
      const w = terbilang(n);
      if (readWords(w) !== n) throw new Error(`${n} -> "${w}" reads as ${readWords(w)}`);
      if (/ {2}|^ | $|satu (puluh|belas|ratus)|^satu ribu|(juta|miliar|triliun) satu ribu/.test(w)) throw new Error(`${n} -> "${w}" is not well formed`);
    }
  });

  it('reads back up to trillions (a sample across every scale)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 5000; k++) {
      const digits = 1 + Math.floor(rnd() * 16);
      const n = Math.floor(rnd() * 10 ** digits);
      if (!Number.isSafeInteger(n)) continue;
      expect(readWords(terbilang(n))).toBe(n);
    }
    expect(readWords(terbilang(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('writes negatives with minus and refuses fractions and unsafe integers', () => {
    expect(terbilang(-5400)).toBe('minus lima ribu empat ratus');
    expect(() => terbilang(1.5)).toThrow(RangeError);
    expect(() => terbilang(2 ** 60)).toThrow(RangeError);
    expect(() => terbilang(Number.NaN)).toThrow(RangeError);
  });
});
