import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { unitKey } from '../../../shared/person-fields';

export interface OpdRow {
  id: number;
  code: string;
  name: string;
  kind: 'opd' | 'village';
  budget_account: string | null;
  address: string | null;
  head_name: string | null;
  head_nip: string | null;
  head_title: string | null;
  pptk_name: string | null;
  pptk_nip: string | null;
  treasurer_name: string | null;
  treasurer_nip: string | null;
  /** The employer registration (NPP) of the unit; null: the Pemda's own (settings/registrations.ts). */
  registration_id: number | null;
}

export function listOpds(ctx: CoreContext): OpdRow[] {
  return ctx.db
    .prepare(
      `SELECT id, code, name, kind, budget_account, address, head_name, head_nip, head_title, pptk_name, pptk_nip, treasurer_name, treasurer_nip, registration_id
       FROM opd ORDER BY code`,
    )
    .all() as OpdRow[];
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

export function createOpd(ctx: CoreContext, o: NewOpd): number {
  const code = o.code ?? nextOpdCode(ctx);
  const row = {
    code,
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
  const id = Number(
    ctx.db
      .prepare(
        `INSERT INTO opd (code, name, name_key, kind, budget_account, address, head_name, head_nip, head_title, pptk_name, pptk_nip, treasurer_name, treasurer_nip, created_at)
         VALUES (@code, @name, @name_key, @kind, @budget_account, @address, @head_name, @head_nip, @head_title, @pptk_name, @pptk_nip, @treasurer_name, @treasurer_nip, @created_at)`,
      )
      .run(row).lastInsertRowid,
  );
  audit(ctx, { action: 'create', entity: 'opd', entityId: id, summary: `OPD ${row.name}`, after: row });
  return id;
}

function nextOpdCode(ctx: CoreContext): string {
  const r = ctx.db.prepare("SELECT count(*) AS n FROM opd").get() as { n: number };
  let n = r.n + 1;
  const exists = ctx.db.prepare('SELECT 1 FROM opd WHERE code = ?');
  while (exists.get(`U${String(n).padStart(3, '0')}`)) n++;
  return `U${String(n).padStart(3, '0')}`;
}

export interface CategoryRow {
  id: number;
  name: string;
  segment: 'PU' | 'BPU';
  programs: string;
  jkk_class: number | null;
  enrolled: number;
  registration_id: number | null;
}

export function listCategories(ctx: CoreContext): CategoryRow[] {
  return ctx.db.prepare('SELECT id, name, segment, programs, jkk_class, enrolled, registration_id FROM category ORDER BY id').all() as CategoryRow[];
}

/** Finds a category by exact name, or by a word the clerk types (`honorer`, `rentan`, `PU`, `BPU`). */
export function findCategory(ctx: CoreContext, name: string | undefined): CategoryRow | null {
  const all = listCategories(ctx);
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
