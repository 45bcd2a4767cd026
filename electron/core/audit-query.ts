import type { CoreContext } from './context';
import { writeXlsxStream } from './files/xlsx-write';
import { officeZone } from './settings/zone';
import { wallClock } from '../../shared/zone';

export interface AuditFilter {
  entity?: string;
  actor?: string;
  action?: string;
  /** ISO date, inclusive. */
  from?: string;
  to?: string;
  search?: string;
  offset?: number;
  limit?: number;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: number | null;
  summary: string | null;
  before: unknown;
  after: unknown;
}

function where(f: AuditFilter): { sql: string; params: Record<string, unknown> } {
  const w: string[] = [];
  const params: Record<string, unknown> = {};
  for (const k of ['entity', 'actor', 'action'] as const) {
    if (f[k]) {
      w.push(`${k} = @${k}`);
      params[k] = f[k];
    }
  }
  if (f.from) {
    w.push('at >= @from');
    params.from = f.from;
  }
  if (f.to) {
    w.push('at < @to');
    // Inclusive end date: everything before the next day.
    params.to = `${f.to}T99`;
  }
  if (f.search && f.search.trim() !== '') {
    w.push("(summary LIKE @q ESCAPE '\\' OR before_json LIKE @q ESCAPE '\\' OR after_json LIKE @q ESCAPE '\\')");
    params.q = `%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', params };
}

export function listAudit(ctx: CoreContext, f: AuditFilter): { total: number; rows: AuditRow[]; entities: string[]; actors: string[] } {
  const { sql, params } = where(f);
  const total = (ctx.db.prepare(`SELECT count(*) AS n FROM audit_log ${sql}`).get(params) as { n: number }).n;
  const raw = ctx.db
    .prepare(`SELECT id, at, actor, action, entity, entity_id AS entityId, summary, before_json, after_json FROM audit_log ${sql} ORDER BY id DESC LIMIT ${Number(f.limit ?? 200)} OFFSET ${Number(f.offset ?? 0)}`)
    .all(params) as (Omit<AuditRow, 'before' | 'after'> & { before_json: string | null; after_json: string | null })[];
  const rows = raw.map(({ before_json, after_json, ...r }) => ({ ...r, before: before_json ? JSON.parse(before_json) : null, after: after_json ? JSON.parse(after_json) : null }));
  const entities = ctx.db.prepare('SELECT DISTINCT entity FROM audit_log ORDER BY entity').pluck().all() as string[];
  const actors = ctx.db.prepare('SELECT DISTINCT actor FROM audit_log ORDER BY actor').pluck().all() as string[];
  return { total, rows, entities, actors };
}

/** The filtered audit trail as an Excel workbook (streamed: the log can hold millions of rows). */
export async function exportAudit(ctx: CoreContext, f: AuditFilter, path: string): Promise<number> {
  const { sql, params } = where(f);
  let n = 0;
  const it = ctx.db.prepare(`SELECT id, at, actor, action, entity, entity_id, summary, before_json, after_json FROM audit_log ${sql} ORDER BY id`).raw().iterate(params) as IterableIterator<unknown[]>;
  // Times on the Pemda's wall clock, named in the header (an auditor in Makassar reads WITA).
  const zone = officeZone(ctx);
  function* rows() {
    for (const r of it) {
      n++;
      const out = r.map((v) => (v === null ? null : String(v)));
      out[1] = wallClock(String(r[1]), zone).slice(0, 19).replace('T', ' ');
      yield out;
    }
  }
  await writeXlsxStream(path, [{
    name: 'Jejak Audit',
    header: ['No', `Waktu (${zone})`, 'Pengguna', 'Tindakan', 'Data', 'ID Data', 'Ringkasan', 'Sebelum', 'Sesudah'],
    rows: rows(),
    widths: [8, 24, 16, 10, 14, 8, 50, 40, 40],
  }]);
  return n;
}
