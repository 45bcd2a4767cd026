import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { planUndo, type UndoPlan } from './undo-check';

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
export function undoDecree(ctx: CoreContext, decreeId: number, reason: string): UndoResult {
  const why = reason.trim();
  if (why.length < 5) throw new SigapError('INVALID_INPUT', 'Tuliskan alasan pembatalan (paling sedikit 5 huruf), mis. "Lampiran salah, diganti SK perbaikan".');
  return ctx.db.transaction(() => apply(ctx, planUndo(ctx, decreeId), why)).immediate();
}

function apply(ctx: CoreContext, plan: UndoPlan, reason: string): UndoResult {
  const { decree, effects } = plan;
  if (plan.blockers.length > 0) throw new SigapError('CONFLICT', `Penerapan SK ${decree.number} tidak dapat dibatalkan. ${plan.blockers.map((b) => b.message).join(' ')}`);
  const db = ctx.db;
  const at = nowIso(ctx);
  const res: UndoResult = { decreeId: decree.id, number: decree.number, engagementsRemoved: 0, engagementsReopened: 0, personsRemoved: 0, personsRestored: 0, unitsRemoved: 0, notes: plan.notes };
  const nik = db.prepare('SELECT nik FROM person WHERE id = ?').pluck();
  const q = {
    engagement: db.prepare('SELECT * FROM engagement WHERE id = ?'),
    deleteEngagement: db.prepare('DELETE FROM engagement WHERE id = ?'),
    reopen: db.prepare('UPDATE engagement SET end_date = ?, end_reason = ? WHERE id = ?'),
    person: db.prepare('SELECT * FROM person WHERE id = ?'),
    deletePerson: db.prepare('DELETE FROM person WHERE id = ?'),
    alias: db.prepare('SELECT * FROM unit_alias WHERE id = ?'),
    deleteAlias: db.prepare('DELETE FROM unit_alias WHERE id = ?'),
  };
  const label = `SK ${decree.number} dibatalkan`;
  // The engagements it created first (its people go after them), then its effects newest first.
  for (const id of plan.created) {
    const row = q.engagement.get(id) as Record<string, unknown>;
    q.deleteEngagement.run(id);
    res.engagementsRemoved++;
    audit(ctx, { at, action: 'delete', entity: 'engagement', entityId: id, summary: `${String(nik.get(row.person_id))}: keterlibatan dihapus (${label})`, before: row });
  }
  for (const e of [...effects].reverse()) {
    switch (e.kind) {
      case 'engagement_created':
        break; // not written by the apply (see effects.ts); plan.created holds them
      case 'engagement_ended': {
        const before = e.before as { end_date: string | null; end_reason: string | null };
        q.reopen.run(before.end_date, before.end_reason, e.targetId);
        res.engagementsReopened++;
        const personId = (q.engagement.get(e.targetId) as { person_id: number }).person_id;
        audit(ctx, { at, action: 'update', entity: 'engagement', entityId: e.targetId, summary: `${String(nik.get(personId))}: akhir keterlibatan dipulihkan (${label})`, before: e.after, after: before });
        break;
      }
      case 'person_updated': {
        const fields = Object.keys(e.before!);
        db.prepare(`UPDATE person SET ${fields.map((f) => `${f} = @${f}`).join(', ')}, updated_at = @at WHERE id = @id`).run({ ...e.before, at, id: e.targetId });
        res.personsRestored++;
        audit(ctx, { at, action: 'update', entity: 'person', entityId: e.targetId, summary: `${String(nik.get(e.targetId))}: data dipulihkan (${label})`, before: e.after, after: e.before });
        break;
      }
      case 'person_created': {
        const row = q.person.get(e.targetId) as Record<string, unknown>;
        q.deletePerson.run(e.targetId);
        res.personsRemoved++;
        audit(ctx, { at, action: 'delete', entity: 'person', entityId: e.targetId, summary: `${String(row.nik)} ${String(row.name)} dihapus (${label})`, before: row });
        break;
      }
      case 'alias_created': {
        const row = q.alias.get(e.targetId) as Record<string, unknown> | undefined;
        if (!row) break; // already deleted by the clerk
        q.deleteAlias.run(e.targetId);
        audit(ctx, { at, action: 'delete', entity: 'unit_alias', entityId: e.targetId, summary: `Nama lain unit "${String(row.alias)}" dihapus (${label})`, before: row });
        break;
      }
      case 'unit_created': {
        if (removeUnitIfUnused(ctx, e.targetId, at, label)) res.unitsRemoved++;
        else res.notes.push('Unit kerja yang dibuat SK ini tetap ada karena sudah dipakai data lain.');
        break;
      }
    }
  }
  db.prepare("UPDATE decree SET status = 'withdrawn', withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? WHERE id = ?").run(at, ctx.actor, reason, decree.id);
  audit(ctx, {
    at, action: 'update', entity: 'decree', entityId: decree.id,
    summary: `Penerapan SK ${decree.number} dibatalkan: ${reason}`,
    before: { status: 'applied' },
    after: { status: 'withdrawn', reason, engagements_removed: res.engagementsRemoved, engagements_reopened: res.engagementsReopened, persons_removed: res.personsRemoved, persons_restored: res.personsRestored, units_removed: res.unitsRemoved },
  });
  return res;
}

/** A unit the SK made goes with it unless something still points at it (another engagement, an invoice, settings). */
function removeUnitIfUnused(ctx: CoreContext, opdId: number, at: string, label: string): boolean {
  const tables = ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const t of tables) {
    for (const fk of ctx.db.prepare('SELECT "table" AS parent, "from" AS col FROM pragma_foreign_key_list(?)').all(t) as { parent: string; col: string }[]) {
      if (fk.parent === 'opd' && ctx.db.prepare(`SELECT 1 FROM "${t}" WHERE "${fk.col}" = ? LIMIT 1`).get(opdId)) return false;
    }
  }
  const row = ctx.db.prepare('SELECT * FROM opd WHERE id = ?').get(opdId) as Record<string, unknown> | undefined;
  if (!row) return false;
  ctx.db.prepare('DELETE FROM opd WHERE id = ?').run(opdId);
  audit(ctx, { at, action: 'delete', entity: 'opd', entityId: opdId, summary: `Unit kerja "${String(row.name)}" dihapus (${label})`, before: row });
  return true;
}
