/**
 * Per-person exceptions to the category: another program set and/or JKK class for a span of months
 * (migration 0160). Read by the billing run (calc.ts) for the months they cover; added and ended by HR
 * with a reason and its source, each change audited. An exception is never deleted: ending it sets its
 * last month, so the months already billed under it stay explained.
 */
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { formatMonthId, isMonth } from '../../../shared/dates';
import type { Program } from '../../../shared/contract/settings';
import { exceptionSentence, parsePrograms, type PersonException } from '../../../shared/person-exception';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { personExceptionRepo, type ExceptionRow } from './person-exception-repository';
import { personRepo } from '../roster/person-repository';

export type { Program };
export { exceptionNote } from '../../../shared/person-exception';

const toDto = (r: ExceptionRow): PersonException => ({ ...r, programs: r.programs === null ? null : parsePrograms(r.programs) });

/** A category's program list as a set ('JKK,JKM'). */
export const programSet = (text: string): Set<Program> => new Set(parsePrograms(text));

/** The exceptions covering `month`, one per person (the latest start wins should two overlap). */
export async function exceptionsInForce(ctx: CoreContext, month: string): Promise<PersonException[]> {
  const rows = await personExceptionRepo.covering(storeOf(ctx), month);
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.personId) && seen.add(r.personId)).map(toDto);
}

/** A person's exceptions, latest first. */
export async function listPersonExceptions(ctx: CoreContext, personId: number): Promise<PersonException[]> {
  return (await personExceptionRepo.ofPerson(storeOf(ctx), personId)).map(toDto);
}

export interface ExceptionInput {
  personId: number;
  fromMonth: string;
  toMonth?: string | null | undefined;
  programs?: Program[] | null | undefined;
  jkkClass?: number | null | undefined;
  reason: string;
  source?: string | null | undefined;
}

async function personName(q: Queries, personId: number): Promise<string> {
  const name = await personExceptionRepo.personName(q, personId);
  if (name === undefined) throw new SigapError('NOT_FOUND', `Pegawai #${personId} tidak ditemukan.`);
  return name;
}

/** Checks an exception and writes it with an audit row, the checks inside the write transaction. Returns its id. */
export async function addPersonException(ctx: CoreContext, input: ExceptionInput): Promise<number> {
  const toMonth = input.toMonth ?? null;
  const programs = input.programs ?? null;
  const jkkClass = input.jkkClass ?? null;
  const reason = input.reason.trim();
  const source = input.source?.trim() || null;
  return storeOf(ctx).tx('write', async (tx) => {
    const name = await personName(tx, input.personId);
    if (!isMonth(input.fromMonth)) throw new SigapError('INVALID_INPUT', `Bulan mulai "${input.fromMonth}" tidak sah; tulis YYYY-MM, mis. 2026-03.`);
    if (toMonth !== null && !isMonth(toMonth)) throw new SigapError('INVALID_INPUT', `Bulan akhir "${toMonth}" tidak sah; tulis YYYY-MM, mis. 2026-12.`);
    if (toMonth !== null && toMonth < input.fromMonth) {
      throw new SigapError('INVALID_INPUT', `Bulan akhir (${formatMonthId(toMonth)}) sebelum bulan mulai (${formatMonthId(input.fromMonth)}).`);
    }
    if (programs === null && jkkClass === null) throw new SigapError('INVALID_INPUT', 'Pengecualian harus mengubah program, kelas JKK, atau keduanya.');
    // Inpres 2/2021: at least JKK and JKM; an exception may narrow the set, never below that.
    if (programs !== null && !(programs.includes('JKK') && programs.includes('JKM'))) {
      throw new SigapError('INVALID_INPUT', 'Program pengecualian sekurang-kurangnya JKK dan JKM (Inpres 2/2021).');
    }
    // The person's latest engagement decides: JP is for PU only (BPU billing ignores it anyway).
    if (programs?.includes('JP') && (await personExceptionRepo.latestSegment(tx, input.personId)) === 'BPU') {
      throw new SigapError('INVALID_INPUT', `${name} peserta BPU: Jaminan Pensiun hanya untuk Penerima Upah. Hapus JP dari program pengecualian.`);
    }
    if (jkkClass !== null && !(Number.isInteger(jkkClass) && jkkClass >= 1 && jkkClass <= 5)) throw new SigapError('INVALID_INPUT', 'Kelas JKK harus 1 sampai 5.');
    if (!reason) throw new SigapError('INVALID_INPUT', 'Alasan pengecualian wajib diisi.');
    // One writer per person's exceptions: two adds for the same months at once would both find no overlap.
    await personRepo.lockPersonRecords(tx, input.personId);
    const overlap = await personExceptionRepo.overlapping(tx, input.personId, input.fromMonth, toMonth);
    if (overlap) {
      throw new SigapError('CONFLICT', `${name} sudah punya pengecualian yang mencakup bulan itu (${exceptionSentence(toDto(overlap))}). Akhiri dulu yang lama.`);
    }
    const ordered = programs === null ? null : parsePrograms(programs.join(','));
    const at = nowIso(ctx);
    const id = await personExceptionRepo.insert(tx, { personId: input.personId, fromMonth: input.fromMonth, toMonth, programs: ordered?.join(',') ?? null, jkkClass, reason, source }, at, ctx.actor);
    const after = toDto((await personExceptionRepo.byId(tx, id))!);
    await audit(ctx, { action: 'create', entity: 'person_exception', entityId: id, at, summary: `${name}: ${exceptionSentence(after)} (${reason})`, after });
    return id;
  });
}

/** Ends an exception after `lastMonth` (its last covered month), with an audit row. */
export async function endPersonException(ctx: CoreContext, id: number, lastMonth: string): Promise<PersonException> {
  return storeOf(ctx).tx('write', async (tx) => {
    const row = await personExceptionRepo.byId(tx, id);
    if (!row) throw new SigapError('NOT_FOUND', `Pengecualian #${id} tidak ditemukan.`);
    if (!isMonth(lastMonth)) throw new SigapError('INVALID_INPUT', `Bulan terakhir "${lastMonth}" tidak sah; tulis YYYY-MM, mis. 2026-06.`);
    if (lastMonth < row.fromMonth) {
      throw new SigapError('INVALID_INPUT', `Bulan terakhir (${formatMonthId(lastMonth)}) sebelum pengecualian mulai (${formatMonthId(row.fromMonth)}).`);
    }
    if (row.toMonth !== null && row.toMonth <= lastMonth) {
      throw new SigapError('CONFLICT', `Pengecualian ini sudah berakhir ${formatMonthId(row.toMonth)}.`);
    }
    const at = nowIso(ctx);
    // Written only if the last month is still the one checked above: another clerk may have ended it meanwhile.
    if ((await personExceptionRepo.end(tx, id, lastMonth, at, ctx.actor, row.toMonth)).changes !== 1) {
      throw new SigapError('CONFLICT', `Pengecualian #${id} baru saja diakhiri oleh pengguna lain. Muat ulang dan periksa bulan terakhirnya; tidak ada yang diubah.`);
    }
    const before = toDto(row);
    const after = { ...before, toMonth: lastMonth };
    await audit(ctx, { action: 'end', entity: 'person_exception', entityId: id, at, summary: `${await personName(tx, row.personId)}: pengecualian berakhir ${formatMonthId(lastMonth)}`, before, after });
    return after;
  });
}
