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

export type { Program };
export { exceptionNote } from '../../../shared/person-exception';

interface Row {
  id: number;
  personId: number;
  fromMonth: string;
  toMonth: string | null;
  programs: string | null;
  jkkClass: number | null;
  reason: string;
  source: string | null;
  createdAt: string;
  createdBy: string;
}

const SELECT = `SELECT id, person_id AS personId, from_month AS fromMonth, to_month AS toMonth, programs, jkk_class AS jkkClass,
                       reason, source, created_at AS createdAt, created_by AS createdBy FROM person_exception`;

const toDto = (r: Row): PersonException => ({ ...r, programs: r.programs === null ? null : parsePrograms(r.programs) });

/** A category's program list as a set ('JKK,JKM'). */
export const programSet = (text: string): Set<Program> => new Set(parsePrograms(text));

/** The exceptions covering `month`, one per person (the latest start wins should two overlap). */
export function exceptionsInForce(ctx: CoreContext, month: string): PersonException[] {
  const rows = ctx.db.prepare(`${SELECT} WHERE from_month <= @month AND (to_month IS NULL OR to_month >= @month) ORDER BY person_id, from_month DESC, id DESC`)
    .all({ month }) as Row[];
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.personId) && seen.add(r.personId)).map(toDto);
}

/** A person's exceptions, latest first. */
export function listPersonExceptions(ctx: CoreContext, personId: number): PersonException[] {
  return (ctx.db.prepare(`${SELECT} WHERE person_id = ? ORDER BY from_month DESC, id DESC`).all(personId) as Row[]).map(toDto);
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

function personName(ctx: CoreContext, personId: number): string {
  const p = ctx.db.prepare('SELECT name FROM person WHERE id = ?').get(personId) as { name: string } | undefined;
  if (!p) throw new SigapError('NOT_FOUND', `Pegawai #${personId} tidak ditemukan.`);
  return p.name;
}

/** Checks an exception and writes it with an audit row. Returns its id. */
export function addPersonException(ctx: CoreContext, input: ExceptionInput): number {
  const name = personName(ctx, input.personId);
  const toMonth = input.toMonth ?? null;
  const programs = input.programs ?? null;
  const jkkClass = input.jkkClass ?? null;
  const reason = input.reason.trim();
  const source = input.source?.trim() || null;
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
  if (programs?.includes('JP')) {
    // The person's latest engagement decides: JP is for PU only (BPU billing ignores it anyway).
    const segment = ctx.db.prepare(
      'SELECT k.segment FROM engagement e JOIN category k ON k.id = e.category_id WHERE e.person_id = ? ORDER BY e.start_date DESC, e.id DESC LIMIT 1',
    ).pluck().get(input.personId);
    if (segment === 'BPU') throw new SigapError('INVALID_INPUT', `${name} peserta BPU: Jaminan Pensiun hanya untuk Penerima Upah. Hapus JP dari program pengecualian.`);
  }
  if (jkkClass !== null && !(Number.isInteger(jkkClass) && jkkClass >= 1 && jkkClass <= 5)) throw new SigapError('INVALID_INPUT', 'Kelas JKK harus 1 sampai 5.');
  if (!reason) throw new SigapError('INVALID_INPUT', 'Alasan pengecualian wajib diisi.');
  const overlap = ctx.db.prepare(
    `${SELECT} WHERE person_id = @p AND from_month <= coalesce(@to, '9999-12') AND (to_month IS NULL OR to_month >= @from) LIMIT 1`,
  ).get({ p: input.personId, from: input.fromMonth, to: toMonth }) as Row | undefined;
  if (overlap) {
    throw new SigapError('CONFLICT', `${name} sudah punya pengecualian yang mencakup bulan itu (${exceptionSentence(toDto(overlap))}). Akhiri dulu yang lama.`);
  }
  const ordered = programs === null ? null : parsePrograms(programs.join(','));
  return ctx.db.transaction(() => {
    const at = nowIso(ctx);
    const id = Number(ctx.db.prepare(
      `INSERT INTO person_exception (person_id, from_month, to_month, programs, jkk_class, reason, source, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.personId, input.fromMonth, toMonth, ordered?.join(',') ?? null, jkkClass, reason, source, at, ctx.actor).lastInsertRowid);
    const after = toDto(ctx.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Row);
    audit(ctx, { action: 'create', entity: 'person_exception', entityId: id, at, summary: `${name}: ${exceptionSentence(after)} (${reason})`, after });
    return id;
  }).immediate();
}

/** Ends an exception after `lastMonth` (its last covered month), with an audit row. */
export function endPersonException(ctx: CoreContext, id: number, lastMonth: string): PersonException {
  const row = ctx.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new SigapError('NOT_FOUND', `Pengecualian #${id} tidak ditemukan.`);
  if (!isMonth(lastMonth)) throw new SigapError('INVALID_INPUT', `Bulan terakhir "${lastMonth}" tidak sah; tulis YYYY-MM, mis. 2026-06.`);
  if (lastMonth < row.fromMonth) {
    throw new SigapError('INVALID_INPUT', `Bulan terakhir (${formatMonthId(lastMonth)}) sebelum pengecualian mulai (${formatMonthId(row.fromMonth)}).`);
  }
  if (row.toMonth !== null && row.toMonth <= lastMonth) {
    throw new SigapError('CONFLICT', `Pengecualian ini sudah berakhir ${formatMonthId(row.toMonth)}.`);
  }
  return ctx.db.transaction(() => {
    const at = nowIso(ctx);
    ctx.db.prepare('UPDATE person_exception SET to_month = ?, ended_at = ?, ended_by = ? WHERE id = ?').run(lastMonth, at, ctx.actor, id);
    const before = toDto(row);
    const after = { ...before, toMonth: lastMonth };
    audit(ctx, { action: 'end', entity: 'person_exception', entityId: id, at, summary: `${personName(ctx, row.personId)}: pengecualian berakhir ${formatMonthId(lastMonth)}`, before, after });
    return after;
  }).immediate();
}
