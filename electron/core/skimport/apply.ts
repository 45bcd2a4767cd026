import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit, auditBatch } from '../audit';
import { SigapError } from '../errors';
import { dayBefore } from '../../../shared/dates';
import { unitKey } from '../../../shared/person-fields';
import { resolveUnits, pendingUnits, pendingUnitsMessage, type UnitDecisions } from './unit-resolve';
import { dbVersion, previewImport, type Preview } from './preview';
import type { ParsedRow } from './types';
import { effectRecorder } from '../decree/effects';
import { storeOf } from '../store/of-context';
import type { Engine, Queries } from '../store/store';
import { PERSON_FIELDS, skImport, type PersonFields } from './import-repository';
import { personRepo, type PersonRow } from '../roster/person-repository';

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
    const same = (await dbVersion(tx, store)) === previewed.dbVersion;
    return applyChecked(ctx, tx, store.engine, same ? previewed : await previewImport(ctx, previewed.read, previewed.input), opts);
  });
}

async function applyChecked(ctx: CoreContext, tx: Queries, engine: Engine, preview: Preview, opts: ApplyOptions): Promise<ApplyResult> {
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
  const rows = preview.read.rows.filter((r) => !r.invalid);
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
  const endDate = dayBefore(decree.tmtStart);
  for (const e of preview.toEnd) {
    const reason = e.removed ? `Tidak tercantum dalam SK ${decree.number}` : `Diganti SK ${decree.number}`;
    const before = await skImport.engagementEnd(tx, e.engagementId);
    await personRepo.endEngagement(tx, e.engagementId, endDate, reason);
    await effects.record('engagement_ended', e.engagementId, before, { end_date: endDate, end_reason: reason });
    await audit(ctx, { at: now, action: 'end', entity: 'engagement', entityId: e.engagementId, summary: `${e.nik}: ${reason}`, after: { end_date: endDate, end_reason: reason } });
  }
  const known = new Map((await skImport.peopleByNik(tx, rows.map((r) => r.nik))).map(({ nik, ...p }) => [nik, p]));
  let created = 0;
  let updated = 0;
  let done = 0;
  // One audit row per person as below, written 500 to a statement instead of one await each.
  const audits = auditBatch(ctx, tx);
  for (const r of rows) {
    if (opts.failAfter !== undefined && done >= opts.failAfter) throw new Error('injected failure');
    const fields = personFields(r);
    const existing = known.get(r.nik);
    const start = r.tmt && r.tmt > decree.tmtStart && r.tmt <= decree.tmtEnd ? r.tmt : decree.tmtStart;
    const honor = r.honor ?? 0;
    const opdId = keys.get(unitKey(r.unit!))!;
    const engagement = { opd: r.unit, honor, start_date: start, end_date: decree.tmtEnd };
    const newEngagement = (personId: number) => skImport.insertEngagement(tx, engine, {
      personId, decreeId, opdId, categoryId: decree.category.id, position: r.position, honor, startDate: start, endDate: decree.tmtEnd, sourceSheet: r.sheet, sourceRow: r.row,
    });
    if (!existing) {
      const personId = await skImport.insertPerson(tx, engine, r.nik, fields, now);
      known.set(r.nik, { id: personId, ...fields });
      const engId = await newEngagement(personId);
      // The engagements an SK creates are known by their decree_id; a new person is recorded here.
      await effects.record('person_created', personId, null, null);
      created++;
      // One row for the new person and the engagement the SK gives them.
      const w = audits.add({ at: now, action: 'create', entity: 'person', entityId: personId, summary: `${r.nik} ${r.name} (SK ${decree.number})`, after: { nik: r.nik, ...fields, engagement: { id: engId, ...engagement } } });
      if (w) await w;
    } else {
      const personId = existing.id;
      // The SK is authoritative for what it states; it never blanks what it does not state.
      const changes = PERSON_FIELDS.filter((f) => fields[f] !== null && fields[f] !== existing[f]);
      if (changes.length > 0) {
        const before = Object.fromEntries(changes.map((f) => [f, existing[f]]));
        const after = Object.fromEntries(changes.map((f) => [f, fields[f]]));
        await personRepo.update(tx, personId, after as Partial<PersonRow>, now);
        await effects.record('person_updated', personId, before, after);
        updated++;
        const w = audits.add({ at: now, action: 'update', entity: 'person', entityId: personId, summary: `${r.nik} diperbarui dari SK ${decree.number}`, before, after });
        if (w) await w;
      }
      const engId = await newEngagement(personId);
      const w = audits.add({ at: now, action: 'create', entity: 'engagement', entityId: engId, summary: `${r.nik} ${r.unit} (SK ${decree.number})`, after: { person_id: personId, ...engagement } });
      if (w) await w;
    }
    done++;
    if (opts.onProgress && done % 5000 === 0) opts.onProgress(done, rows.length);
  }
  await effects.flush();
  await audits.flush();
  await audit(ctx, {
    action: 'import', entity: 'decree', entityId: decreeId,
    summary: `SK ${decree.number}: ${rows.length} orang, ${preview.rejected.length} masalah dilewati, ${preview.toEnd.length} keterlibatan diakhiri`,
    after: { number: decree.number, file: preview.read.file, sha256: preview.read.sha256, tmt_start: decree.tmtStart, tmt_end: decree.tmtEnd, category: decree.category.name },
  });
  opts.onProgress?.(rows.length, rows.length);
  return { decreeId, number: decree.number, persons: rows.length, created, updated, ended: preview.toEnd.length, newUnits };
}
