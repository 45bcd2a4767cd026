import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { storeOf } from '../store/of-context';
import { naReasonRepo } from './na-reason-repository';
import { NA_REASON_KINDS, type NaReasonKind } from './types';

/**
 * The portal's SEBAB_NA codes for Sigap's end reasons (migration 0200). Sigap keeps an end reason as
 * the words an SK or a clerk wrote; they fall into four kinds, each written as the code of the
 * editable table. Deaths never reach the deactivation file (they go through the JKM claim).
 */
export { NA_REASON_KINDS, type NaReasonKind } from './types';

export const NA_REASON_LABELS: Record<NaReasonKind, string> = {
  resign: 'Mengundurkan diri',
  retirement: 'Pensiun',
  dismissal: 'PHK / diberhentikan',
  contract_end: 'Habis kontrak, tidak tercantum di SK berikutnya, atau alasan lain',
};

/** The seeded codes, for a report environment built without a database (tests, previews). */
export const DEFAULT_NA_CODES: Record<NaReasonKind, string> = { resign: 'A1', retirement: 'A4', dismissal: 'PHK', contract_end: 'HABIS KONTRAK' };

/**
 * The kind of an end reason by its words. An engagement that ran out or was left out of the next SK
 * is the end of a contract, and so is anything the words do not name.
 */
export function naReasonKind(endReason: string | null): NaReasonKind {
  const r = (endReason ?? '').toLowerCase();
  if (/mengundurkan|resign|atas permintaan sendiri/.test(r)) return 'resign';
  if (/pensiun/.test(r)) return 'retirement';
  if (/\bphk\b|diberhentikan|pemberhentian|dipecat/.test(r)) return 'dismissal';
  return 'contract_end';
}

export interface NaReasonRow {
  reason: NaReasonKind;
  label: string;
  code: string;
  source: string;
  confidence: 'H' | 'M' | 'L';
  note: string | null;
  updatedAt: string;
  updatedBy: string;
}

export async function listNaReasons(ctx: CoreContext): Promise<NaReasonRow[]> {
  const rows = await naReasonRepo.all(storeOf(ctx));
  return NA_REASON_KINDS.flatMap((k) => {
    const r = rows.find((x) => x.reason === k);
    return r ? [{ reason: k, label: NA_REASON_LABELS[k], code: r.code, source: r.source, confidence: r.confidence, note: r.note, updatedAt: r.updated_at, updatedBy: r.updated_by }] : [];
  });
}

/** The code of each kind as the table says (the seed for a kind whose row is missing). */
export async function naReasonCodes(ctx: CoreContext): Promise<Record<NaReasonKind, string>> {
  const out = { ...DEFAULT_NA_CODES };
  for (const r of await listNaReasons(ctx)) out[r.reason] = r.code;
  return out;
}

/** A code as the template's list writes it: upper case, 1 to 40 characters, nothing a spreadsheet runs. */
export function checkNaCode(raw: string): string {
  const v = raw.trim().replace(/\s+/g, ' ').toUpperCase();
  if (v.length < 1 || v.length > 40) throw new SigapError('INVALID_INPUT', 'Kode SEBAB_NA wajib diisi, paling panjang 40 karakter (mis. A1).');
  if (/^[=+\-@]/.test(v)) throw new SigapError('INVALID_INPUT', `Kode SEBAB_NA "${v}" tidak boleh diawali = + - atau @.`);
  if ([...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) throw new SigapError('INVALID_INPUT', 'Kode SEBAB_NA tidak boleh memuat baris baru atau tab.');
  return v;
}

export interface NaReasonInput {
  reason: NaReasonKind;
  code: string;
  /** Where the clerk took the code from (e.g. "templat kantor cabang Liwa 2026"); kept with the row. */
  source?: string;
  note?: string | null;
}

/**
 * Sets the code of one kind, with its source: a code taken from the branch's own list is that
 * branch's word (confidence H). Audited with the row before and after.
 */
export async function saveNaReason(ctx: CoreContext, i: NaReasonInput): Promise<NaReasonRow> {
  if (!NA_REASON_KINDS.includes(i.reason)) throw new SigapError('INVALID_INPUT', `Jenis sebab "${String(i.reason)}" tidak dikenal.`);
  const code = checkNaCode(i.code);
  const source = (i.source ?? '').trim() || 'Diisi petugas dari daftar SEBAB_NA templat kantor cabang';
  if (source.length > 200) throw new SigapError('INVALID_INPUT', 'Sumber kode paling panjang 200 karakter.');
  const note = i.note === undefined || i.note === null || i.note.trim() === '' ? null : i.note.trim().slice(0, 300);
  return storeOf(ctx).tx('write', async (q) => {
    const before = await naReasonRepo.get(q, i.reason);
    const now = nowIso(ctx);
    await naReasonRepo.save(q, { reason: i.reason, code, source, note, now, actor: ctx.actor });
    await audit(ctx, {
      action: before ? 'update' : 'create', entity: 'bpjs_na_reason', entityId: NA_REASON_KINDS.indexOf(i.reason) + 1,
      summary: `Kode SEBAB_NA "${NA_REASON_LABELS[i.reason]}": ${before ? `${before.code} → ` : ''}${code}`,
      ...(before ? { before: { code: before.code, source: before.source, confidence: before.confidence, note: before.note } } : {}),
      after: { code, source, confidence: 'H', note },
    });
    return (await listNaReasons(ctx)).find((r) => r.reason === i.reason)!;
  });
}
