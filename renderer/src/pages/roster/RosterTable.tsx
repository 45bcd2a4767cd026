import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RosterRowDto } from '../../../../shared/contract/index';
import { formatDateId, formatNumber, formatRupiah } from '../../format';
import type { RosterPages } from './roster-pages';
import type { RosterQuery, RosterSort } from './roster-query';
import { useSeesIdentity } from './identity-view';
import type { RosterSelection } from './roster-selection';

const ROW_HEIGHT = 34;

const COLUMNS: { key: string; label: string; sort?: RosterSort; num?: boolean }[] = [
  { key: 'no', label: 'No', num: true },
  { key: 'name', label: 'Nama', sort: 'name' },
  { key: 'nik', label: 'NIK', sort: 'nik' },
  { key: 'opd', label: 'OPD / Pekon', sort: 'opd' },
  { key: 'category', label: 'Kategori' },
  { key: 'honor', label: 'Honor', sort: 'honor', num: true },
  { key: 'start', label: 'Mulai', sort: 'start' },
  { key: 'status', label: 'Status' },
];

interface Props {
  pages: RosterPages;
  query: RosterQuery;
  onSort: (column: RosterSort) => void;
  /** Where Back on the person page returns to. */
  backTo: string;
  /** Ticking people for a bulk edit; without it (roles that may not edit) there is no tick column. */
  selection?: RosterSelection | undefined;
}

/**
 * The roster as a virtualized grid: only the rows in view exist in the page, and the pages that hold
 * them are fetched as they come into view, so 100,000 people scroll like 100.
 */
export function RosterTable({ pages, query, onSort, backTo, selection }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const total = pages.total ?? 0;
  // The React Compiler cannot memoize TanStack Virtual's mutable instance; this app does not use the compiler.
  // oxlint-disable-next-line react/incompatible-library
  const v = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [ensure, first, last, total]);

  // A new filter or order starts at the top of its list.
  const listKey = JSON.stringify(query);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [listKey]);

  // Finance and viewer see NIK masked; the core sorts them by name when asked for NIK order, so no button.
  const byIdentity = useSeesIdentity();
  const columns = byIdentity ? COLUMNS : COLUMNS.map((c) => (c.key === 'nik' ? { ...c, sort: undefined } : c));

  const open = (r: RosterRowDto) => navigate(`/pegawai/${r.personId}`, { state: { back: backTo } });

  return (
    <div className={selection ? 'grid grid-selectable' : 'grid'} role="table" aria-label="Daftar pegawai" aria-rowcount={total + 1} data-state={pages.total === null ? 'loading' : 'ready'} data-total={pages.total ?? ''}>
      <div className="grid-row grid-head" role="row" aria-rowindex={1}>
        {selection ? (
          <div role="columnheader" className="grid-cell col-pick">
            <input
              type="checkbox"
              aria-label="Pilih semua yang tampil"
              title="Pilih semua yang tampil"
              checked={selection.all && selection.count === total && total > 0}
              ref={(el) => {
                if (el) el.indeterminate = selection.count > 0 && !(selection.all && selection.count === total);
              }}
              disabled={total === 0}
              onChange={() => (selection.count > 0 ? selection.clear() : selection.selectAllShown())}
            />
          </div>
        ) : null}
        {columns.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            className={`grid-cell col-${c.key}${c.num ? ' num' : ''}`}
            aria-sort={c.sort && query.sort === c.sort ? (query.desc ? 'descending' : 'ascending') : undefined}
          >
            {c.sort ? (
              <button type="button" className="sort-button" onClick={() => onSort(c.sort!)}>
                {c.label}
                <span className="sort-mark" aria-hidden="true">
                  {query.sort === c.sort ? (query.desc ? '▼' : '▲') : '↕'}
                </span>
              </button>
            ) : (
              c.label
            )}
          </div>
        ))}
      </div>
      <div className="grid-body" ref={scroller} tabIndex={0} aria-label="Baris pegawai; gunakan panah dan Page Down untuk menggulir" data-testid="roster-scroller">
        <div className="grid-spacer" style={{ height: v.getTotalSize() }} role="rowgroup">
          {items.map((it) => {
            const r = pages.row(it.index);
            return (
              <div
                key={it.key}
                role="row"
                aria-rowindex={it.index + 2}
                data-index={it.index}
                data-loaded={r ? 'true' : 'false'}
                className={r ? 'grid-row grid-data' : 'grid-row grid-data grid-pending'}
                style={{ transform: `translateY(${it.start}px)`, height: ROW_HEIGHT }}
                onClick={r ? () => open(r) : undefined}
              >
                {selection ? <PickCell r={r} selection={selection} /> : null}
                {r ? <RosterCells r={r} n={it.index + 1} backTo={backTo} /> : <PendingCells n={it.index + 1} />}
              </div>
            );
          })}
        </div>
        {pages.total === 0 ? <p className="grid-empty">Tidak ada pegawai yang cocok dengan pencarian dan filter ini.</p> : null}
      </div>
    </div>
  );
}

/** The tick box of a row; a click on it never opens the person (the row's own click does). */
function PickCell({ r, selection }: { r: RosterRowDto | undefined; selection: RosterSelection }) {
  return (
    <div role="cell" className="grid-cell col-pick" onClick={(e) => e.stopPropagation()}>
      {r ? <input type="checkbox" aria-label={`Pilih ${r.name}`} checked={selection.isSelected(r.personId)} onChange={() => selection.toggle(r.personId)} /> : null}
    </div>
  );
}

function RosterCells({ r, n, backTo }: { r: RosterRowDto; n: number; backTo: string }) {
  return (
    <>
      <div role="cell" className="grid-cell col-no num muted">{formatNumber(n)}</div>
      <div role="cell" className="grid-cell col-name">
        {/* The link carries keyboard users; a click anywhere on the row does the same. */}
        <Link to={`/pegawai/${r.personId}`} state={{ back: backTo }} onClick={(e) => e.stopPropagation()} title={r.position ?? undefined}>
          {r.name}
        </Link>
      </div>
      <div role="cell" className="grid-cell col-nik tabular">{r.nik}</div>
      <div role="cell" className="grid-cell col-opd" title={r.opd}>{r.opd}</div>
      <div role="cell" className="grid-cell col-category" title={`${r.category} (${r.segment})`}>
        {r.category}
      </div>
      <div role="cell" className="grid-cell col-honor num">{formatRupiah(r.honor)}</div>
      <div role="cell" className="grid-cell col-start">{formatDateId(r.startDate)}</div>
      <div role="cell" className="grid-cell col-status">
        {r.active ? <span className="pill pill-ok">Aktif</span> : <span className="pill pill-muted" title={r.endDate ? `Berakhir ${formatDateId(r.endDate)}` : undefined}>Berakhir</span>}
      </div>
    </>
  );
}

function PendingCells({ n }: { n: number }) {
  return (
    <>
      <div role="cell" className="grid-cell col-no num muted">{formatNumber(n)}</div>
      <div role="cell" className="grid-cell grid-pending-cell">
        <span className="skeleton" />
      </div>
    </>
  );
}
