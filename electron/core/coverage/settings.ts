/**
 * The coverage area's small settings, kept as rows of the key-value `setting` table:
 * - the village rule "at least N pekerja rentan per village" (Paritrana's village ecosystem; the
 *   Lampung Barat example in domain.md section 9 uses 10 per pekon, the default here);
 * - the working population (semesta pekerja) and the region's covered workers as the branch reports
 *   them, both optional, for coverage as the Paritrana Award counts it;
 * - the number of working days an incident must be reported within (default 2);
 * - the JP wage cap growth assumed for next year's budget (percent, default 5).
 */
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { storeOf } from '../store/of-context';
import { putSetting, settingsByPrefix } from '../settings/setting-repository';

export interface CoverageSettings {
  villageQuota: number;
  /** Year the working-population figures refer to. */
  semestaYear: number | null;
  semestaPekerja: number | null;
  /** Workers covered in the whole region (PU / BPU) as the branch office reports them. */
  regionCoveredPu: number | null;
  regionCoveredBpu: number | null;
  incidentDeadlineDays: number;
  jpCapGrowthPct: number;
}

export const DEFAULT_SETTINGS: CoverageSettings = {
  villageQuota: 10,
  semestaYear: null,
  semestaPekerja: null,
  regionCoveredPu: null,
  regionCoveredBpu: null,
  incidentDeadlineDays: 2,
  jpCapGrowthPct: 5,
};

const KEYS: Record<keyof CoverageSettings, string> = {
  villageQuota: 'coverage.village_quota',
  semestaYear: 'coverage.semesta_year',
  semestaPekerja: 'coverage.semesta_pekerja',
  regionCoveredPu: 'coverage.region_covered_pu',
  regionCoveredBpu: 'coverage.region_covered_bpu',
  incidentDeadlineDays: 'incident.deadline_working_days',
  jpCapGrowthPct: 'forecast.jp_cap_growth_pct',
};

export async function coverageSettings(ctx: CoreContext): Promise<CoverageSettings> {
  const rows = await settingsByPrefix(storeOf(ctx), ['coverage.', 'incident.', 'forecast.']);
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  const out = { ...DEFAULT_SETTINGS };
  for (const [field, key] of Object.entries(KEYS) as [keyof CoverageSettings, string][]) {
    const raw = byKey.get(key);
    if (raw === undefined) continue;
    const n = raw === '' ? null : Number(raw);
    (out as Record<string, number | null>)[field] = n === null || Number.isFinite(n) ? n : (DEFAULT_SETTINGS[field] as number | null);
  }
  return out;
}

const LIMITS: Record<keyof CoverageSettings, [number, number, boolean]> = {
  villageQuota: [0, 10_000, false],
  semestaYear: [2000, 2100, true],
  semestaPekerja: [1, 100_000_000, true],
  regionCoveredPu: [0, 100_000_000, true],
  regionCoveredBpu: [0, 100_000_000, true],
  incidentDeadlineDays: [1, 30, false],
  jpCapGrowthPct: [-20, 50, false],
};

const LABELS: Record<keyof CoverageSettings, string> = {
  villageQuota: 'Kuota pekerja rentan per desa',
  semestaYear: 'Tahun data semesta pekerja',
  semestaPekerja: 'Semesta pekerja',
  regionCoveredPu: 'Peserta PU di wilayah',
  regionCoveredBpu: 'Peserta BPU di wilayah',
  incidentDeadlineDays: 'Batas hari kerja pelaporan kejadian',
  jpCapGrowthPct: 'Asumsi kenaikan batas upah JP',
};

/** Saves the given fields (null clears an optional figure), with an audit row. */
export async function saveCoverageSettings(ctx: CoreContext, patch: Partial<CoverageSettings>): Promise<CoverageSettings> {
  const now = nowIso(ctx);
  return storeOf(ctx).tx('write', async (q) => {
    const before = await coverageSettings(ctx);
    for (const [field, value] of Object.entries(patch) as [keyof CoverageSettings, number | null | undefined][]) {
      if (value === undefined || !(field in KEYS)) continue;
      const [min, max, nullable] = LIMITS[field];
      if (value === null) {
        if (!nullable) throw new SigapError('INVALID_INPUT', `${LABELS[field]} wajib diisi.`);
      } else if (!Number.isFinite(value) || value < min || value > max || (field !== 'jpCapGrowthPct' && !Number.isInteger(value))) {
        throw new SigapError('INVALID_INPUT', `${LABELS[field]} harus angka antara ${min} dan ${max}.`);
      }
      await putSetting(q, KEYS[field], value === null ? '' : String(value), now);
    }
    const after = await coverageSettings(ctx);
    await audit(ctx, { action: 'update', entity: 'setting', entityId: null, summary: 'Pengaturan cakupan diubah', before, after });
    return after;
  });
}
