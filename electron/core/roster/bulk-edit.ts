/**
 * Bulk edit on a selection of the roster: one field (marital status, work location, postal code) set to
 * one value for many people. A preview says how many people and which change (old -> new, counted per
 * old value); applying writes all or nothing, one audit row per person changed, and refuses a preview
 * the roster has moved away from since.
 */
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { CONTACT_COLUMNS, CONTACT_LABELS, CONTACT_PARSERS } from '../../../shared/person-contact';
import { BULK_LIST_LIMIT, type BulkField, type BulkSelectionDto } from '../../../shared/contract/roster-bulk-calls';
import { formatNumber } from '../../../shared/money';
import { rosterPersonIds } from './query';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { personRepo } from './person-repository';
import { personLockRepo } from './person-lock-repository';

export interface BulkChange {
  personId: number;
  nik: string;
  name: string;
  from: string | null;
}

/** What the clerk confirms; `changes` is kept whole in the core, the reply lists the first few. */
export interface BulkPlan {
  field: BulkField;
  value: string | null;
  selected: number;
  changes: BulkChange[];
}

/** The selected people, in the list's order, each once. */
async function selectedIds(ctx: CoreContext, s: BulkSelectionDto): Promise<number[]> {
  if (s.kind === 'ids') return [...new Set(s.personIds)];
  const except = new Set(s.except ?? []);
  return [...new Set(await rosterPersonIds(ctx, s.filter))].filter((p) => !except.has(p));
}

/** The field's current value for each person (missing people are left out). */
async function currentValues(q: Queries, field: BulkField, ids: readonly number[]): Promise<Map<number, { nik: string; name: string; value: string | null }>> {
  const rows = await personRepo.valuesOf(q, CONTACT_COLUMNS[field], ids);
  return new Map(rows.map((r) => [r.id, { nik: r.nik, name: r.name, value: r.value }]));
}

/** Parses the value as every other way in parses it (shared/person-contact.ts) and finds who changes. */
export async function planBulkEdit(ctx: CoreContext, selection: BulkSelectionDto, field: BulkField, text: string): Promise<BulkPlan> {
  const parsed = CONTACT_PARSERS[field](text);
  if (!parsed.ok) throw new SigapError('INVALID_INPUT', parsed.message);
  const ids = await selectedIds(ctx, selection);
  if (ids.length === 0) throw new SigapError('INVALID_INPUT', 'Belum ada pegawai yang dipilih.');
  const current = await currentValues(storeOf(ctx), field, ids);
  const changes: BulkChange[] = [];
  for (const personId of ids) {
    const p = current.get(personId);
    if (!p) throw new SigapError('NOT_FOUND', 'Sebagian pegawai yang dipilih tidak ditemukan lagi. Muat ulang daftar.');
    if (p.value !== parsed.value) changes.push({ personId, nik: p.nik, name: p.name, from: p.value });
  }
  return { field, value: parsed.value, selected: ids.length, changes };
}

/** The reply for the clerk: counts per old value, most first, and the first people by name. */
export function bulkPreviewDto(previewId: string, plan: BulkPlan) {
  const counts = new Map<string | null, number>();
  for (const c of plan.changes) counts.set(c.from, (counts.get(c.from) ?? 0) + 1);
  return {
    previewId,
    field: plan.field,
    label: CONTACT_LABELS[plan.field],
    value: plan.value,
    selected: plan.selected,
    changing: plan.changes.length,
    unchanged: plan.selected - plan.changes.length,
    groups: [...counts].map(([from, count]) => ({ from, count })).sort((a, b) => b.count - a.count),
    people: plan.changes.slice(0, BULK_LIST_LIMIT),
  };
}

/**
 * Writes the plan in one transaction: every person still holds the value the preview showed, or
 * nothing is written. One audit row per person, with the old and new value.
 */
export async function applyBulkEdit(ctx: CoreContext, plan: BulkPlan): Promise<number> {
  const col = CONTACT_COLUMNS[plan.field];
  return storeOf(ctx).tx('write', async (q) => {
    const ids = plan.changes.map((c) => c.personId);
    // Held before they are read: an edit committed meanwhile is seen here, never overwritten unseen.
    await personLockRepo.hold(q, ids);
    const now = await currentValues(q, plan.field, ids);
    const moved = plan.changes.filter((c) => !now.has(c.personId) || now.get(c.personId)!.value !== c.from).length;
    if (moved > 0) {
      throw new SigapError('CONFLICT', `Data ${formatNumber(moved)} pegawai berubah sejak pratinjau. Tidak ada yang disimpan; buat pratinjau lagi.`);
    }
    const at = nowIso(ctx);
    for (const c of plan.changes) {
      await personRepo.update(q, c.personId, { [col]: plan.value }, at);
      await audit(ctx, {
        action: 'update', entity: 'person', entityId: c.personId, at,
        summary: `${c.nik} diubah: ${col} (ubah massal)`,
        before: { [col]: c.from }, after: { [col]: plan.value },
      });
    }
    return plan.changes.length;
  });
}
