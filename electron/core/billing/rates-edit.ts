/**
 * Editing the dated rate tables. An edit adds a row effective from a month, or changes the row of
 * that month; older months keep their rows, and issued invoices keep their own snapshot, so an edit
 * never changes what was already billed. Every edit is audited in the same transaction.
 */
import type { CoreContext } from '../context';
import { nowIso, todayIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { formatMonthId, isMonth } from '../../../shared/dates';
import { RATE_PARAMS, type BpuBracketSet, type Confidence, type RateParamKey } from '../../../shared/billing-types';
import { listBpuBrackets } from './rates';
import { storeOf } from '../store/of-context';
import { rateRepo } from './rates-repository';

export interface RateParamInput {
  key: string;
  effectiveMonth: string;
  value: number;
  source: string;
  confidence: Confidence;
  note?: string | null | undefined;
}

function checkMonth(m: string): void {
  if (!isMonth(m)) throw new SigapError('INVALID_INPUT', `Bulan berlaku "${m}" tidak sah; tulis YYYY-MM, mis. 2026-03.`);
}

function checkSource(source: string, confidence: string): string {
  const s = source.trim();
  if (s === '') throw new SigapError('INVALID_INPUT', 'Sumber wajib diisi: sebutkan peraturan atau surat BPJS yang menjadi dasar tarif.');
  // SQLite's length() stops at a NUL, so such text would fail the table's check as an internal error.
  if (s.includes('\u0000')) throw new SigapError('INVALID_INPUT', 'Sumber berisi karakter yang tidak sah. Ketik ulang sumbernya.');
  if (s.length > 300) throw new SigapError('INVALID_INPUT', 'Sumber terlalu panjang (maksimal 300 karakter).');
  if (!['H', 'M', 'L'].includes(confidence)) throw new SigapError('INVALID_INPUT', 'Tingkat keyakinan harus H, M, atau L.');
  return s;
}

function specOf(key: string) {
  if (!Object.hasOwn(RATE_PARAMS, key)) throw new SigapError('INVALID_INPUT', `Parameter tarif "${key}" tidak dikenal.`);
  return RATE_PARAMS[key as RateParamKey];
}

/** Whether a row effective from `month` has started to apply (the current month or earlier). */
async function monthStarted(ctx: CoreContext, month: string): Promise<boolean> {
  return month <= (await todayIso(ctx)).slice(0, 7);
}

/**
 * Adds the row of `key` effective from `effectiveMonth`, or changes a row that month already has. A row
 * in force is history: its source and notes may be corrected, its value not. A change of rate is a new
 * dated row (backdated if the regulation says so, which bills the difference as corrections).
 */
export async function saveRateParam(ctx: CoreContext, input: RateParamInput): Promise<void> {
  const spec = specOf(input.key);
  checkMonth(input.effectiveMonth);
  const source = checkSource(input.source, input.confidence);
  if (!Number.isSafeInteger(input.value) || input.value < spec.min || input.value > spec.max) {
    throw new SigapError('INVALID_INPUT', `Nilai "${spec.label}" harus bilangan bulat ${spec.min} sampai ${spec.max}${spec.unit === 'bp' ? ' (basis poin: 24 = 0,24%)' : ''}.`);
  }
  const note = input.note?.trim() || null;
  await storeOf(ctx).tx('write', async (tx) => {
    const before = await rateRepo.paramRow(tx, input.key, input.effectiveMonth);
    if (before && before.value !== input.value && (await monthStarted(ctx, input.effectiveMonth))) {
      throw new SigapError('CONFLICT', `Tarif yang sudah berlaku sejak ${formatMonthId(input.effectiveMonth)} tidak dapat diubah nilainya. Tambahkan baris baru dengan bulan berlaku perubahan itu.`);
    }
    const after = { value: input.value, source, confidence: input.confidence, note };
    await rateRepo.upsertParam(tx, input.key, input.effectiveMonth, after, nowIso(ctx), ctx.actor);
    await audit(ctx, {
      action: before ? 'update' : 'create', entity: 'rate_param', entityId: null,
      summary: `Tarif ${input.key} berlaku ${input.effectiveMonth}: ${input.value}`, before, after: { key: input.key, effectiveMonth: input.effectiveMonth, ...after },
    });
  });
}

/** Removes a future row entered by mistake. The last row of a parameter stays: billing needs one. */
export async function deleteRateParam(ctx: CoreContext, key: string, effectiveMonth: string): Promise<void> {
  specOf(key);
  await storeOf(ctx).tx('write', async (tx) => {
    const before = await rateRepo.paramRow(tx, key, effectiveMonth);
    if (!before) throw new SigapError('NOT_FOUND', `Tidak ada tarif ${key} yang berlaku sejak ${effectiveMonth}.`);
    const n = await rateRepo.countParam(tx, key);
    if (n === 1) throw new SigapError('CONFLICT', `Baris ini satu-satunya tarif "${RATE_PARAMS[key as RateParamKey].label}"; bila tarifnya berubah, tambahkan baris baru dengan bulan berlakunya.`);
    // Past and current rows are history that drafts and reports read; only a row not yet in force may go.
    if (await monthStarted(ctx, effectiveMonth)) {
      throw new SigapError('CONFLICT', `Tarif yang sudah berlaku (sejak ${formatMonthId(effectiveMonth)}) tidak dapat dihapus. Tambahkan baris baru yang berlaku sejak bulan berikutnya.`);
    }
    await rateRepo.deleteParam(tx, key, effectiveMonth);
    await audit(ctx, { action: 'delete', entity: 'rate_param', entityId: null, summary: `Tarif ${key} berlaku ${effectiveMonth} dihapus`, before: { key, effectiveMonth, ...before } });
  });
}

/**
 * Replaces the BPU bracket table effective from a month. The table must start at income 0 so that
 * every income falls in a bracket; a person's declared income is the bracket of the highest
 * `incomeFrom` at or below their income.
 */
export async function saveBpuBrackets(ctx: CoreContext, set: BpuBracketSet): Promise<void> {
  checkMonth(set.effectiveMonth);
  const source = checkSource(set.source, set.confidence);
  const sorted = [...set.brackets].sort((a, b) => a.incomeFrom - b.incomeFrom);
  if (sorted.length === 0 || sorted[0]!.incomeFrom !== 0) throw new SigapError('INVALID_INPUT', 'Tabel golongan BPU harus dimulai dari penghasilan 0 (golongan terendah).');
  sorted.forEach((b, i) => {
    if (!Number.isSafeInteger(b.incomeFrom) || !Number.isSafeInteger(b.declaredIncome) || b.declaredIncome <= 0 || b.incomeFrom < 0) {
      throw new SigapError('INVALID_INPUT', `Golongan BPU ke-${i + 1}: penghasilan dan dasar iuran harus rupiah bulat positif.`);
    }
    if (i > 0 && b.incomeFrom === sorted[i - 1]!.incomeFrom) throw new SigapError('INVALID_INPUT', `Golongan BPU ganda untuk penghasilan mulai ${b.incomeFrom}.`);
    if (i > 0 && b.declaredIncome <= sorted[i - 1]!.declaredIncome) throw new SigapError('INVALID_INPUT', 'Dasar iuran BPU harus naik dari golongan ke golongan.');
  });
  await storeOf(ctx).tx('write', async (tx) => {
    const before = (await listBpuBrackets(ctx, set.effectiveMonth))[0] ?? null;
    await rateRepo.deleteBrackets(tx, set.effectiveMonth);
    const at = nowIso(ctx);
    for (const b of sorted) await rateRepo.insertBracket(tx, set.effectiveMonth, b, source, set.confidence, at, ctx.actor);
    const after = { effectiveMonth: set.effectiveMonth, source, confidence: set.confidence, brackets: sorted };
    await audit(ctx, { action: before ? 'update' : 'create', entity: 'bpu_bracket', entityId: null, summary: `Golongan BPU berlaku ${set.effectiveMonth}: ${sorted.length} golongan`, before, after });
  });
}
