import type { Migration } from './types';

/**
 * JP stops at retirement age (PP 45/2015 Ps.15): 56 at first, 57 from 1 January 2019, then one year
 * more every three years up to 65. Past it a person is no longer a JP participant: no JP dues, while
 * JKK, JKM and JHT go on. Seeded as dated rows of `rate_param` so a change is a new row with its source.
 */
export const m0110: Migration = {
  version: 110,
  name: 'jp-retirement-age',
  up(db) {
    const param = db.prepare(
      `INSERT INTO rate_param (key, effective_month, value, source, confidence, note, updated_at, updated_by)
       VALUES ('pu.jp.retirement_age', ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'seed')`,
    );
    const rule = 'PP 45/2015 Ps.15: usia pensiun 56, 57 mulai 1 Januari 2019, lalu bertambah 1 tiap 3 tahun sampai 65';
    param.run('2015-07', 56, rule, 'H', null);
    param.run('2019-01', 57, rule, 'H', null);
    param.run('2022-01', 58, rule, 'H', null);
    param.run('2025-01', 59, rule, 'M', 'dikonfirmasi berita 2025 dan tanya-jawab BPJS Ketenagakerjaan');
    for (let year = 2028, age = 60; age <= 65; year += 3, age++) param.run(`${year}-01`, age, rule, 'H', 'menurut rumus Ps.15');
  },
};
