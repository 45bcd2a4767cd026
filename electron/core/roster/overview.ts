import type { CoreContext } from '../context';
import { firstDay, lastDay } from '../../../shared/dates';

/** Decrees with how many people they name and how many are still active today. */
export function listDecrees(ctx: CoreContext, today: string) {
  return ctx.db
    .prepare(
      `SELECT d.id, d.number, d.date, d.subject, d.tmt_start AS tmtStart, d.tmt_end AS tmtEnd, c.name AS category, d.mode,
              d.source_file AS sourceFile, d.imported_at AS importedAt, d.imported_by AS importedBy,
              count(e.id) AS persons,
              coalesce(sum(e.start_date <= @today AND (e.end_date IS NULL OR e.end_date >= @today)), 0) AS active
       FROM decree d JOIN category c ON c.id = d.category_id LEFT JOIN engagement e ON e.decree_id = d.id
       GROUP BY d.id ORDER BY d.tmt_start DESC, d.id DESC`,
    )
    .all({ today }) as {
    id: number; number: string; date: string | null; subject: string | null; tmtStart: string; tmtEnd: string | null; category: string;
    mode: 'replace' | 'amend'; sourceFile: string | null; importedAt: string; importedBy: string; persons: number; active: number;
  }[];
}

const ACTIVE = 'e.start_date <= @to AND (e.end_date IS NULL OR e.end_date >= @from)';

/** Beranda's counts: people active in the month by OPD and category, decrees of the year. */
export function dashboardSummary(ctx: CoreContext, month: string) {
  const p = { from: firstDay(month), to: lastDay(month) };
  const byOpd = ctx.db
    .prepare(`SELECT o.id AS opdId, o.name AS opd, count(DISTINCT e.person_id) AS count FROM engagement e JOIN opd o ON o.id = e.opd_id WHERE ${ACTIVE} GROUP BY o.id ORDER BY count DESC, o.name`)
    .all(p) as { opdId: number; opd: string; count: number }[];
  const byCategory = ctx.db
    .prepare(`SELECT c.id AS categoryId, c.name AS category, c.segment, count(DISTINCT e.person_id) AS count FROM engagement e JOIN category c ON c.id = e.category_id WHERE ${ACTIVE} GROUP BY c.id ORDER BY c.id`)
    .all(p) as { categoryId: number; category: string; segment: 'PU' | 'BPU'; count: number }[];
  const active = (ctx.db.prepare(`SELECT count(DISTINCT e.person_id) AS n FROM engagement e WHERE ${ACTIVE}`).get(p) as { n: number }).n;
  const withoutKpj = (ctx.db.prepare(`SELECT count(DISTINCT e.person_id) AS n FROM engagement e JOIN person x ON x.id = e.person_id WHERE ${ACTIVE} AND x.kpj IS NULL`).get(p) as { n: number }).n;
  const decreesThisYear = (ctx.db.prepare("SELECT count(*) AS n FROM decree WHERE substr(tmt_start, 1, 4) = ?").get(month.slice(0, 4)) as { n: number }).n;
  return { month, active, byOpd, byCategory, decreesThisYear, withoutKpj };
}
