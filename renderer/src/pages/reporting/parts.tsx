import { Link, useLocation } from 'react-router';
import type { ReportProblemDto } from '../../../../shared/contract/reporting-calls';
import { formatNumber } from '../../format';

/** A person's name linking to the person page; the page's back link returns here, to the same tab. */
export function PersonLink({ personId, name }: { personId: number | null; name: string }) {
  const location = useLocation();
  if (personId === null) return <span>{name || '(tanpa nama)'}</span>;
  return (
    <Link to={`/pegawai/${personId}`} state={{ back: `${location.pathname}${location.search}` }}>
      {name || '(tanpa nama)'}
    </Link>
  );
}

/** Pre-flight problems, each naming the portal's column. */
export function ProblemList({ problems }: { problems: ReportProblemDto[] }) {
  if (problems.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="rp-problems">
      {problems.map((p, i) => (
        <li key={`${p.code}-${i}`} className={p.severity === 'error' ? 'rp-problem-error' : 'rp-problem-warning'}>
          <code className="rp-col">{p.column}</code> {p.message}
        </li>
      ))}
    </ul>
  );
}

/** Previous / next for a list the core pages. */
export function Pager({ offset, limit, total, onChange, label }: { offset: number; limit: number; total: number; onChange: (offset: number) => void; label: string }) {
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <nav className="rp-pager" aria-label={label}>
      <button type="button" className="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        ‹ Sebelumnya
      </button>
      <span className="muted">
        Halaman {formatNumber(page)} dari {formatNumber(pages)} · baris {formatNumber(offset + 1)}–{formatNumber(Math.min(total, offset + limit))} dari {formatNumber(total)}
      </span>
      <button type="button" className="button" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        Berikutnya ›
      </button>
    </nav>
  );
}

/** A list cut by the core: say how many are not shown. */
export function CutNote({ shown, total }: { shown: number; total: number }) {
  if (shown >= total) return null;
  return <p className="muted small">Ditampilkan {formatNumber(shown)} dari {formatNumber(total)}.</p>;
}

/** Client-side paging of a list already in hand. */
export function pageOf<T>(items: T[], offset: number, limit: number): T[] {
  return items.slice(offset, offset + limit);
}
