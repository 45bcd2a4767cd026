/**
 * Money arithmetic on integer rupiah. A rate is integer basis points (1 bp = 0.01%), so
 * `amount = base x bp / 10,000` is exact in integers until the single rounding step.
 */

/**
 * `base x bp / 10,000` rounded half-up to the rupiah (the product's rule: each program for each
 * person is rounded on its own, and every total is the sum of the rounded lines). BigInt keeps it
 * exact where the product would pass 2^53 (a fine on a large arrear times several months).
 * The SQL used by the billing run is the same formula: `(base * bp + 5000) / 10000`.
 */
export function applyBp(base: number, bp: number, times = 1): number {
  if (!Number.isSafeInteger(base) || !Number.isSafeInteger(bp) || !Number.isSafeInteger(times) || base < 0 || bp < 0 || times < 0) {
    throw new RangeError(`applyBp: bilangan tidak sah (${base}, ${bp}, ${times})`);
  }
  return Number((BigInt(base) * BigInt(bp) * BigInt(times) + 5000n) / 10000n);
}

/** `1.234%` style text of a basis-point rate, for listings (`24` -> `0,24%`). */
export function formatBp(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `,${frac}` : ''}%`;
}
