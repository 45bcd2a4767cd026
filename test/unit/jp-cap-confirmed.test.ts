/**
 * Migration 0230: the JP wage caps of March 2020 and 2021 follow from PP 45/2015 Ps.29(3) and lead to
 * the confirmed 2022 cap (domain.md section 3), so they are no longer marked unconfirmed; a row the
 * Pemda edited itself is left as the Pemda wrote it.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDatabase } from '../../electron/core/db/open';
import { MIGRATIONS } from '../../electron/core/db/migrations/index';

const capRows = (db: ReturnType<typeof openDatabase>['db']) =>
  db.prepare("SELECT effective_month AS month, value, confidence, source, updated_by AS by FROM rate_param WHERE key = 'pu.jp.wage_cap' AND effective_month IN ('2020-03', '2021-03') ORDER BY 1").all();

describe('JP wage caps of 2020 and 2021', () => {
  it('are marked as derived by the regulation\'s formula, and the figures themselves check out', async () => {
    // 8.512.400 x 1,0502 = 8.939.722 -> 8.939.700; x 0,9793 = 8.754.648 -> 8.754.600; x 1,0369 = 9.077.645 -> 9.077.600 (2022, confirmed).
    expect(Math.floor((8_512_400 * 1.0502) / 100) * 100).toBe(8_939_700);
    expect(Math.floor((8_939_700 * 0.9793) / 100) * 100).toBe(8_754_600);
    expect(Math.floor((8_754_600 * 1.0369) / 100) * 100).toBe(9_077_600);
    const { db } = openDatabase(':memory:');
    expect(capRows(db)).toEqual([
      { month: '2020-03', value: 8_939_700, confidence: 'M', source: expect.stringContaining('5,02%'), by: 'seed' },
      { month: '2021-03', value: 8_754_600, confidence: 'M', source: expect.stringContaining('-2,07%'), by: 'seed' },
    ]);
    db.close();
  });

  it('leave a row the Pemda edited as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigap-0230-'));
    try {
      const path = join(dir, 'a.db');
      const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version < 230) }).db;
      old.prepare("UPDATE rate_param SET source = 'Surat BPJS cabang 2021', confidence = 'H', updated_by = 'rina' WHERE key = 'pu.jp.wage_cap' AND effective_month = '2021-03'").run();
      old.close();
      const { db } = openDatabase(path);
      expect(capRows(db)).toEqual([
        { month: '2020-03', value: 8_939_700, confidence: 'M', source: expect.stringContaining('5,02%'), by: 'seed' },
        { month: '2021-03', value: 8_754_600, confidence: 'H', source: 'Surat BPJS cabang 2021', by: 'rina' },
      ]);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
