/** Money is INTEGER rupiah everywhere. */

/**
 * Parses an honor written by hand: `Rp 1.500.000,-`, `1.500.000,-`, `Rp1,500,000`, `1500000`,
 * `1.500.000,00`. Returns whole rupiah or null when the text is not an amount.
 */
export function parseRupiahText(text: string): number | null {
  let s = text.trim().replace(/^rp\.?/i, '').replace(/\s/g, '');
  s = s.replace(/,-+$/, '').replace(/\.-+$/, '').replace(/-+$/, '');
  if (s === '') return null;
  // A trailing decimal part of ,00 or .00 (two digits) is cents.
  const cents = /^(.*?)[.,](\d{2})$/.exec(s);
  let whole = s;
  if (cents && !/^\d{1,3}([.,]\d{3})+$/.test(s)) {
    whole = cents[1]!;
    if (cents[2] !== '00') return null;
  }
  if (/^\d{1,3}(\.\d{3})+$/.test(whole) || /^\d{1,3}(,\d{3})+$/.test(whole)) whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole)) return null;
  const n = Number(whole);
  return Number.isSafeInteger(n) ? n : null;
}

const RUPIAH = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** `Rp1.500.000` */
export function formatRupiah(n: number): string {
  return (n < 0 ? '-Rp' : 'Rp') + RUPIAH.format(Math.abs(n));
}

/** `1.500.000` */
export function formatNumber(n: number): string {
  return RUPIAH.format(n);
}
