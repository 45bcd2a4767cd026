/**
 * Staff categories: the segment (PU or BPU), the BPJS programs the Pemda pays for them, an optional
 * JKK risk class overriding the employer's (domain.md section 3), and whether they are billed at all.
 *
 * Rules (domain.md sections 2 to 4, Inpres 2/2021):
 * - JKK and JKM are the minimum protection: every category has both.
 * - JHT is optional for PU and BPU; JP (pension) exists only for wage earners (PU).
 * - The JKK class applies to PU only (BPU JKK is a percent of the declared income); null follows the
 *   employer registration's class.
 * - The segment of a category already used by an SK, an engagement or an issued invoice cannot change:
 *   that would rewrite history (which invoice, due date and rates a past month had).
 * Program, class and enrolment changes take effect when billing runs next (drafts are recomputed);
 * issued invoices keep the lines and rate snapshot they were issued with.
 */
import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { PROGRAMS, type Program } from '../../../shared/contract/settings';
import { requireRegistrationId } from '../settings/registrations';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { categoryRepo, type CategoryRow } from './category-repository';

export interface CategoryInput {
  /** Absent: a new category. */
  id?: number | undefined;
  name: string;
  segment: 'PU' | 'BPU';
  /** Program codes, as a list or `JKK,JKM,JHT`; order and case do not matter. */
  programs: readonly string[] | string;
  /** 1 to 5, or null to follow the employer registration's class. */
  jkkClass?: number | null | undefined;
  /** Absent on an edit: unchanged; on a new category: enrolled. */
  enrolled?: boolean | undefined;
  /**
   * The employer registration (NPP) of the category's people, used where their unit has none
   * (settings/registrations.ts); null: the Pemda's. Absent on an edit: unchanged.
   */
  registrationId?: number | null | undefined;
}

export interface CategoryInfo {
  id: number;
  name: string;
  segment: 'PU' | 'BPU';
  programs: Program[];
  jkkClass: number | null;
  enrolled: boolean;
  registrationId: number | null;
  /** People with an engagement in force today. */
  active: number;
  /** SKs and engagements that name the category: when any, the segment is fixed. */
  decrees: number;
  engagements: number;
}

export interface SaveCategoryResult {
  id: number;
  /** Months whose draft invoices bill this category: they change only when billing runs again. */
  draftMonths: string[];
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V'] as const;
export const jkkClassLabel = (c: number): string => `kelas ${ROMAN[c - 1] ?? c}`;

/** Splits, upper-cases, de-duplicates and orders program codes; unknown codes are refused by name. */
export function parsePrograms(p: readonly string[] | string): Program[] {
  const words = (typeof p === 'string' ? p.split(/[,+\s]+/) : [...p]).map((w) => w.trim().toUpperCase()).filter((w) => w !== '');
  const unknown = words.filter((w) => !(PROGRAMS as readonly string[]).includes(w));
  if (unknown.length > 0) throw new SigapError('INVALID_INPUT', `Program "${unknown.join(', ')}" tidak dikenal. Pilih dari JKK, JKM, JHT dan JP.`);
  return PROGRAMS.filter((x) => words.includes(x));
}

/** The checks every category must pass; returns the cleaned values. */
function clean(c: CategoryInput): { name: string; segment: 'PU' | 'BPU'; programs: Program[]; jkkClass: number | null } {
  const name = c.name.trim().replace(/\s+/g, ' ');
  if (name.length < 3) throw new SigapError('INVALID_INPUT', 'Nama kategori minimal 3 huruf.');
  if (name.length > 100) throw new SigapError('INVALID_INPUT', 'Nama kategori paling banyak 100 huruf.');
  if (c.segment !== 'PU' && c.segment !== 'BPU') throw new SigapError('INVALID_INPUT', 'Segmen harus PU (Penerima Upah) atau BPU (Bukan Penerima Upah).');
  const programs = parsePrograms(c.programs);
  if (!programs.includes('JKK') || !programs.includes('JKM')) {
    throw new SigapError('INVALID_INPUT', 'JKK dan JKM wajib untuk setiap kategori (perlindungan minimum menurut Inpres 2/2021).');
  }
  if (c.segment === 'BPU' && programs.includes('JP')) {
    throw new SigapError('INVALID_INPUT', 'JP (Jaminan Pensiun) hanya untuk peserta Penerima Upah (PU). Peserta BPU dapat JKK, JKM dan JHT.');
  }
  const jkkClass = c.jkkClass ?? null;
  if (jkkClass !== null) {
    if (!Number.isInteger(jkkClass) || jkkClass < 1 || jkkClass > 5) throw new SigapError('INVALID_INPUT', 'Kelas risiko JKK harus 1 sampai 5.');
    if (c.segment === 'BPU') throw new SigapError('INVALID_INPUT', 'Kelas risiko JKK hanya untuk PU. JKK peserta BPU dihitung dari penghasilan yang dilaporkan.');
  }
  return { name, segment: c.segment, programs, jkkClass };
}

/** How many SKs and engagements name the category, and whether an issued invoice bills it. */
async function history(q: Queries, id: number, name: string): Promise<{ used: number; issued: boolean }> {
  const used = await categoryRepo.uses(q, id);
  return { used, issued: used > 0 || (await categoryRepo.billedInIssued(q, name)) };
}

async function draftMonths(q: Queries, names: string[]): Promise<string[]> {
  const months: string[] = [];
  for (const n of names) months.push(...(await categoryRepo.draftMonths(q, n)));
  return [...new Set(months)].sort();
}

const asStored = (r: CategoryRow) => ({ name: r.name, segment: r.segment, programs: r.programs, jkkClass: r.jkk_class, enrolled: r.enrolled === 1, registrationId: r.registration_id });

/** Creates or edits a category, with its audit row, in one write transaction (the checks inside it). */
export async function saveCategory(ctx: CoreContext, input: CategoryInput): Promise<SaveCategoryResult> {
  return storeOf(ctx).tx('write', async (q): Promise<SaveCategoryResult> => {
    const v = clean(input);
    const clash = await categoryRepo.sameName(q, v.name, input.id ?? null);
    if (clash) throw new SigapError('CONFLICT', `Nama kategori "${clash.name}" sudah dipakai. Pilih nama lain.`);
    const programs = v.programs.join(',');
    const reg = input.registrationId === undefined ? undefined : await requireRegistrationId(ctx, input.registrationId);
    if (input.id === undefined) {
      const enrolled = input.enrolled ?? true;
      const after = { name: v.name, segment: v.segment, programs, jkkClass: v.jkkClass, enrolled, registrationId: reg ?? null };
      const id = await categoryRepo.insert(q, after);
      await audit(ctx, { action: 'create', entity: 'category', entityId: id, summary: `Kategori ${v.name} (${v.segment}, ${v.programs.join('+')})`, after });
      return { id, draftMonths: [] };
    }
    const row = (await categoryRepo.list(q)).find((c) => c.id === input.id);
    if (!row) throw new SigapError('NOT_FOUND', 'Kategori tidak ditemukan.');
    const before = asStored(row);
    if (v.segment !== row.segment) {
      await categoryRepo.lockForSegmentChange(q, row.id);
      const h = await history(q, row.id, row.name);
      if (h.issued) {
        throw new SigapError(
          'CONFLICT',
          `Segmen kategori "${row.name}" tidak dapat diubah dari ${row.segment} ke ${v.segment}: kategori ini sudah dipakai SK, penugasan pegawai atau tagihan yang terbit, dan mengubah segmennya akan mengubah riwayat. Buat kategori baru dengan segmen ${v.segment}, lalu tetapkan pegawainya lewat SK baru.`,
        );
      }
    }
    const after = { name: v.name, segment: v.segment, programs, jkkClass: v.jkkClass, enrolled: input.enrolled ?? before.enrolled, registrationId: reg === undefined ? before.registrationId : reg };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
    if (changed.length === 0) return { id: row.id, draftMonths: [] };
    await categoryRepo.update(q, row.id, after);
    await audit(ctx, {
      action: 'update', entity: 'category', entityId: row.id, summary: `Kategori ${after.name} diubah (${changed.join(', ')})`,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return { id: row.id, draftMonths: await draftMonths(q, [...new Set([before.name, after.name])]) };
  });
}

/** Every category with its people active today and whether SKs or engagements use it. */
export async function categoryInfos(ctx: CoreContext): Promise<CategoryInfo[]> {
  const today = await todayIso(ctx);
  // One snapshot: the counts and the list agree.
  return storeOf(ctx).tx('read', async (q) => {
    const active = new Map((await categoryRepo.activeOn(q, today)).map((r) => [r.id, r.n]));
    const used = new Map((await categoryRepo.usage(q)).map((r) => [r.id, r]));
    return (await categoryRepo.list(q)).map((c) => ({
      id: c.id, name: c.name, segment: c.segment, programs: parsePrograms(c.programs), jkkClass: c.jkk_class, enrolled: c.enrolled === 1, registrationId: c.registration_id,
      active: active.get(c.id) ?? 0, decrees: used.get(c.id)?.decrees ?? 0, engagements: used.get(c.id)?.engagements ?? 0,
    }));
  });
}

/** The employer registration's JKK class (class I while no profile is saved, as billing assumes). */
export async function employerJkkClass(ctx: CoreContext): Promise<number> {
  return (await categoryRepo.employerJkkClass(storeOf(ctx))) ?? 1;
}
