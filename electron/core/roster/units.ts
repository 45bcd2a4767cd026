import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { unitKey } from '../../../shared/person-fields';
import { SigapError } from '../../../shared/errors';
import { unitRepo, type OpdRow } from './unit-repository';
import { categoryRepo, type CategoryRow } from './category-repository';

export type { OpdRow } from './unit-repository';
export type { CategoryRow } from './category-repository';

export async function listOpds(ctx: CoreContext): Promise<OpdRow[]> {
  return unitRepo.list(storeOf(ctx));
}

/** A unit as a clerk names it on the command line (`--opd`): its code exactly, or a part of its name matching one unit only. */
export async function unitIdByCodeOrName(ctx: CoreContext, n: string): Promise<number> {
  const q = storeOf(ctx);
  const exact = await unitRepo.byCodeNoCase(q, n);
  if (exact) return exact.id;
  const like = await unitRepo.byNamePart(q, n);
  if (like.length === 1) return like[0]!.id;
  if (like.length === 0) throw new SigapError('NOT_FOUND', `Unit kerja "${n}" tidak ditemukan (cari dengan kode atau nama; daftar: sigap opd list).`);
  throw new SigapError('INVALID_INPUT', `"${n}" cocok dengan ${like.length} unit (${like.slice(0, 4).map((u) => u.name).join(', ')}...); tulis kodenya.`);
}

/** A village-funded unit is recognised by its name. */
export function unitKindOf(name: string): 'opd' | 'village' {
  return /^(DESA|PEKON|KAMPUNG|NAGARI|GAMPONG|KELURAHAN)\b/i.test(name.trim()) ? 'village' : 'opd';
}

export interface NewOpd {
  name: string;
  code?: string;
  kind?: 'opd' | 'village';
  budgetAccount?: string | null;
  address?: string | null;
  headName?: string | null;
  headNip?: string | null;
  headTitle?: string | null;
  pptkName?: string | null;
  pptkNip?: string | null;
  treasurerName?: string | null;
  treasurerNip?: string | null;
}

/** Creates a unit (with the next free code `Unnn` when none is given) and its audit row, in one write transaction. */
export async function createOpd(ctx: CoreContext, o: NewOpd): Promise<number> {
  return storeOf(ctx).tx('write', async (q) => {
    const row = {
      code: o.code ?? (await nextOpdCode(q)),
      name: o.name.trim().replace(/\s+/g, ' '),
      name_key: unitKey(o.name),
      kind: o.kind ?? unitKindOf(o.name),
      budget_account: o.budgetAccount ?? null,
      address: o.address ?? null,
      head_name: o.headName ?? null,
      head_nip: o.headNip ?? null,
      head_title: o.headTitle ?? null,
      pptk_name: o.pptkName ?? null,
      pptk_nip: o.pptkNip ?? null,
      treasurer_name: o.treasurerName ?? null,
      treasurer_nip: o.treasurerNip ?? null,
      created_at: nowIso(ctx),
    };
    const id = await unitRepo.insert(q, row);
    await audit(ctx, { action: 'create', entity: 'opd', entityId: id, summary: `OPD ${row.name}`, after: row });
    return id;
  });
}

async function nextOpdCode(q: Queries): Promise<string> {
  let n = (await unitRepo.count(q)) + 1;
  while (await unitRepo.codeTaken(q, `U${String(n).padStart(3, '0')}`)) n++;
  return `U${String(n).padStart(3, '0')}`;
}

export async function listCategories(ctx: CoreContext): Promise<CategoryRow[]> {
  return categoryRepo.list(storeOf(ctx));
}

/** Finds a category by exact name, or by a word the clerk types (`honorer`, `rentan`, `PU`, `BPU`). */
export async function findCategory(ctx: CoreContext, name: string | undefined): Promise<CategoryRow | null> {
  const all = await listCategories(ctx);
  if (name === undefined || name.trim() === '') return all.find((c) => c.segment === 'PU') ?? all[0] ?? null;
  const q = name.trim().toLowerCase();
  return (
    all.find((c) => c.name.toLowerCase() === q) ??
    all.find((c) => String(c.id) === q) ??
    (q === 'pu' || q === 'bpu' ? all.find((c) => c.segment.toLowerCase() === q) : undefined) ??
    all.find((c) => c.name.toLowerCase().includes(q)) ??
    null
  );
}
