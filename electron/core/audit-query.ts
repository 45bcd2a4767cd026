/** The audit trail as Pengaturan › Jejak audit and `sigap audit` show it: filtered pages and the Excel export. */
import type { CoreContext } from './context';
import { writeXlsxStream } from './files/xlsx-write';
import { officeZone } from './settings/zone';
import { wallClock } from '../../shared/zone';
import { storeOf } from './store/of-context';
import { auditLog, type AuditFilter } from './audit-repository';

export type { AuditFilter } from './audit-repository';

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

export async function listAudit(ctx: CoreContext, f: AuditFilter): Promise<{ total: number; rows: AuditRow[]; entities: string[]; actors: string[] }> {
  // One snapshot: the count, the page and the filter lists agree even while others write.
  return storeOf(ctx).tx('read', async (q) => {
    const total = await auditLog.count(q, f);
    const rows = (await auditLog.page(q, f, Math.trunc(f.limit ?? 200), Math.trunc(f.offset ?? 0))).map(({ beforeJson, afterJson, ...r }) => ({
      ...r,
      before: beforeJson ? JSON.parse(beforeJson) : null,
      after: afterJson ? JSON.parse(afterJson) : null,
    }));
    return { total, rows, entities: await auditLog.entities(q), actors: await auditLog.actors(q) };
  });
}

/** The filtered audit trail as an Excel workbook (streamed: the log can hold millions of rows). */
export async function exportAudit(ctx: CoreContext, f: AuditFilter, path: string): Promise<number> {
  let n = 0;
  // Times on the Pemda's wall clock, named in the header (an auditor in Makassar reads WITA).
  const zone = await officeZone(ctx);
  const store = storeOf(ctx);
  async function* rows() {
    for await (const r of auditLog.iterate(store, f)) {
      n++;
      const at = wallClock(r.at, zone).slice(0, 19).replace('T', ' ');
      yield [String(r.id), at, r.actor, r.action, r.entity, r.entityId === null ? null : String(r.entityId), r.summary, r.beforeJson, r.afterJson];
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
