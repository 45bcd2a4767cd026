import { describe, expect, it } from 'vitest';
import { rowInForce } from '../../renderer/src/pages/billing/rate-value';

const caps = [
  { key: 'pu.jp.wage_cap', effectiveMonth: '2025-03', value: 10_547_400 },
  { key: 'pu.jp.wage_cap', effectiveMonth: '2026-03', value: 11_086_300 },
  { key: 'pu.jp.wage_cap', effectiveMonth: '2024-03', value: 10_042_300 },
  { key: 'pu.jkm', effectiveMonth: '2015-07', value: 30 },
];

describe('the rate row in force', () => {
  it('is the latest effective month on or before the month, whatever the order of the rows', () => {
    expect(rowInForce(caps, 'pu.jp.wage_cap', '2026-02')?.value).toBe(10_547_400);
    expect(rowInForce(caps, 'pu.jp.wage_cap', '2026-03')?.value).toBe(11_086_300);
    expect(rowInForce(caps, 'pu.jp.wage_cap', '2024-02')).toBeUndefined();
    expect(rowInForce(caps, 'pu.jkm', '2026-12')?.value).toBe(30);
  });
});
