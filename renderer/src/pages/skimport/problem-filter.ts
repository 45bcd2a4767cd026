import type { ProblemDto, SkPreviewDto } from '../../../../shared/contract/index';

export type SeverityFilter = 'all' | 'error' | 'warning';

export interface ProblemFilter {
  severity: SeverityFilter;
  /** A problem code, or '' for every code. */
  code: string;
}

/** Rejected rows first, then warnings, each in sheet and row order as the importer reported them. */
export function allProblems(pv: SkPreviewDto): ProblemDto[] {
  return [...pv.rejected, ...pv.warnings];
}

export function filterProblems(problems: ProblemDto[], f: ProblemFilter): ProblemDto[] {
  return problems.filter((p) => (f.severity === 'all' || p.severity === f.severity) && (f.code === '' || p.code === f.code));
}

/** The codes present, most frequent first, each with its count. */
export function problemCodes(problems: ProblemDto[]): { code: string; count: number }[] {
  const by = new Map<string, { code: string; count: number }>();
  for (const p of problems) {
    const e = by.get(p.code);
    if (e) e.count++;
    else by.set(p.code, { code: p.code, count: 1 });
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
