/**
 * The alias table: other names a clerk's files use for a unit ("DINKES" -> Dinas Kesehatan).
 * Remembered when the clerk confirms a unit in the SK import; listed, edited and removed in
 * Pengaturan and with `sigap opd alias`. Every change is audited.
 */
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { unitKey } from '../../../shared/person-fields';
import { listOpds } from './units';
import { UnitMatcher } from './unit-match';

export interface UnitAliasRow {
  id: number;
  alias: string;
  aliasKey: string;
  opdId: number;
  opdCode: string;
  opdName: string;
  createdAt: string;
  createdBy: string;
}

export function listUnitAliases(ctx: CoreContext): UnitAliasRow[] {
  return ctx.db
    .prepare(
      `SELECT a.id, a.alias, a.alias_key AS aliasKey, a.opd_id AS opdId, o.code AS opdCode, o.name AS opdName, a.created_at AS createdAt, a.created_by AS createdBy
       FROM unit_alias a JOIN opd o ON o.id = a.opd_id ORDER BY o.name, a.alias`,
    )
    .all() as UnitAliasRow[];
}

/** unitKey(alias) -> unit id. */
export function unitAliasIndex(ctx: CoreContext): Map<string, number> {
  const rows = ctx.db.prepare('SELECT alias_key, opd_id FROM unit_alias').all() as { alias_key: string; opd_id: number }[];
  return new Map(rows.map((r) => [r.alias_key, r.opd_id]));
}

/** A matcher over the units and aliases as they are now. */
export function unitMatcher(ctx: CoreContext): UnitMatcher {
  return new UnitMatcher(listOpds(ctx).map((o) => ({ id: o.id, code: o.code, name: o.name })), unitAliasIndex(ctx));
}

/**
 * Remembers `alias` as another name of unit `opdId` (replacing what it meant before). Refuses an alias
 * that is some unit's own name or code: that name already means that unit.
 */
export function saveUnitAlias(ctx: CoreContext, alias: string, opdId: number): { id: number; changed: boolean } {
  const key = unitKey(alias);
  const shown = alias.trim().replace(/\s+/g, ' ');
  if (key === '') throw new SigapError('INVALID_INPUT', 'Alias unit kosong. Tulis nama seperti yang tertulis di lampiran SK, mis. DINKES.');
  const opd = ctx.db.prepare('SELECT id, name FROM opd WHERE id = ?').get(opdId) as { id: number; name: string } | undefined;
  if (!opd) throw new SigapError('NOT_FOUND', `Unit kerja #${opdId} tidak ada.`);
  const clash = (ctx.db.prepare('SELECT id, code, name FROM opd').all() as { id: number; code: string; name: string }[]).find(
    (o) => unitKey(o.name) === key || unitKey(o.code) === key,
  );
  if (clash) {
    if (clash.id === opdId) throw new SigapError('INVALID_INPUT', `"${shown}" sudah nama atau kode unit ${clash.name}; tidak perlu alias.`);
    throw new SigapError('CONFLICT', `"${shown}" adalah nama atau kode unit lain (${clash.name}); tidak dapat menjadi alias ${opd.name}.`);
  }
  const before = ctx.db.prepare('SELECT id, alias, opd_id FROM unit_alias WHERE alias_key = ?').get(key) as { id: number; alias: string; opd_id: number } | undefined;
  if (before && before.opd_id === opdId && before.alias === shown) return { id: before.id, changed: false };
  const now = nowIso(ctx);
  if (before) {
    ctx.db.prepare('UPDATE unit_alias SET alias = ?, opd_id = ?, created_at = ?, created_by = ? WHERE id = ?').run(shown, opdId, now, ctx.actor, before.id);
    audit(ctx, { action: 'update', entity: 'unit_alias', entityId: before.id, summary: `Alias "${shown}" -> ${opd.name}`, before: { alias: before.alias, opd_id: before.opd_id }, after: { alias: shown, opd_id: opdId } });
    return { id: before.id, changed: true };
  }
  const id = Number(
    ctx.db.prepare('INSERT INTO unit_alias (alias_key, alias, opd_id, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(key, shown, opdId, now, ctx.actor).lastInsertRowid,
  );
  audit(ctx, { action: 'create', entity: 'unit_alias', entityId: id, summary: `Alias "${shown}" -> ${opd.name}`, after: { alias: shown, opd_id: opdId } });
  return { id, changed: true };
}

export function deleteUnitAlias(ctx: CoreContext, id: number): void {
  const row = ctx.db.prepare('SELECT id, alias, opd_id FROM unit_alias WHERE id = ?').get(id) as { id: number; alias: string; opd_id: number } | undefined;
  if (!row) throw new SigapError('NOT_FOUND', `Alias #${id} tidak ada (mungkin sudah dihapus).`);
  ctx.db.prepare('DELETE FROM unit_alias WHERE id = ?').run(id);
  audit(ctx, { action: 'delete', entity: 'unit_alias', entityId: id, summary: `Alias "${row.alias}" dihapus`, before: { alias: row.alias, opd_id: row.opd_id } });
}

/** Finds the alias to remove by its id or by the name as written. */
export function findUnitAlias(ctx: CoreContext, aliasOrId: string): UnitAliasRow | undefined {
  const all = listUnitAliases(ctx);
  return all.find((a) => a.aliasKey === unitKey(aliasOrId)) ?? all.find((a) => String(a.id) === aliasOrId.trim());
}
