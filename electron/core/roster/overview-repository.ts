/** The SQL of Beranda's counts and of the SK list with its people (roster/overview.ts). */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import type { MonthSpan } from './roster-repository';

export interface DecreeSummaryRow {
  id: number; number: string; date: string | null; subject: string | null; tmtStart: string; tmtEnd: string | null; category: string;
  mode: 'replace' | 'amend'; sourceFile: string | null; importedAt: string; importedBy: string; persons: number; active: number;
}

/** Engagements in force at some time in the span. */
const active = (s: MonthSpan) => sql`e.start_date <= ${s.to} AND (e.end_date IS NULL OR e.end_date >= ${s.from})`;

export const overviewRepo = {
  /** Decrees with how many people they name and how many are still active on `today`. */
  decrees(q: Queries, today: string): Promise<DecreeSummaryRow[]> {
    return q.all<DecreeSummaryRow>(sql`
      SELECT d.id, d.number, d.date, d.subject, d.tmt_start AS "tmtStart", d.tmt_end AS "tmtEnd", c.name AS category, d.mode,
             d.source_file AS "sourceFile", d.imported_at AS "importedAt", d.imported_by AS "importedBy",
             count(e.id) AS persons,
             coalesce(sum(CASE WHEN e.start_date <= ${today} AND (e.end_date IS NULL OR e.end_date >= ${today}) THEN 1 ELSE 0 END), 0) AS active
      FROM decree d JOIN category c ON c.id = d.category_id LEFT JOIN engagement e ON e.decree_id = d.id
      GROUP BY d.id, c.name ORDER BY d.tmt_start DESC, d.id DESC`);
  },
  activeByOpd(q: Queries, s: MonthSpan): Promise<{ opdId: number; opd: string; count: number }[]> {
    return q.all(sql`SELECT o.id AS "opdId", o.name AS opd, count(DISTINCT e.person_id) AS count FROM engagement e JOIN opd o ON o.id = e.opd_id
      WHERE ${active(s)} GROUP BY o.id, o.name ORDER BY count DESC, o.name`);
  },
  activeByCategory(q: Queries, s: MonthSpan): Promise<{ categoryId: number; category: string; segment: 'PU' | 'BPU'; count: number }[]> {
    return q.all(sql`SELECT c.id AS "categoryId", c.name AS category, c.segment, count(DISTINCT e.person_id) AS count FROM engagement e
      JOIN category c ON c.id = e.category_id WHERE ${active(s)} GROUP BY c.id, c.name, c.segment ORDER BY c.id`);
  },
  async activePeople(q: Queries, s: MonthSpan): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(DISTINCT e.person_id) AS n FROM engagement e WHERE ${active(s)}`))!.n;
  },
  async activeWithoutKpj(q: Queries, s: MonthSpan): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(DISTINCT e.person_id) AS n FROM engagement e JOIN person x ON x.id = e.person_id
      WHERE ${active(s)} AND x.kpj IS NULL`))!.n;
  },
  async decreesOfYear(q: Queries, year: string): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM decree WHERE substr(tmt_start, 1, 4) = ${year}`))!.n;
  },
};
