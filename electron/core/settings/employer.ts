import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { unitKey } from '../../../shared/person-fields';

export interface Employer {
  name: string;
  npp: string | null;
  address: string | null;
  jkkClass: number;
  logo: string | null;
}

export function getEmployer(ctx: CoreContext): Employer | null {
  const r = ctx.db.prepare('SELECT name, npp, address, jkk_class AS jkkClass, logo FROM employer WHERE id = 1').get() as Employer | undefined;
  return r ?? null;
}

export function saveEmployer(ctx: CoreContext, e: { name: string; npp?: string | null | undefined; address?: string | null | undefined; jkkClass: number; logo?: string | null | undefined }): void {
  ctx.db.transaction(() => {
    const before = getEmployer(ctx);
    const npp = e.npp?.trim() || null;
    if (npp !== null && !/^[0-9A-Za-z.-]{4,20}$/.test(npp)) throw new SigapError('INVALID_INPUT', 'NPP hanya berisi angka/huruf, 4 sampai 20 karakter.');
    const after: Employer = {
      name: e.name.trim(),
      npp,
      address: e.address?.trim() || null,
      jkkClass: e.jkkClass,
      // `undefined` keeps the current logo; `null` removes it.
      logo: e.logo === undefined ? (before?.logo ?? null) : e.logo,
    };
    ctx.db.prepare(
      `INSERT INTO employer (id, name, npp, address, jkk_class, logo) VALUES (1, @name, @npp, @address, @jkkClass, @logo)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, npp = excluded.npp, address = excluded.address, jkk_class = excluded.jkk_class, logo = excluded.logo`,
    ).run(after);
    const strip = (x: Employer | null) => (x ? { ...x, logo: x.logo ? `(${x.logo.length} karakter)` : null } : null);
    audit(ctx, { action: before ? 'update' : 'create', entity: 'employer', entityId: 1, summary: `Profil Pemda: ${after.name}`, before: strip(before), after: strip(after) });
  })();
}

export interface OpdInput {
  id?: number | undefined;
  code: string;
  name: string;
  kind: 'opd' | 'village';
  budgetAccount?: string | null | undefined;
  address?: string | null | undefined;
  headName?: string | null | undefined; headNip?: string | null | undefined; headTitle?: string | null | undefined;
  pptkName?: string | null | undefined; pptkNip?: string | null | undefined;
  treasurerName?: string | null | undefined; treasurerNip?: string | null | undefined;
}

const COLS = {
  code: 'code', name: 'name', kind: 'kind', budgetAccount: 'budget_account', address: 'address',
  headName: 'head_name', headNip: 'head_nip', headTitle: 'head_title', pptkName: 'pptk_name', pptkNip: 'pptk_nip',
  treasurerName: 'treasurer_name', treasurerNip: 'treasurer_nip',
} as const;

/** Creates or edits a paying unit and its officials (the signature blocks of its invoices). */
export function saveOpd(ctx: CoreContext, o: OpdInput): number {
  return ctx.db.transaction(() => {
    const row: Record<string, string | null> = {};
    for (const [k, col] of Object.entries(COLS)) {
      const v = (o as unknown as Record<string, string | null | undefined>)[k];
      row[col] = typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ') : null;
    }
    row.name_key = unitKey(o.name);
    const clash = ctx.db.prepare('SELECT id, name FROM opd WHERE (code = @code OR name_key = @name_key) AND id IS NOT @id').get({ code: row.code, name_key: row.name_key, id: o.id ?? null }) as { id: number; name: string } | undefined;
    if (clash) throw new SigapError('CONFLICT', `Kode atau nama OPD sudah dipakai oleh "${clash.name}".`);
    if (o.id === undefined) {
      const id = Number(ctx.db.prepare(`INSERT INTO opd (${Object.keys(row).join(', ')}, created_at) VALUES (${Object.keys(row).map((k) => `@${k}`).join(', ')}, @now)`).run({ ...row, now: nowIso(ctx) }).lastInsertRowid);
      audit(ctx, { action: 'create', entity: 'opd', entityId: id, summary: `OPD ${row.name}`, after: row });
      return id;
    }
    const before = ctx.db.prepare(`SELECT ${Object.keys(row).join(', ')} FROM opd WHERE id = ?`).get(o.id) as Record<string, string | null> | undefined;
    if (!before) throw new SigapError('NOT_FOUND', 'OPD tidak ditemukan.');
    const changed = Object.keys(row).filter((k) => row[k] !== before[k]);
    if (changed.length > 0) {
      ctx.db.prepare(`UPDATE opd SET ${changed.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...Object.fromEntries(changed.map((k) => [k, row[k]])), id: o.id });
      audit(ctx, { action: 'update', entity: 'opd', entityId: o.id, summary: `OPD ${row.name} diubah`, before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, row[k]])) });
    }
    return o.id;
  })();
}
