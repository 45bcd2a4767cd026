import type { CoreContext } from '../context';
import { SigapError } from '../errors';
import { formatDateId, formatMonthId, monthOf } from '../../../shared/dates';
import { decreeEffects, type Effect } from './effects';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { decrees } from './decree-repository';
import { undoReads, undoWrites } from './undo-repository';

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
const AMEND = 'Untuk mengoreksinya, terbitkan dan impor SK perubahan.';

/** Every table with a foreign key to `parent` but the ones checked with their own messages. */
async function referencing(q: Queries, parent: 'person' | 'engagement'): Promise<{ table: string; column: string }[]> {
  return (await undoReads.referencing(q, parent)).filter((r) => !OWN_CHECKS.has(r.table));
}

/**
 * Whether an applied SK can be withdrawn, and if not, why: what was issued on it (invoices, BPJS
 * batches), which later SK built on it, and what was changed by hand since. Nothing is guessed: an
 * SK applied before its effects were recorded (migration 0150) is refused. One read transaction (or
 * part of the undo's write transaction), so every check sees the same database.
 */
export function planUndo(ctx: CoreContext, decreeId: number): Promise<UndoPlan> {
  return storeOf(ctx).tx('read', (q) => planIn(q, decreeId));
}

async function planIn(q: Queries, decreeId: number): Promise<UndoPlan> {
  const d = await decrees.undoFacts(q, decreeId);
  if (!d) throw new SigapError('NOT_FOUND', `SK #${decreeId} tidak ditemukan.`);
  const decree = { id: d.id, number: d.number, status: d.status, importedAt: d.importedAt };
  const blockers: UndoBlocker[] = [];
  const notes: string[] = [];
  const effects = d.recorded ? await decreeEffects(q, decreeId) : [];
  const of = (k: Effect['kind']) => effects.filter((e) => e.kind === k);
  const created = d.recorded ? await undoReads.createdEngagements(q, decreeId) : [];
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

  // Issued invoices billed with this SK's engagements, or for the months it ended someone in that unit.
  const invoices = new Map<string, string>();
  const addInvoices = (rows: { number: string | null; month: string; status: string }[]) => {
    for (const r of rows) {
      if (r.status === 'issued') invoices.set(r.number!, `${r.number} (${formatMonthId(r.month)})`);
      else notes.push(`Tagihan draf ${formatMonthId(r.month)} memuat pegawai SK ini; hitung ulang iuran bulan itu setelah pembatalan.`);
    }
  };
  addInvoices(await undoReads.invoicesWithEngagements(q, createdIds));
  for (const e of ended) {
    const f = await undoReads.engagementUnit(q, e.targetId);
    if (!f) continue;
    const prevEnd = (e.before?.end_date as string | null) ?? null;
    const prevMonth = prevEnd ? monthOf(prevEnd) : null;
    addInvoices(await undoReads.issuedInvoicesAfter(q, f.opdId, f.segment, monthOf(e.after!.end_date as string), prevMonth));
  }
  if (invoices.size > 0) {
    blockers.push({ kind: 'invoice', message: `Tagihan yang sudah terbit bergantung pada SK ${d.number}: ${listed([...invoices.values()])}. ${AMEND}` });
  }

  // BPJS batches that reported this SK's people or engagements (a batch before the SK reported the start
  // of an engagement it later ended, and does not depend on it).
  const batches = await undoReads.batchesWith(q, createdIds, personIds, endedIds, d.importedAt);
  if (batches.length > 0) {
    const names = batches.map((b) => `#${b.id} (${formatDateId(b.createdAt.slice(0, 10))}${b.status === 'cancelled' ? ', dibatalkan' : ''})`);
    blockers.push({ kind: 'batch', message: `Berkas pelaporan BPJS sudah dibuat dari SK ${d.number}: batch ${listed(names)}. ${AMEND}` });
  }

  // Later SKs built on this one: they ended its engagements, changed its people again, or gave them engagements.
  const later = new Set<string>();
  const touched = [...personIds, ...updated.map((u) => u.targetId)];
  for (const n of await undoReads.laterDecrees(q, decreeId, createdIds, touched)) later.add(`SK ${n}`);
  for (const n of await undoReads.otherEngagementSources(q, personIds, decreeId)) later.add(n);
  if (later.size > 0) {
    blockers.push({ kind: 'later_decree', message: `Perubahan lain dibangun di atas SK ${d.number}: ${listed([...later])}. Batalkan yang lebih baru lebih dulu, atau terbitkan SK perubahan.` });
  }

  // Anything changed since (by hand or by another import): the undo would overwrite it, so it stops and
  // says whose. An engagement's end is the only thing about it that ever changes (roster/person.ts
  // endEngagement, an SK's apply); every write to a person sets updated_at, which the apply set to its
  // own time (the decree's imported_at).
  const changed = new Set<string>();
  for (const e of created) if (e.endDate !== d.tmtEnd || e.endReason !== null) changed.add(e.nik);
  for (const e of ended) {
    const now = await undoReads.engagementEnd(q, e.targetId);
    if (now && (now.end_date !== e.after!.end_date || now.end_reason !== e.after!.end_reason)) changed.add(now.nik);
  }
  for (const p of [...newPersons, ...updated]) {
    const now = await undoWrites.row(q, 'person', p.targetId);
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
    for (const r of await referencing(q, parent)) {
      if (await undoReads.anyIn(q, r.table, r.column, list)) refs.add(TABLE_LABELS[r.table] ?? r.table);
    }
  }
  if (refs.size > 0) blockers.push({ kind: 'reference', message: `Sudah ada catatan lain untuk pegawai dari SK ${d.number}: ${listed([...refs])}. ${AMEND}` });

  // Re-opening an ended engagement must not overlap one started since by another SK or by hand.
  const overlaps: string[] = [];
  for (const e of ended) {
    const prevEnd = (e.before?.end_date as string | null) ?? null;
    const personId = (await undoReads.engagementEnd(q, e.targetId))?.person_id ?? -1;
    const hit = await undoReads.overlapping(q, personId, e.targetId, createdIds, e.after!.end_date as string, prevEnd);
    if (hit) overlaps.push(`${hit.nik} (${hit.src})`);
  }
  if (overlaps.length > 0) {
    blockers.push({ kind: 'overlap', message: `Keterlibatan yang diakhiri SK ${d.number} tidak dapat dibuka kembali karena sudah ada keterlibatan baru: ${listed(overlaps)}.` });
  }
  return { decree, effects, created: createdIds, blockers, notes: [...new Set(notes)], counts };
}
