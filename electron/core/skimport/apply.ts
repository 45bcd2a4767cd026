import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { dayBefore } from '../../../shared/dates';
import { unitKey } from '../../../shared/person-fields';
import { resolveUnits, pendingUnits, pendingUnitsMessage, type UnitDecisions } from './unit-resolve';
import { dbVersion, previewImport, type Preview } from './preview';
import type { ParsedRow } from './types';
import { effectRecorder } from '../decree/effects';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { PERSON_FIELDS, skImport, type PersonFields } from './import-repository';
import { personRepo, type PersonRow } from '../roster/person-repository';
import { auditLog, type NewAuditRow } from '../audit-repository';

/** Rows of an SK written together (one statement each for the new people and the engagements on PostgreSQL). */
const APPLY_CHUNK = 5000;

/** Unit decisions (UnitDecisions): names read that are not a known unit need one, or nothing is applied. */
export interface ApplyOptions extends UnitDecisions {
  /** Apply the valid rows even though other rows were rejected. */
  skipInvalid?: boolean;
  sourcePath?: string;
  onProgress?: (done: number, total: number) => void;
  /** Test hook: throws after this many persons, to prove the transaction rolls back. */
  failAfter?: number;
}

export interface ApplyResult {
  decreeId: number;
  number: string;
  persons: number;
  created: number;
  updated: number;
  ended: number;
  newUnits: number;
}

function personFields(r: ParsedRow): PersonFields {
  return {
    name: r.name, birth_place: r.birthPlace, birth_date: r.birthDate, sex: r.sex,
    address: r.address, phone: r.phone, mother_name: r.mother, kpj: r.kpj,
  };
}

/**
 * Writes a previewed SK in one write transaction: the decree, new OPDs, persons, the engagements it
 * starts and the ones it ends. Nothing is written when anything fails.
 */
export function applyImport(ctx: CoreContext, previewed: Preview, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const store = storeOf(ctx);
  return store.tx('write', async (tx) => {
    // The roster may have changed since the clerk looked: inside the write transaction, check again
    // unless the database is exactly as it was at the preview.
    await skImport.lockForApply(tx);
    const same = (await dbVersion(tx, store)) === previewed.dbVersion;
    return applyChecked(ctx, tx, same ? previewed : await previewImport(ctx, previewed.read, previewed.input), opts);
  });
}

async function applyChecked(ctx: CoreContext, tx: Queries, preview: Preview, opts: ApplyOptions): Promise<ApplyResult> {
  const { decree } = preview;
  if (!decree || preview.blocking.length > 0) {
    throw new SigapError('IMPORT_INVALID_ROWS', preview.blocking.map((b) => b.message).join(' ') || 'SK tidak dapat diterapkan.');
  }
  if (preview.rejected.length > 0 && !opts.skipInvalid) {
    throw new SigapError(
      'IMPORT_INVALID_ROWS',
      `${preview.rejected.length} masalah pada baris berkas; tidak ada yang disimpan. Perbaiki berkas, atau pilih untuk menerapkan baris yang sah saja.`,
    );
  }
  const rows = preview.valid;
  const undecided = pendingUnits(preview.units, opts);
  if (undecided.length > 0) throw new SigapError('INVALID_INPUT', pendingUnitsMessage(undecided));
  if (rows.length === 0) throw new SigapError('IMPORT_INVALID_ROWS', 'Tidak ada baris sah untuk diterapkan.');
  // One clock read for the whole SK: every row and audit entry carries the apply's time.
  const now = nowIso(ctx);
  const decreeId = await skImport.insertDecree(tx, {
    number: decree.number, date: decree.date, subject: decree.subject, tmtStart: decree.tmtStart, tmtEnd: decree.tmtEnd, signatory: decree.signatory,
    categoryId: decree.category.id, mode: decree.mode, sourceFile: preview.read.file, sourceSha256: preview.read.sha256, importedAt: now, importedBy: ctx.actor,
  });
  // Every change below is also recorded as an effect of this decree, so it can be withdrawn exactly.
  const effects = effectRecorder(tx, decreeId);
  const unitsMade = await effects.watchUnits();
  // Units as the clerk decided them: known, chosen (remembered as an alias) or created on request.
  const { keys, created: newUnits } = await resolveUnits(ctx, tx, preview.units, opts);
  await unitsMade();
  // The audit rows of the ends, people and engagements, written in their order (one statement per
  // chunk of them on PostgreSQL).
  const audits: NewAuditRow[] = [];
  const note = (action: 'create' | 'update' | 'end', entity: 'person' | 'engagement', entityId: number, summary: string, before: unknown, after: unknown) =>
    audits.push({
      at: now, actor: ctx.actor, action, entity, entityId, summary,
      beforeJson: before === undefined ? null : JSON.stringify(before), afterJson: JSON.stringify(after),
    });
  // The engagements the SK ends: their ends as they were read at once, then ended in one statement per reason.
  const endDate = dayBefore(decree.tmtStart);
  const reasonOf = (removed: boolean) => (removed ? `Tidak tercantum dalam SK ${decree.number}` : `Diganti SK ${decree.number}`);
  const ends = await skImport.engagementEnds(tx, preview.toEnd.map((e) => e.engagementId));
  for (const removed of [true, false]) {
    await skImport.endEngagements(tx, preview.toEnd.filter((e) => e.removed === removed).map((e) => e.engagementId), endDate, reasonOf(removed));
  }
  for (const e of preview.toEnd) {
    const end = { end_date: endDate, end_reason: reasonOf(e.removed) };
    await effects.record('engagement_ended', e.engagementId, ends.get(e.engagementId)!, end);
    note('end', 'engagement', e.engagementId, `${e.nik}: ${end.end_reason}`, undefined, end);
  }
  await auditLog.insertMany(tx, audits.splice(0));
  const known = new Map((await skImport.peopleByNik(tx, rows.map((r) => r.nik))).map(({ nik, ...p }) => [nik, p]));
  let created = 0;
  let updated = 0;
  let done = 0;
  // Chunks of rows: their new people in one go, then their engagements (SQLite writes them one
  // statement per row either way; PostgreSQL one statement per chunk), then effects and audit rows.
  for (let c = 0; c < rows.length; c += APPLY_CHUNK) {
    const plans = rows.slice(c, c + APPLY_CHUNK).map((r) => {
      const fields = personFields(r);
      const start = r.tmt && r.tmt > decree.tmtStart && r.tmt <= decree.tmtEnd ? r.tmt : decree.tmtStart;
      const honor = r.honor ?? 0;
      return { r, fields, existing: known.get(r.nik), start, honor, opdId: keys.get(unitKey(r.unit!))!, personId: 0 };
    });
    const fresh = plans.filter((p) => !p.existing);
    const made = await skImport.insertPersons(tx, fresh.map((p) => ({ nik: p.r.nik, fields: p.fields })), now);
    const changed: { before: Record<string, unknown>; after: Record<string, unknown> }[] = [];
    for (let i = 0; i < plans.length; i++) {
      const p = plans[i]!;
      if (!p.existing) {
        p.personId = made.get(p.r.nik)!;
        known.set(p.r.nik, { id: p.personId, ...p.fields });
        continue;
      }
      p.personId = p.existing.id;
      // The SK is authoritative for what it states; it never blanks what it does not state.
      const changes = PERSON_FIELDS.filter((f) => p.fields[f] !== null && p.fields[f] !== p.existing![f]);
      if (changes.length === 0) continue;
      const before = Object.fromEntries(changes.map((f) => [f, p.existing![f]]));
      const after = Object.fromEntries(changes.map((f) => [f, p.fields[f]]));
      await personRepo.update(tx, p.personId, after as Partial<PersonRow>, now);
      changed[i] = { before, after };
    }
    const engIds = await skImport.insertEngagements(tx, plans.map((p) => ({
      personId: p.personId, decreeId, opdId: p.opdId, categoryId: decree.category.id, position: p.r.position, honor: p.honor,
      startDate: p.start, endDate: decree.tmtEnd, sourceSheet: p.r.sheet, sourceRow: p.r.row,
    })));
    for (let i = 0; i < plans.length; i++) {
      if (opts.failAfter !== undefined && done >= opts.failAfter) throw new Error('injected failure');
      const { r, fields, personId } = plans[i]!;
      const engagement = { opd: r.unit, honor: plans[i]!.honor, start_date: plans[i]!.start, end_date: decree.tmtEnd };
      if (!plans[i]!.existing) {
        // The engagements an SK creates are known by their decree_id; a new person is recorded here.
        await effects.record('person_created', personId, null, null);
        created++;
        // One row for the new person and the engagement the SK gives them.
        note('create', 'person', personId, `${r.nik} ${r.name} (SK ${decree.number})`, undefined, { nik: r.nik, ...fields, engagement: { id: engIds[i], ...engagement } });
      } else {
        const change = changed[i];
        if (change) {
          await effects.record('person_updated', personId, change.before, change.after);
          updated++;
          note('update', 'person', personId, `${r.nik} diperbarui dari SK ${decree.number}`, change.before, change.after);
        }
        note('create', 'engagement', engIds[i]!, `${r.nik} ${r.unit} (SK ${decree.number})`, undefined, { person_id: personId, ...engagement });
      }
      done++;
      if (opts.onProgress && done % 5000 === 0) opts.onProgress(done, rows.length);
    }
    await auditLog.insertMany(tx, audits.splice(0));
  }
  await effects.flush();
  await audit(ctx, {
    action: 'import', entity: 'decree', entityId: decreeId,
    summary: `SK ${decree.number}: ${rows.length} orang, ${preview.rejected.length} masalah dilewati, ${preview.toEnd.length} keterlibatan diakhiri`,
    after: { number: decree.number, file: preview.read.file, sha256: preview.read.sha256, tmt_start: decree.tmtStart, tmt_end: decree.tmtEnd, category: decree.category.name },
  });
  opts.onProgress?.(rows.length, rows.length);
  return { decreeId, number: decree.number, persons: rows.length, created, updated, ended: preview.toEnd.length, newUnits };
}
