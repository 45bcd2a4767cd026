import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { CONTACT_COLUMNS, CONTACT_LABELS, CONTACT_PARSERS, type ContactField } from '../../../shared/person-contact';
import { storeOf } from '../store/of-context';
import { participantRepo } from './participant-repository';
import { personLockRepo } from '../roster/person-lock-repository';

export interface FillEntry {
  personId: number;
  /** What the clerk typed or chose; parsed as every other way in parses it (shared/person-contact.ts). */
  value: string;
}

export interface FillResult {
  field: ContactField;
  /** People whose record changed. */
  changed: number;
  /** People who already had that value. */
  unchanged: number;
}

/** The most people one fill writes (a whole Pemda's registrations fit). */
export const MAX_FILL = 100_000;

/**
 * Sets one person field (marital status, work location, postal code, e-mail) for many people, each
 * with its own value or all with the same: the one step that clears "STATUS_KAWIN kosong untuk 40
 * orang". Every value is parsed first; one bad value or unknown person refuses the whole fill, named
 * by person. Writes all or nothing, one audit row per person changed (old and new value); the people are
 * read and checked inside the write transaction, so the old values audited are the ones replaced.
 *
 * The roster's bulk edit (roster/bulk-edit.ts) sets one value on a selection with a preview; this is
 * the per-person variant the pre-flight needs, kept small and separate.
 */
export async function fillPersonField(ctx: CoreContext, field: ContactField, entries: readonly FillEntry[]): Promise<FillResult> {
  if (!Object.prototype.hasOwnProperty.call(CONTACT_COLUMNS, field)) throw new SigapError('INVALID_INPUT', `Isian "${String(field)}" tidak dapat diisi sekaligus.`);
  if (entries.length === 0) throw new SigapError('INVALID_INPUT', 'Tidak ada pegawai yang diisi.');
  if (entries.length > MAX_FILL) throw new SigapError('INVALID_INPUT', `Paling banyak ${MAX_FILL.toLocaleString('id-ID')} pegawai sekali isi.`);
  const col = CONTACT_COLUMNS[field];
  const label = CONTACT_LABELS[field];
  return storeOf(ctx).tx('write', async (q): Promise<FillResult> => {
    const plan: { personId: number; nik: string; from: string | null; to: string }[] = [];
    const seen = new Set<number>();
    // Held before they are read: the old value audited is the one replaced, even with another clerk editing.
    await personLockRepo.hold(q, entries.map((e) => e.personId));
    const people = await participantRepo.fields(q, col, entries.map((e) => e.personId));
    for (const e of entries) {
      if (seen.has(e.personId)) throw new SigapError('INVALID_INPUT', `Pegawai yang sama disebut dua kali (id ${e.personId}).`);
      seen.add(e.personId);
      const p = people.get(e.personId);
      if (!p) throw new SigapError('NOT_FOUND', 'Sebagian pegawai tidak ditemukan lagi. Periksa ulang daftar.');
      const parsed = CONTACT_PARSERS[field](e.value);
      if (!parsed.ok) throw new SigapError('INVALID_INPUT', `${p.name}: ${parsed.message}`);
      if (parsed.value === null) throw new SigapError('INVALID_INPUT', `${p.name}: ${label} belum dipilih.`);
      plan.push({ personId: e.personId, nik: p.nik, from: p.value, to: parsed.value });
    }
    const now = nowIso(ctx);
    let changed = 0;
    for (const x of plan) {
      if (x.from === x.to) continue;
      await participantRepo.setField(q, col, x.personId, x.to, now);
      await audit(ctx, {
        at: now, action: 'update', entity: 'person', entityId: x.personId,
        summary: `${x.nik}: ${label} ${x.from ?? '(kosong)'} → ${x.to} (isi sekaligus, pelaporan BPJS)`,
        before: { [col]: x.from }, after: { [col]: x.to },
      });
      changed++;
    }
    return { field, changed, unchanged: plan.length - changed };
  });
}
