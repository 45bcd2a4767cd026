import type { Migration } from './types';

/**
 * The JP wage caps of March 2020 and March 2021 were seeded as unconfirmed (L). They follow from PP
 * 45/2015 Ps.29(3), the cap times one plus the previous year's GDP growth: 8,512,400 x 1.0502 =
 * 8,939,700 (2019 growth 5.02%, rounded down to the hundred), then x 0.9793 = 8,754,600 (2020: -2.07%),
 * and 2021's 3.69% gives the confirmed 2022 cap 9,077,600 (domain.md section 3). Only rows nobody has
 * edited since the seed change.
 */
/** The two rows as the seed wrote them, and what they become (shared with the PostgreSQL part). */
export const JP_CAP_CONFIRMED: readonly { month: string; value: number; source: string; note: string }[] = [
  { month: '2020-03', value: 8_939_700, source: 'PP 45/2015 Ps.29(3): batas 2019 x (1 + pertumbuhan PDB 2019 5,02%)', note: 'dihitung dengan rumus; memberi batas 2022 yang dikonfirmasi' },
  { month: '2021-03', value: 8_754_600, source: 'PP 45/2015 Ps.29(3): batas 2020 x (1 + pertumbuhan PDB 2020 -2,07%)', note: 'dihitung dengan rumus; memberi batas 2022 yang dikonfirmasi' },
];

export const m0230: Migration = {
  version: 230,
  name: 'jp-cap-2020-2021',
  up(db) {
    const update = db.prepare(
      `UPDATE rate_param SET confidence = 'M', source = ?, note = ?
       WHERE key = 'pu.jp.wage_cap' AND effective_month = ? AND value = ? AND updated_by = 'seed'`,
    );
    for (const r of JP_CAP_CONFIRMED) update.run(r.source, r.note, r.month, r.value);
  },
};
