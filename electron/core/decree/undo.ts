import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { planUndo, type UndoPlan } from './undo-check';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { decrees } from './decree-repository';
import { undoReads, undoWrites } from './undo-repository';
import { personRepo, type PersonRow } from '../roster/person-repository';

export interface UndoResult {
  decreeId: number;
  number: string;
  engagementsRemoved: number;
  engagementsReopened: number;
  personsRemoved: number;
  personsRestored: number;
  unitsRemoved: number;
  notes: string[];
}

/**
 * Withdraws an applied SK ("Batalkan penerapan SK"): in one transaction, checked again inside it,
 * the engagements it created are removed, those it ended get their previous end back, the person
 * fields it changed get their previous values, the people, aliases and units it made are removed
 * (a unit only if nothing else uses it by then). The decree itself stays, marked withdrawn with the
 * clerk's reason; every change is audited.
 */
export async function undoDecree(ctx: CoreContext, decreeId: number, reason: string): Promise<UndoResult> {
  const why = reason.trim();
  if (why.length < 5) throw new SigapError('INVALID_INPUT', 'Tuliskan alasan pembatalan (paling sedikit 5 huruf), mis. "Lampiran salah, diganti SK perbaikan".');
  // The plan is made inside the write transaction, so what it checked still holds when it writes.
  return storeOf(ctx).tx('write', async (tx) => {
    await undoWrites.lock(tx);
    return apply(ctx, tx, await planUndo(ctx, decreeId), why);
  });
}

async function apply(ctx: CoreContext, tx: Queries, plan: UndoPlan, reason: string): Promise<UndoResult> {
  const { decree, effects } = plan;
  if (plan.blockers.length > 0) throw new SigapError('CONFLICT', `Penerapan SK ${decree.number} tidak dapat dibatalkan. ${plan.blockers.map((b) => b.message).join(' ')}`);
  const at = nowIso(ctx);
  const res: UndoResult = { decreeId: decree.id, number: decree.number, engagementsRemoved: 0, engagementsReopened: 0, personsRemoved: 0, personsRestored: 0, unitsRemoved: 0, notes: plan.notes };
  const nik = async (personId: unknown) => String(await undoWrites.nikOf(tx, personId as number));
  const label = `SK ${decree.number} dibatalkan`;
  // The engagements it created first (its people go after them), then its effects newest first.
  for (const id of plan.created) {
    const row = (await undoWrites.row(tx, 'engagement', id))!;
    await undoWrites.remove(tx, 'engagement', id);
    res.engagementsRemoved++;
    await audit(ctx, { at, action: 'delete', entity: 'engagement', entityId: id, summary: `${await nik(row.person_id)}: keterlibatan dihapus (${label})`, before: row });
  }
  for (const e of [...effects].reverse()) {
    switch (e.kind) {
      case 'engagement_created':
        break; // not written by the apply (see effects.ts); plan.created holds them
      case 'engagement_ended': {
        const before = e.before as { end_date: string | null; end_reason: string | null };
        await undoWrites.reopen(tx, e.targetId, before.end_date, before.end_reason);
        res.engagementsReopened++;
        const personId = (await undoWrites.row(tx, 'engagement', e.targetId))!.person_id;
        await audit(ctx, { at, action: 'update', entity: 'engagement', entityId: e.targetId, summary: `${await nik(personId)}: akhir keterlibatan dipulihkan (${label})`, before: e.after, after: before });
        break;
      }
      case 'person_updated': {
        // The fields are the ones the apply recorded from its own column list (skimport/import-repository.ts).
        await personRepo.update(tx, e.targetId, e.before as Partial<PersonRow>, at);
        res.personsRestored++;
        await audit(ctx, { at, action: 'update', entity: 'person', entityId: e.targetId, summary: `${await nik(e.targetId)}: data dipulihkan (${label})`, before: e.after, after: e.before });
        break;
      }
      case 'person_created': {
        const row = (await undoWrites.row(tx, 'person', e.targetId))!;
        await undoWrites.remove(tx, 'person', e.targetId);
        res.personsRemoved++;
        await audit(ctx, { at, action: 'delete', entity: 'person', entityId: e.targetId, summary: `${String(row.nik)} ${String(row.name)} dihapus (${label})`, before: row });
        break;
      }
      case 'alias_created': {
        const row = await undoWrites.row(tx, 'unit_alias', e.targetId);
        if (!row) break; // already deleted by the clerk
        await undoWrites.remove(tx, 'unit_alias', e.targetId);
        await audit(ctx, { at, action: 'delete', entity: 'unit_alias', entityId: e.targetId, summary: `Nama lain unit "${String(row.alias)}" dihapus (${label})`, before: row });
        break;
      }
      case 'unit_created': {
        if (await removeUnitIfUnused(ctx, tx, e.targetId, at, label)) res.unitsRemoved++;
        else res.notes.push('Unit kerja yang dibuat SK ini tetap ada karena sudah dipakai data lain.');
        break;
      }
    }
  }
  await decrees.markWithdrawn(tx, decree.id, at, ctx.actor, reason);
  await audit(ctx, {
    at, action: 'update', entity: 'decree', entityId: decree.id,
    summary: `Penerapan SK ${decree.number} dibatalkan: ${reason}`,
    before: { status: 'applied' },
    after: { status: 'withdrawn', reason, engagements_removed: res.engagementsRemoved, engagements_reopened: res.engagementsReopened, persons_removed: res.personsRemoved, persons_restored: res.personsRestored, units_removed: res.unitsRemoved },
  });
  return res;
}

/** A unit the SK made goes with it unless something still points at it (another engagement, an invoice, settings). */
async function removeUnitIfUnused(ctx: CoreContext, tx: Queries, opdId: number, at: string, label: string): Promise<boolean> {
  for (const fk of await undoReads.referencing(tx, 'opd')) {
    if (await undoReads.anyEqual(tx, fk.table, fk.column, opdId)) return false;
  }
  const row = await undoWrites.row(tx, 'opd', opdId);
  if (!row) return false;
  await undoWrites.remove(tx, 'opd', opdId);
  await audit(ctx, { at, action: 'delete', entity: 'opd', entityId: opdId, summary: `Unit kerja "${String(row.name)}" dihapus (${label})`, before: row });
  return true;
}
