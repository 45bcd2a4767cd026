/** The SEBAB_NA code of each kind of end reason (bpjs_na_reason, migration 0200). */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import type { NaReasonKind } from './types';

export interface NaReasonDbRow {
  reason: NaReasonKind; code: string; source: string; confidence: 'H' | 'M' | 'L'; note: string | null; updated_at: string; updated_by: string;
}

const COLUMNS = sql`reason, code, source, confidence, note, updated_at, updated_by`;

export const naReasonRepo = {
  all(q: Queries): Promise<NaReasonDbRow[]> {
    return q.all<NaReasonDbRow>(sql`SELECT ${COLUMNS} FROM bpjs_na_reason`);
  },
  get(q: Queries, reason: NaReasonKind): Promise<NaReasonDbRow | undefined> {
    return q.one<NaReasonDbRow>(sql`SELECT ${COLUMNS} FROM bpjs_na_reason WHERE reason = ${reason}`);
  },
  /** Sets a kind's code as the clerk's word (confidence H). */
  async save(q: Queries, r: { reason: NaReasonKind; code: string; source: string; note: string | null; now: string; actor: string }): Promise<void> {
    await q.run(sql`INSERT INTO bpjs_na_reason (reason, code, source, confidence, note, updated_at, updated_by)
      VALUES (${r.reason}, ${r.code}, ${r.source}, 'H', ${r.note}, ${r.now}, ${r.actor})
      ON CONFLICT (reason) DO UPDATE SET code = excluded.code, source = excluded.source, confidence = 'H', note = excluded.note,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  },
};
