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

const PERSON_FIELDS = ['name', 'birth_place', 'birth_date', 'sex', 'address', 'phone', 'mother_name', 'kpj'] as const;
type PersonFields = Record<(typeof PERSON_FIELDS)[number], string | null>;

function personFields(r: ParsedRow): PersonFields {
  return {
    name: r.name, birth_place: r.birthPlace, birth_date: r.birthDate, sex: r.sex,
    address: r.address, phone: r.phone, mother_name: r.mother, kpj: r.kpj,
  };
}

/**
 * Writes a previewed SK in one transaction: the decree, new OPDs, persons, the engagements it starts
 * and the ones it ends. Nothing is written when anything fails.
 */
export function applyImport(ctx: CoreContext, previewed: Preview, opts: ApplyOptions = {}): ApplyResult {
  // The roster may have changed since the clerk looked: inside the write transaction, check again
  // unless the database is exactly as it was at the preview.
  return ctx.db
    .transaction(() => applyChecked(ctx, dbVersion(ctx) === previewed.dbVersion ? previewed : previewImport(ctx, previewed.read, previewed.input), opts))
    .immediate();
}

function applyChecked(ctx: CoreContext, preview: Preview, opts: ApplyOptions): ApplyResult {
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
  const db = ctx.db;
  const now = nowIso(ctx);
  const run = db.transaction((): ApplyResult => {
    const decreeId = Number(
      db.prepare(
        `INSERT INTO decree (number, date, subject, tmt_start, tmt_end, signatory, category_id, mode, source_file, source_sha256, imported_at, imported_by, effects_recorded)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      ).run(decree.number, decree.date, decree.subject, decree.tmtStart, decree.tmtEnd, decree.signatory, decree.category.id, decree.mode,
        preview.read.file, preview.read.sha256, now, ctx.actor).lastInsertRowid,
    );
    // Every change below is also recorded as an effect of this decree, so it can be withdrawn exactly.
    const effects = effectRecorder(ctx, decreeId);
    const unitsMade = effects.watchUnits();
    // Units as the clerk decided them: known, chosen (remembered as an alias) or created on request.
    const { keys, created: newUnits } = resolveUnits(ctx, preview.units, opts);
    unitsMade();
    const endedBefore = db.prepare('SELECT end_date, end_reason FROM engagement WHERE id = ?');
    const endStmt = db.prepare('UPDATE engagement SET end_date = ?, end_reason = ? WHERE id = ?');
    const endDate = dayBefore(decree.tmtStart);
    for (const e of preview.toEnd) {
      const reason = e.removed ? `Tidak tercantum dalam SK ${decree.number}` : `Diganti SK ${decree.number}`;
      const before = endedBefore.get(e.engagementId) as { end_date: string | null; end_reason: string | null };
      endStmt.run(endDate, reason, e.engagementId);
      effects.record('engagement_ended', e.engagementId, before, { end_date: endDate, end_reason: reason });
      audit(ctx, { at: now, action: 'end', entity: 'engagement', entityId: e.engagementId, summary: `${e.nik}: ${reason}`, after: { end_date: endDate, end_reason: reason } });
    }
    const findPerson = db.prepare(`SELECT id, ${PERSON_FIELDS.join(', ')} FROM person WHERE nik = ?`);
    const insertPerson = db.prepare(
      `INSERT INTO person (nik, ${PERSON_FIELDS.join(', ')}, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertEng = db.prepare(
      `INSERT INTO engagement (person_id, decree_id, opd_id, category_id, position, honor, reported_wage, start_date, end_date, source_sheet, source_row)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let created = 0;
    let updated = 0;
    let done = 0;
    for (const r of rows) {
      if (opts.failAfter !== undefined && done >= opts.failAfter) throw new Error('injected failure');
      const fields = personFields(r);
      const existing = findPerson.get(r.nik) as ({ id: number } & PersonFields) | undefined;
      const start = r.tmt && r.tmt > decree.tmtStart && r.tmt <= decree.tmtEnd ? r.tmt : decree.tmtStart;
      const honor = r.honor ?? 0;
      const opdId = keys.get(unitKey(r.unit!))!;
      const engagement = { opd: r.unit, honor, start_date: start, end_date: decree.tmtEnd };
      if (!existing) {
        const personId = Number(insertPerson.run(r.nik, fields.name, fields.birth_place, fields.birth_date, fields.sex, fields.address, fields.phone, fields.mother_name, fields.kpj, now, now).lastInsertRowid);
        const engId = Number(insertEng.run(personId, decreeId, opdId, decree.category.id, r.position, honor, honor, start, decree.tmtEnd, r.sheet, r.row).lastInsertRowid);
        // The engagements an SK creates are known by their decree_id; a new person is recorded here.
        effects.record('person_created', personId, null, null);
        created++;
        // One row for the new person and the engagement the SK gives them.
        audit(ctx, { at: now, action: 'create', entity: 'person', entityId: personId, summary: `${r.nik} ${r.name} (SK ${decree.number})`, after: { nik: r.nik, ...fields, engagement: { id: engId, ...engagement } } });
      } else {
        const personId = existing.id;
        // The SK is authoritative for what it states; it never blanks what it does not state.
        const changes = PERSON_FIELDS.filter((f) => fields[f] !== null && fields[f] !== existing[f]);
        if (changes.length > 0) {
          const before = Object.fromEntries(changes.map((f) => [f, existing[f]]));
          const after = Object.fromEntries(changes.map((f) => [f, fields[f]]));
          db.prepare(`UPDATE person SET ${changes.map((f) => `${f} = @${f}`).join(', ')}, updated_at = @now WHERE id = @id`).run({ ...after, now, id: personId });
          effects.record('person_updated', personId, before, after);
          updated++;
          audit(ctx, { at: now, action: 'update', entity: 'person', entityId: personId, summary: `${r.nik} diperbarui dari SK ${decree.number}`, before, after });
        }
        const engId = Number(insertEng.run(personId, decreeId, opdId, decree.category.id, r.position, honor, honor, start, decree.tmtEnd, r.sheet, r.row).lastInsertRowid);
        audit(ctx, { at: now, action: 'create', entity: 'engagement', entityId: engId, summary: `${r.nik} ${r.unit} (SK ${decree.number})`, after: { person_id: personId, ...engagement } });
      }
      done++;
      if (opts.onProgress && done % 5000 === 0) opts.onProgress(done, rows.length);
    }
    audit(ctx, {
      action: 'import', entity: 'decree', entityId: decreeId,
      summary: `SK ${decree.number}: ${rows.length} orang, ${preview.rejected.length} masalah dilewati, ${preview.toEnd.length} keterlibatan diakhiri`,
      after: { number: decree.number, file: preview.read.file, sha256: preview.read.sha256, tmt_start: decree.tmtStart, tmt_end: decree.tmtEnd, category: decree.category.name },
    });
    return { decreeId, number: decree.number, persons: rows.length, created, updated, ended: preview.toEnd.length, newUnits };
  });
  const res = run();
  opts.onProgress?.(rows.length, rows.length);
  return res;
}
