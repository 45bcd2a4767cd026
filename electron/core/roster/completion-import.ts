/**
 * "Lengkapi data pegawai", the incoming half: a filled completion workbook (completion-read.ts reads it)
 * matched by NIK against the roster, previewed field by field (old -> new), then applied all or nothing.
 * Rules: an empty cell never erases; a NIK Sigap does not know is listed, not added; the same NIK twice
 * with different values for a field is a conflict and that field is left as it is; a KPJ another person
 * holds is refused. Applying writes one audit row per person changed, in one transaction, after checking
 * that none of the people read has changed since the preview (else the clerk previews again).
 */
import { createHash } from 'node:crypto';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { auditBatch } from '../audit';
import { SigapError } from '../../../shared/errors';
import { COMPLETION_DB_COLUMNS, COMPLETION_FIELDS, COMPLETION_LABELS, type CompletionField } from '../../../shared/completion-columns';
import { readCompletionFile, type CompletionProblem, type CompletionRead, type ReadCompletionOptions } from './completion-read';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { completionRepo, type StoredCompletion } from './completion-repository';
import { personRepo } from './person-repository';

export interface FieldChange { field: CompletionField; old: string | null; new: string }
export interface PersonChange { personId: number; nik: string; name: string; sheet: string; row: number; changes: FieldChange[] }
export interface Unknown { sheet: string; row: number; nik: string; name: string | null }
export interface Conflict { nik: string; name: string; field: CompletionField; values: { sheet: string; row: number; value: string }[] }

export interface CompletionPreview {
  file: string;
  sha256: string;
  sheets: CompletionRead['sheets'];
  /** Rows with a NIK read from the file. */
  rowsRead: number;
  /** Distinct NIKs found in the roster. */
  matched: number;
  /** Of those, people the file changes nothing for. */
  unchanged: number;
  people: PersonChange[];
  fieldsChanged: number;
  unknown: Unknown[];
  conflicts: Conflict[];
  /** Bad cells and name mismatches; errors block applying unless the clerk skips them. */
  problems: CompletionProblem[];
  errors: number;
  /** Every NIK of the file, in order of first appearance (kept in the core, not sent to the screen). */
  niks: string[];
  /** The matched people's stored values and the unknown NIKs' absence, as read for the preview. */
  fingerprint: string;
}

type Stored = StoredCompletion;

/** What the fingerprint takes of one NIK: its stored row, or the NIK alone while no one has it. */
const printOf = (nik: string, stored: Stored | undefined) => `${JSON.stringify(stored ?? nik)}\n`;

/** A hash of what the preview saw: who exists, and every completion value of those it matched. */
async function fingerprint(q: Queries, niks: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  // Streamed in the NIKs' order (no map of 100,000 rows held beside the preview).
  let i = 0;
  for await (const p of completionRepo.storedInOrder(q, niks)) {
    const nik = niks[i++]!;
    h.update(printOf(nik, p.id === null ? undefined : (p as Stored)));
  }
  return h.digest('hex');
}

const sameName = (a: string, b: string) => a.toUpperCase().replace(/[^\p{L}]+/gu, '') === b.toUpperCase().replace(/[^\p{L}]+/gu, '');

/** What the file would change. Reads the database (one snapshot), writes nothing. */
export async function planCompletion(ctx: CoreContext, read: CompletionRead): Promise<CompletionPreview> {
  return storeOf(ctx).tx('read', (q) => plan(q, read));
}

async function plan(q: Queries, read: CompletionRead): Promise<CompletionPreview> {
  const problems = [...read.problems];
  const byNik = new Map<string, typeof read.rows>();
  for (const r of read.rows) byNik.set(r.nik, [...(byNik.get(r.nik) ?? []), r]);
  const niks = [...byNik.keys()];
  // Who holds each KPJ the file states, read first: the stored rows then stream past a loop that queries nothing.
  const kpjs = [...new Set(read.rows.flatMap((r) => (r.values.kpj ? [r.values.kpj.value] : [])))];
  const holders = new Map<string, { id: number; nik: string; name: string }[]>();
  for (const h of await completionRepo.kpjHolders(q, kpjs)) holders.set(h.kpj, [...(holders.get(h.kpj) ?? []), h]);
  const people: PersonChange[] = [];
  const unknown: Unknown[] = [];
  const conflicts: Conflict[] = [];
  const kpjInFile = new Map<string, string>();
  let matched = 0;
  // The fingerprint of the rows read here, in the file's order (fingerprint() reads them again to apply).
  const print = createHash('sha256');
  let i = 0;
  for await (const row of completionRepo.storedInOrder(q, niks)) {
    const nik = niks[i++]!;
    const rows = byNik.get(nik)!;
    const first = rows[0]!;
    const p = row.id === null ? undefined : (row as Stored);
    print.update(printOf(nik, p));
    if (!p) {
      unknown.push({ sheet: first.sheet, row: first.row, nik, name: first.name });
      continue;
    }
    matched++;
    for (const r of rows) {
      if (r.name && !sameName(r.name, p.name)) {
        problems.push({ sheet: r.sheet, row: r.row, column: '', columnName: 'Nama', nik, code: 'NAME_DIFFERS', severity: 'warning',
          message: `Berkas "${read.file}", sheet "${r.sheet}", baris ${r.row}: nama "${r.name}" berbeda dengan nama tercatat untuk NIK ${nik} (${p.name}). Periksa NIK-nya; data tetap dicocokkan dengan NIK.` });
      }
    }
    const changes: FieldChange[] = [];
    for (const f of COMPLETION_FIELDS) {
      const seen = rows.flatMap((r) => (r.values[f] ? [{ sheet: r.sheet, row: r.row, value: r.values[f].value, column: r.values[f].column }] : []));
      if (seen.length === 0) continue;
      if (new Set(seen.map((s) => s.value)).size > 1) {
        conflicts.push({ nik, name: p.name, field: f, values: seen.map(({ sheet, row, value }) => ({ sheet, row, value })) });
        continue;
      }
      const v = seen[0]!;
      if (f === 'kpj' && v.value !== p.kpj) {
        const holder = holders.get(v.value)?.find((h) => h.id !== p.id);
        const other = kpjInFile.get(v.value);
        if (holder || (other && other !== nik)) {
          const who = holder ? `${holder.name} (NIK ${holder.nik})` : `NIK ${other} di berkas ini`;
          problems.push({ sheet: v.sheet, row: v.row, column: v.column, columnName: COMPLETION_LABELS.kpj, nik, code: 'KPJ_TAKEN', severity: 'error',
            message: `Berkas "${read.file}", sheet "${v.sheet}", baris ${v.row}, kolom ${v.column} (Nomor KPJ): KPJ ${v.value} sudah dipakai ${who}.` });
          continue;
        }
        kpjInFile.set(v.value, nik);
      }
      if (v.value !== p[f]) changes.push({ field: f, old: p[f], new: v.value });
    }
    if (changes.length > 0) people.push({ personId: p.id, nik, name: p.name, sheet: first.sheet, row: first.row, changes });
  }
  problems.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : 0));
  return {
    file: read.file, sha256: read.sha256, sheets: read.sheets, rowsRead: read.rows.length, matched, unchanged: matched - people.length,
    people, fieldsChanged: people.reduce((n, p) => n + p.changes.length, 0), unknown, conflicts, problems,
    errors: problems.filter((p) => p.severity === 'error').length + conflicts.length,
    niks,
    fingerprint: print.digest('hex'),
  };
}

export async function previewCompletion(ctx: CoreContext, path: string, opts: ReadCompletionOptions = {}): Promise<CompletionPreview> {
  // The file is read whole before the store is asked: no transaction waits on the disk.
  return planCompletion(ctx, await readCompletionFile(path, opts));
}

export interface CompletionApplied { persons: number; fields: number }

/** A preview with errors is applied only when the clerk chose to skip them (checked before any backup). */
export function refuseUnconfirmed(pv: CompletionPreview, opts: { skipInvalid?: boolean }): void {
  if (pv.errors > 0 && !opts.skipInvalid) {
    throw new SigapError('CONFIRM_REQUIRED', `Berkas "${pv.file}" memuat ${pv.errors} masalah (sel tidak sah, KPJ ganda atau isian yang bertentangan). Perbaiki berkasnya, atau terapkan tanpa sel-sel itu.`);
  }
}

/**
 * Applies a preview in one transaction: refused when the people it read changed since (CONFLICT), and
 * when it has errors the clerk did not choose to skip (CONFIRM_REQUIRED). One audit row per person.
 */
export async function applyCompletion(ctx: CoreContext, pv: CompletionPreview, opts: { skipInvalid?: boolean } = {}): Promise<CompletionApplied> {
  refuseUnconfirmed(pv, opts);
  return storeOf(ctx).tx('write', async (q) => {
    await completionRepo.lockForApply(q);
    // All NIKs of the file, not only those changed: a person edited since may now differ from the file,
    // and a NIK unknown then may be on the roster now.
    if ((await fingerprint(q, pv.niks)) !== pv.fingerprint) {
      throw new SigapError('CONFLICT', `Data pegawai berubah sejak pratinjau berkas "${pv.file}" dibuat (oleh orang lain atau impor lain). Tidak ada yang diubah; baca berkasnya lagi untuk pratinjau baru.`);
    }
    // A KPJ the file gives may have gone to someone outside the file since the preview (the fingerprint
    // covers the file's people only): checked again, under the table lock, before anything is written.
    const given = pv.people.flatMap((p) => p.changes.filter((c) => c.field === 'kpj').map((c) => ({ personId: p.personId, nik: p.nik, kpj: c.new })));
    if (given.length > 0) {
      const holders = await completionRepo.kpjHolders(q, given.map((g) => g.kpj));
      for (const g of given) {
        const other = holders.find((h) => h.kpj === g.kpj && h.id !== g.personId);
        if (other) {
          throw new SigapError('CONFLICT', `KPJ ${g.kpj} untuk NIK ${g.nik} sudah dipakai ${other.name} (NIK ${other.nik}) sejak pratinjau berkas "${pv.file}" dibuat. Tidak ada yang diubah; baca berkasnya lagi untuk pratinjau baru.`);
        }
      }
    }
    const now = nowIso(ctx);
    // One audit row per person as ever, written 500 to a statement instead of one await each.
    const audits = auditBatch(ctx, q);
    // The store caches one statement per set of columns changed (person-repository keeps its text).
    for (const p of pv.people) {
      const after = Object.fromEntries(p.changes.map((c) => [COMPLETION_DB_COLUMNS[c.field], c.new]));
      await personRepo.update(q, p.personId, after, now);
      const w = audits.add({
        action: 'update', entity: 'person', entityId: p.personId, at: now,
        summary: `${p.nik} dilengkapi dari berkas "${pv.file}": ${p.changes.map((c) => COMPLETION_LABELS[c.field].toLowerCase()).join(', ')}`,
        before: Object.fromEntries(p.changes.map((c) => [COMPLETION_DB_COLUMNS[c.field], c.old])),
        after,
      });
      if (w) await w;
    }
    await audits.flush();
    return { persons: pv.people.length, fields: pv.fieldsChanged };
  });
}

/** Reads, previews and (with `apply`) applies a file: the CLI's and the benchmark's one call. */
export async function importCompletionFile(ctx: CoreContext, path: string, opts: { apply?: boolean; skipInvalid?: boolean } = {}): Promise<{ preview: CompletionPreview; applied: CompletionApplied | null }> {
  const preview = await previewCompletion(ctx, path);
  return { preview, applied: opts.apply ? await applyCompletion(ctx, preview, opts) : null };
}
