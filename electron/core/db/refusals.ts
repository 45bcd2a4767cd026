/**
 * The database's own refusals: the triggers that keep issued invoices and the append-only tables
 * (audit trail, BPJS batches, decree effects) unchanged, on SQLite (`RAISE(ABORT, …)`, code
 * SQLITE_CONSTRAINT_TRIGGER) and on PostgreSQL (`sigap_refuse`, SQLSTATE 23001 restrict_violation), and
 * PostgreSQL's refusal of a right the role Sigap connects as does not have (42501, e.g. deleting audit
 * rows). The core never asks for these changes; if something does, the clerk reads what was refused in
 * Indonesian (CONFLICT for a trigger, FORBIDDEN for a missing right), the same on both engines, never a
 * raw driver error. PostgreSQL's machine faults (locks, a full disk, a read-only server) are db/errors.ts's.
 */
import { SigapError } from '../../../shared/errors';

/** What the append-only tables are to a clerk. */
const TABLES: Record<string, string> = {
  audit_log: 'jejak audit',
  bpjs_batch: 'batch BPJS',
  bpjs_batch_item: 'rincian batch BPJS',
  bpjs_batch_file: 'berkas batch BPJS',
  bpjs_template: 'templat BPJS',
  decree_effect: 'akibat SK',
};

const table = (name: string): string => TABLES[name] ?? name;

/** The trigger's message as the clerk reads it (the Indonesian ones as they are). */
export function refusalText(raw: string): string {
  const appendOnly = /^(\w+) is append-only$/.exec(raw);
  if (appendOnly) return `Catatan ${table(appendOnly[1]!)} tidak dapat diubah atau dihapus; perubahan ditolak`;
  if (raw === 'bpjs_batch: only the status of a batch may change') return 'Batch BPJS tidak dapat diubah selain statusnya; perubahan ditolak';
  return `Perubahan ditolak: ${raw}`;
}

/** The SigapError a database refusal becomes, or null when `e` is not one. */
export function refusalToSigapError(e: unknown): SigapError | null {
  if (!e || typeof e !== 'object') return null;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return null;
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' || code === '23001') return new SigapError('CONFLICT', `${refusalText(message)}.`);
  if (code === '42501') {
    const t = /permission denied for (?:table|relation) (\w+)/.exec(message);
    return new SigapError('FORBIDDEN', `Akun basis data yang dipakai Sigap tidak berhak atas ${t ? table(t[1]!) : 'data ini'} untuk tindakan ini (42501): tidak ada yang diubah. Hak akses akun itu diatur oleh DBA.`);
  }
  return null;
}
