import type { CoreContext } from '../context';
import { SigapError } from '../errors';
import { formatDateId, formatMonthId, monthOf } from '../../../shared/dates';
import { decreeEffects, type Effect } from './effects';

export type BlockerKind = 'withdrawn' | 'legacy' | 'invoice' | 'batch' | 'later_decree' | 'changed' | 'reference' | 'overlap';

export interface UndoBlocker {
  kind: BlockerKind;
  message: string;
}

export interface UndoPlan {
  decree: { id: number; number: string; status: 'applied' | 'withdrawn'; importedAt: string };
  effects: Effect[];
  /** The engagements the SK created (only an apply sets engagement.decree_id). */
  created: number[];
  blockers: UndoBlocker[];
  /** Not blocking: draft invoices that hold this SK's people (the next billing run recomputes them). */
  notes: string[];
  counts: { personsCreated: number; personsUpdated: number; engagementsCreated: number; engagementsEnded: number; unitsCreated: number };
}

/** Friendly names of the tables that may point at a person or an engagement this SK made. */
const TABLE_LABELS: Record<string, string> = {
  incident: 'kejadian (kecelakaan atau kematian)',
  bpjs_membership: 'data kepesertaan dari daftar KPJ BPJS',
  person_exception: 'pengecualian program atau kelas JKK',
};
/** Handled with their own, more precise messages. */
const OWN_CHECKS = new Set(['engagement', 'bpjs_batch_item', 'decree_effect']);

const LIST_MAX = 8;
function listed(items: string[]): string {
  const shown = items.slice(0, LIST_MAX).join(', ');
  return items.length > LIST_MAX ? `${shown}, dan ${items.length - LIST_MAX} lainnya` : shown;
}
const ids = (xs: number[]) => JSON.stringify(xs);
const IN = 'IN (SELECT value FROM json_each(?))';
const AMEND = 'Untuk mengoreksinya, terbitkan dan impor SK perubahan.';

/** Every table with a foreign key to `parent`, and the column that holds it (read from the schema, so new tables count too). */
function referencing(ctx: CoreContext, parent: 'person' | 'engagement'): { table: string; column: string }[] {
  const tables = ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return tables.flatMap((t) =>
    (ctx.db.prepare('SELECT "table" AS parent, "from" AS col FROM pragma_foreign_key_list(?)').all(t) as { parent: string; col: string }[])
      .filter((fk) => fk.parent === parent && !OWN_CHECKS.has(t))
      .map((fk) => ({ table: t, column: fk.col })),
  );
}

/**
 * Whether an applied SK can be withdrawn, and if not, why: what was issued on it (invoices, BPJS
 * batches), which later SK built on it, and what was changed by hand since. Nothing is guessed: an
 * SK applied before its effects were recorded (migration 0150) is refused.
 */
export function planUndo(ctx: CoreContext, decreeId: number): UndoPlan {
  const d = ctx.db.prepare('SELECT id, number, status, imported_at AS importedAt, tmt_end AS tmtEnd, effects_recorded AS recorded FROM decree WHERE id = ?').get(decreeId) as
    (UndoPlan['decree'] & { tmtEnd: string | null; recorded: 0 | 1 }) | undefined;
  if (!d) throw new SigapError('NOT_FOUND', `SK #${decreeId} tidak ditemukan.`);
  const decree = { id: d.id, number: d.number, status: d.status, importedAt: d.importedAt };
  const blockers: UndoBlocker[] = [];
  const notes: string[] = [];
  const effects = d.recorded ? decreeEffects(ctx, decreeId) : [];
  const of = (k: Effect['kind']) => effects.filter((e) => e.kind === k);
  const created = d.recorded
    ? (ctx.db.prepare('SELECT e.id, e.end_date AS endDate, e.end_reason AS endReason, p.nik FROM engagement e JOIN person p ON p.id = e.person_id WHERE e.decree_id = ? ORDER BY e.id').all(decreeId) as
        { id: number; endDate: string | null; endReason: string | null; nik: string }[])
    : [];
  const ended = of('engagement_ended');
  const newPersons = of('person_created');
  const updated = of('person_updated');
  const counts = {
    personsCreated: newPersons.length, personsUpdated: updated.length, engagementsCreated: created.length, engagementsEnded: ended.length,
    unitsCreated: of('unit_created').length,
  };
  if (d.status === 'withdrawn') blockers.push({ kind: 'withdrawn', message: `Penerapan SK ${d.number} sudah dibatalkan.` });
  if (!d.recorded) {
    blockers.push({
      kind: 'legacy',
      message: `SK ${d.number} diterapkan dengan versi Sigap yang belum mencatat rincian setiap perubahannya, sehingga keadaan sebelumnya tidak dapat dipulihkan dengan pasti. ${AMEND}`,
    });
  }
  const createdIds = created.map((e) => e.id);
  if (blockers.length > 0) return { decree, effects, created: createdIds, blockers, notes, counts };

  const endedIds = ended.map((e) => e.targetId);
  const personIds = newPersons.map((e) => e.targetId);
  const db = ctx.db;

  // Issued invoices billed with this SK's engagements, or for the months it ended someone in that unit.
  const invoices = new Map<string, string>();
  const addInvoices = (rows: { number: string | null; month: string; status: string }[]) => {
    for (const r of rows) {
      if (r.status === 'issued') invoices.set(r.number!, `${r.number} (${formatMonthId(r.month)})`);
      else notes.push(`Tagihan draf ${formatMonthId(r.month)} memuat pegawai SK ini; hitung ulang iuran bulan itu setelah pembatalan.`);
    }
  };
  addInvoices(db.prepare(`SELECT DISTINCT i.number, i.month, i.status FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE l.engagement_id ${IN} ORDER BY i.month, i.number`).all(ids(createdIds)) as never);
  const endedFacts = db.prepare(`SELECT e.id, e.opd_id AS opdId, c.segment FROM engagement e JOIN category c ON c.id = e.category_id WHERE e.id = ?`);
  const unitInvoices = db.prepare(
    `SELECT number, month, status FROM invoice WHERE opd_id = ? AND segment = ? AND status = 'issued' AND month > ? AND (? IS NULL OR month <= ?) ORDER BY month, number`,
  );
  for (const e of ended) {
    const f = endedFacts.get(e.targetId) as { opdId: number; segment: string } | undefined;
    if (!f) continue;
    const prevEnd = (e.before?.end_date as string | null) ?? null;
    const prevMonth = prevEnd ? monthOf(prevEnd) : null;
    addInvoices(unitInvoices.all(f.opdId, f.segment, monthOf(e.after!.end_date as string), prevMonth, prevMonth) as never);
  }
  if (invoices.size > 0) {
    blockers.push({ kind: 'invoice', message: `Tagihan yang sudah terbit bergantung pada SK ${d.number}: ${listed([...invoices.values()])}. ${AMEND}` });
  }

  // BPJS batches that reported this SK's people or engagements (a batch before the SK reported the start
  // of an engagement it later ended, and does not depend on it).
  const batches = db
    .prepare(
      `SELECT DISTINCT b.id, b.created_at AS createdAt, b.status FROM bpjs_batch_item i JOIN bpjs_batch b ON b.id = i.batch_id
       WHERE i.engagement_id ${IN} OR i.person_id ${IN} OR (i.engagement_id ${IN} AND b.created_at > ? AND b.status = 'submitted')
       ORDER BY b.id`,
    )
    .all(ids(createdIds), ids(personIds), ids(endedIds), d.importedAt) as { id: number; createdAt: string; status: string }[];
  if (batches.length > 0) {
    const names = batches.map((b) => `#${b.id} (${formatDateId(b.createdAt.slice(0, 10))}${b.status === 'cancelled' ? ', dibatalkan' : ''})`);
    blockers.push({ kind: 'batch', message: `Berkas pelaporan BPJS sudah dibuat dari SK ${d.number}: batch ${listed(names)}. ${AMEND}` });
  }

  // Later SKs built on this one: they ended its engagements, changed its people again, or gave them engagements.
  const later = new Set<string>();
  const laterEffects = db.prepare(
    `SELECT DISTINCT d.number FROM decree_effect x JOIN decree d ON d.id = x.decree_id
     WHERE x.decree_id <> ? AND d.status = 'applied' AND ((x.kind = 'engagement_ended' AND x.target_id ${IN}) OR (x.kind = 'person_updated' AND x.target_id ${IN} AND x.decree_id > ?))`,
  );
  const touched = [...personIds, ...updated.map((u) => u.targetId)];
  for (const n of laterEffects.pluck().all(decreeId, ids(createdIds), ids(touched), decreeId) as string[]) later.add(`SK ${n}`);
  const otherEngagements = db
    .prepare(`SELECT DISTINCT coalesce('SK ' || d.number, 'input manual') FROM engagement e LEFT JOIN decree d ON d.id = e.decree_id WHERE e.person_id ${IN} AND (e.decree_id IS NULL OR e.decree_id <> ?)`)
    .pluck()
    .all(ids(personIds), decreeId) as string[];
  for (const n of otherEngagements) later.add(n);
  if (later.size > 0) {
    blockers.push({ kind: 'later_decree', message: `Perubahan lain dibangun di atas SK ${d.number}: ${listed([...later])}. Batalkan yang lebih baru lebih dulu, atau terbitkan SK perubahan.` });
  }

  // Anything changed since (by hand or by another import): the undo would overwrite it, so it stops and
  // says whose. An engagement's end is the only thing about it that ever changes (roster/person.ts
  // endEngagement, an SK's apply); every write to a person sets updated_at, which the apply set to its
  // own time (the decree's imported_at).
  const changed = new Set<string>();
  for (const e of created) if (e.endDate !== d.tmtEnd || e.endReason !== null) changed.add(e.nik);
  const eng = db.prepare('SELECT e.end_date, e.end_reason, p.nik FROM engagement e JOIN person p ON p.id = e.person_id WHERE e.id = ?');
  for (const e of ended) {
    const now = eng.get(e.targetId) as { end_date: string | null; end_reason: string | null; nik: string } | undefined;
    if (now && (now.end_date !== e.after!.end_date || now.end_reason !== e.after!.end_reason)) changed.add(now.nik);
  }
  const person = db.prepare('SELECT * FROM person WHERE id = ?');
  for (const p of [...newPersons, ...updated]) {
    const now = person.get(p.targetId) as Record<string, unknown> | undefined;
    if (!now) continue;
    const fieldsMoved = p.after !== null && Object.keys(p.after).some((k) => now[k] !== p.after![k]);
    if (now.updated_at !== d.importedAt || fieldsMoved) changed.add(String(now.nik));
  }
  if (changed.size > 0) {
    blockers.push({ kind: 'changed', message: `Data ${changed.size} orang dari SK ${d.number} sudah diubah setelah SK diterapkan (NIK ${listed([...changed])}); pembatalan akan menimpa perubahan itu. Lihat Jejak audit, atau terbitkan SK perubahan.` });
  }

  // Other records about the people and engagements it made (incidents, KPJ lists, exceptions...).
  const refs = new Set<string>();
  for (const [parent, list] of [['person', personIds], ['engagement', createdIds]] as const) {
    for (const r of referencing(ctx, parent)) {
      const hit = db.prepare(`SELECT 1 FROM "${r.table}" WHERE "${r.column}" ${IN} LIMIT 1`).get(ids(list));
      if (hit) refs.add(TABLE_LABELS[r.table] ?? r.table);
    }
  }
  if (refs.size > 0) blockers.push({ kind: 'reference', message: `Sudah ada catatan lain untuk pegawai dari SK ${d.number}: ${listed([...refs])}. ${AMEND}` });

  // Re-opening an ended engagement must not overlap one started since by another SK or by hand.
  const overlap = db.prepare(
    `SELECT p.nik, coalesce('SK ' || d.number, 'input manual') AS src FROM engagement e JOIN person p ON p.id = e.person_id LEFT JOIN decree d ON d.id = e.decree_id
     WHERE e.person_id = ? AND e.category_id = (SELECT category_id FROM engagement WHERE id = ?) AND e.id <> ? AND e.id NOT ${IN}
       AND e.start_date > ? AND (? IS NULL OR e.start_date <= ?) LIMIT 1`,
  );
  const overlaps: string[] = [];
  for (const e of ended) {
    const prevEnd = (e.before?.end_date as string | null) ?? null;
    const personId = (db.prepare('SELECT person_id FROM engagement WHERE id = ?').pluck().get(e.targetId) as number | undefined) ?? -1;
    const hit = overlap.get(personId, e.targetId, e.targetId, ids(createdIds), e.after!.end_date, prevEnd, prevEnd) as { nik: string; src: string } | undefined;
    if (hit) overlaps.push(`${hit.nik} (${hit.src})`);
  }
  if (overlaps.length > 0) {
    blockers.push({ kind: 'overlap', message: `Keterlibatan yang diakhiri SK ${d.number} tidak dapat dibuka kembali karena sudah ada keterlibatan baru: ${listed(overlaps)}.` });
  }
  return { decree, effects, created: createdIds, blockers, notes: [...new Set(notes)], counts };
}
