/**
 * The unit decisions of `sigap import-sk`: which unit each name read from the appendix becomes.
 * The wizard asks in its "Unit kerja" section; here the clerk says it with flags.
 */
import type { CoreContext } from '../../core/context';
import type { Preview } from '../../core/skimport/index';
import { unitMatcher } from '../../core/roster/unit-aliases';
import { pendingUnits, type UnitChoices, type UnitDecisions } from '../../core/skimport/unit-resolve';
import { SigapError } from '../../../shared/errors';
import { unitKey } from '../../../shared/person-fields';

export const UNIT_OPTIONS = {
  'map-unit': { type: 'string', multiple: true },
  'accept-unit-proposals': { type: 'boolean' },
  'create-units': { type: 'boolean' },
} as const;

interface UnitFlags {
  'map-unit'?: string[] | undefined;
  'accept-unit-proposals'?: boolean | undefined;
  'create-units'?: boolean | undefined;
}

export interface CliUnitDecisions {
  decisions: UnitDecisions;
  /** Unit id -> name of the units named in --map-unit, for the human output. */
  names: Map<number, string>;
}

/** Reads the flags; `--map-unit` targets must be a unit's exact name, code or alias. */
export async function unitDecisionsFromFlags(ctx: CoreContext, flags: UnitFlags): Promise<CliUnitDecisions> {
  const units: UnitChoices = {};
  const names = new Map<number, string>();
  const matcher = await unitMatcher(ctx);
  for (const m of flags['map-unit'] ?? []) {
    const at = m.indexOf('=');
    const read = at < 0 ? '' : m.slice(0, at).trim();
    const target = at < 0 ? '' : m.slice(at + 1).trim();
    if (read === '' || target === '') {
      throw new SigapError('INVALID_INPUT', `--map-unit "${m}" tidak sah: tulis "NAMA DI BERKAS=Nama unit", mis. --map-unit "DINKES=Dinas Kesehatan".`);
    }
    if (unitKey(target) === 'BARU') {
      units[read] = 'new';
      continue;
    }
    const hit = matcher.match(target);
    if (!hit || hit.confidence < 1) {
      const hint = hit ? ` Maksudnya "${hit.name}"?` : '';
      throw new SigapError('INVALID_INPUT', `--map-unit: unit "${target}" tidak ada.${hint} Tulis nama atau kode persis (lihat sigap opd list), atau BARU untuk membuat unit baru.`);
    }
    units[read] = hit.opdId;
    names.set(hit.opdId, hit.name);
  }
  return {
    decisions: {
      ...(Object.keys(units).length > 0 ? { units } : {}),
      acceptProposals: Boolean(flags['accept-unit-proposals']),
      createUnits: Boolean(flags['create-units']),
    },
    names,
  };
}

/** A blocking entry when some names read are still undecided, naming them and the flags that decide. */
export function unitBlock(pv: Preview, d: UnitDecisions): { code: string; message: string } | null {
  const pending = pendingUnits(pv.units, d);
  if (pending.length === 0) return null;
  const list = pending
    .map((u) => (u.status === 'proposed' ? `"${u.read}" (usulan: ${u.opdName}, keyakinan ${Math.round(u.confidence * 100)}%)` : `"${u.read}" (tidak ada yang mirip)`))
    .join(', ');
  return {
    code: 'UNITS_UNCONFIRMED',
    message:
      `${pending.length} nama unit kerja di berkas belum dipastikan: ${list}. Unit baru hanya dibuat bila Anda memintanya: ` +
      '--map-unit "NAMA=Unit yang ada" (atau "NAMA=BARU"), --accept-unit-proposals untuk menerima usulan, --create-units untuk membuat unit baru bagi nama tanpa usulan.',
  };
}

/** Human lines: every name that is not a unit's own name, with what it becomes. */
export function unitLines(pv: Preview, { decisions: d, names }: CliUnitDecisions): string[] {
  const out: string[] = [];
  for (const u of pv.units) {
    if (u.status === 'exact') continue;
    const chosen = Object.entries(d.units ?? {}).find(([k]) => unitKey(k) === unitKey(u.read))?.[1];
    const what =
      chosen === 'new' ? 'unit baru (diminta)'
      : typeof chosen === 'number' ? `${names.get(chosen) ?? `#${chosen}`} (dipilih)`
      : u.status === 'alias' ? `${u.opdName} (alias tersimpan)`
      : u.status === 'proposed' ? `usulan ${u.opdName} (${Math.round(u.confidence * 100)}%)${d.acceptProposals ? ', diterima' : ''}`
      : d.createUnits ? 'unit baru (--create-units)' : 'belum ada; unit baru hanya bila diminta';
    out.push(`Unit "${u.read}" (${u.rows} baris): ${what}`);
  }
  return out;
}
