import { describe, expect, it } from 'vitest';
import { formatPercent, formatShare } from '../../shared/percent';

describe('shares', () => {
  it('always carry one decimal, so 89,0% stands beside 84,6%', () => {
    expect(formatShare(89, 100)).toBe('89,0%');
    expect(formatShare(846, 1000)).toBe('84,6%');
    expect(formatShare(2, 3)).toBe('66,7%');
    expect(formatShare(1, 0)).toBe('—');
    expect(formatPercent(100)).toBe('100,0%');
    expect(formatPercent(null)).toBe('—');
  });
});
