/**
 * The alias table: other names a clerk's files use for a unit ("DINKES" -> Dinas Kesehatan).
 * Remembered when the clerk confirms a unit in the SK import; listed, edited and removed in
 * Pengaturan and with `sigap opd alias`. Every change is audited.
 */
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { storeOf } from '../store/of-context';
import { unitKey } from '../../../shared/person-fields';
import { unitRepo, type UnitAliasRow } from './unit-repository';
import { UnitMatcher } from './unit-match';

export type { UnitAliasRow } from './unit-repository';

export async function listUnitAliases(ctx: CoreContext): Promise<UnitAliasRow[]> {
  return unitRepo.aliases(storeOf(ctx));
}

/** unitKey(alias) -> unit id. */
export async function unitAliasIndex(ctx: CoreContext): Promise<Map<string, number>> {
  return new Map((await unitRepo.aliasKeys(storeOf(ctx))).map((r) => [r.aliasKey, r.opdId]));
}

/** A matcher over the units and aliases as they are now. */
export async function unitMatcher(ctx: CoreContext): Promise<UnitMatcher> {
  // One snapshot: an alias never names a unit the list does not have.
  return storeOf(ctx).tx('read', async (q) => {
    const units = (await unitRepo.list(q)).map((o) => ({ id: o.id, code: o.code, name: o.name }));
    return new UnitMatcher(units, new Map((await unitRepo.aliasKeys(q)).map((r) => [r.aliasKey, r.opdId])));
  });
}

/**
 * Remembers `alias` as another name of unit `opdId` (replacing what it meant before). Refuses an alias
 * that is some unit's own name or code: that name already means that unit.
 */
export async function saveUnitAlias(ctx: CoreContext, alias: string, opdId: number): Promise<{ id: number; changed: boolean }> {
  const key = unitKey(alias);
  const shown = alias.trim().replace(/\s+/g, ' ');
  if (key === '') throw new SigapError('INVALID_INPUT', 'Alias unit kosong. Tulis nama seperti yang tertulis di lampiran SK, mis. DINKES.');
  // The checks and the write in one write transaction (a savepoint inside the SK apply's).
  return storeOf(ctx).tx('write', async (q) => {
    const opd = await unitRepo.byId(q, opdId);
    if (!opd) throw new SigapError('NOT_FOUND', `Unit kerja #${opdId} tidak ada.`);
    const clash = (await unitRepo.list(q)).find((o) => unitKey(o.name) === key || unitKey(o.code) === key);
    if (clash) {
      if (clash.id === opdId) throw new SigapError('INVALID_INPUT', `"${shown}" sudah nama atau kode unit ${clash.name}; tidak perlu alias.`);
      throw new SigapError('CONFLICT', `"${shown}" adalah nama atau kode unit lain (${clash.name}); tidak dapat menjadi alias ${opd.name}.`);
    }
    const before = await unitRepo.aliasByKey(q, key);
    if (before && before.opd_id === opdId && before.alias === shown) return { id: before.id, changed: false };
    const now = nowIso(ctx);
    if (before) {
      await unitRepo.updateAlias(q, before.id, shown, opdId, now, ctx.actor);
      await audit(ctx, { action: 'update', entity: 'unit_alias', entityId: before.id, summary: `Alias "${shown}" -> ${opd.name}`, before: { alias: before.alias, opd_id: before.opd_id }, after: { alias: shown, opd_id: opdId } });
      return { id: before.id, changed: true };
    }
    const id = await unitRepo.insertAlias(q, key, shown, opdId, now, ctx.actor);
    await audit(ctx, { action: 'create', entity: 'unit_alias', entityId: id, summary: `Alias "${shown}" -> ${opd.name}`, after: { alias: shown, opd_id: opdId } });
    return { id, changed: true };
  });
}

export async function deleteUnitAlias(ctx: CoreContext, id: number): Promise<void> {
  await storeOf(ctx).tx('write', async (q) => {
    const row = await unitRepo.aliasById(q, id);
    if (!row) throw new SigapError('NOT_FOUND', `Alias #${id} tidak ada (mungkin sudah dihapus).`);
    await unitRepo.deleteAlias(q, id);
    await audit(ctx, { action: 'delete', entity: 'unit_alias', entityId: id, summary: `Alias "${row.alias}" dihapus`, before: { alias: row.alias, opd_id: row.opd_id } });
  });
}

/** Finds the alias to remove by its id or by the name as written. */
export async function findUnitAlias(ctx: CoreContext, aliasOrId: string): Promise<UnitAliasRow | undefined> {
  const all = await listUnitAliases(ctx);
  return all.find((a) => a.aliasKey === unitKey(aliasOrId)) ?? all.find((a) => String(a.id) === aliasOrId.trim());
}
