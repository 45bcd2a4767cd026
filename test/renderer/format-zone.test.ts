import { afterEach, describe, expect, it } from 'vitest';
import { formatTimestamp, setOfficeZone } from '../../renderer/src/format';

afterEach(() => setOfficeZone('WIB'));

describe('timestamps on screen', () => {
  it("follow the Pemda's zone", () => {
    expect(formatTimestamp('2026-01-02T03:05:00Z')).toBe('2 Januari 2026 10.05');
    setOfficeZone('WITA');
    expect(formatTimestamp('2026-01-02T03:05:00Z')).toBe('2 Januari 2026 11.05');
    setOfficeZone('WIT');
    expect(formatTimestamp('2026-01-02T15:30:00Z')).toBe('3 Januari 2026 00.30');
  });
});
