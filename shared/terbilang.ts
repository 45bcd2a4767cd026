/**
 * Indonesian number words (terbilang) for the amount-in-words line of an invoice.
 * `45360000` -> `empat puluh lima juta tiga ratus enam puluh ribu`.
 *
 * The spelling follows the forms a finance officer writes on a kuitansi: `se-` for one of a unit
 * below a million (sepuluh, sebelas, seratus, seribu) but `satu` from juta upwards (satu juta,
 * satu miliar), and `belas` for 11 to 19.
 */

const DIGITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

/** Group names by powers of a thousand. Kuadriliun covers every safe integer (< 9.007 x 10^15). */
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun'] as const;

/** Words for 1..999 (no scale word). */
function below1000(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(DIGITS[hundreds]!, 'ratus');
  if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest > 11 && rest < 20) words.push(DIGITS[rest - 10]!, 'belas');
  else if (rest >= 20) {
    words.push(DIGITS[Math.floor(rest / 10)]!, 'puluh');
    if (rest % 10 > 0) words.push(DIGITS[rest % 10]!);
  } else if (rest > 0) words.push(DIGITS[rest]!);
  return words;
}

/** Words for a whole number; negative numbers read `minus ...`. Throws on fractions and unsafe integers. */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`terbilang: ${n} bukan bilangan bulat yang aman`);
  if (n === 0) return DIGITS[0];
  if (n < 0) return `minus ${terbilang(-n)}`;
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    // "seribu", never "satu ribu"; but "satu juta", "satu miliar" and up.
    if (g === 1 && i === 1) words.push('seribu');
    else {
      words.push(...below1000(g));
      if (i > 0) words.push(SCALES[i]!);
    }
  }
  return words.join(' ');
}

/** `45360000` -> `empat puluh lima juta tiga ratus enam puluh ribu rupiah`. */
export function terbilangRupiah(n: number): string {
  return `${terbilang(n)} rupiah`;
}
