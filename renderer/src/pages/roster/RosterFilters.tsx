import type { Output } from '../../../../shared/contract/index';
import { MonthPicker, yearsAround } from '../../components/MonthPicker';
import { STATUS_LABELS } from '../../labels';
import type { KpjFilter, RosterQuery, RosterStatus } from './roster-query';
import { useSeesIdentity } from './identity-view';

type Options = Output<'roster.options'>;

interface Props {
  query: RosterQuery;
  /** What is typed in the search box now (the query follows it after a pause). */
  searchText: string;
  onSearchText: (s: string) => void;
  onChange: (q: RosterQuery) => void;
  options: Options;
}

const SEARCH_HINT = 'Pencarian menurut nama saja: NIK dan KPJ disembunyikan untuk peran Anda.';

const idOrNull = (v: string): number | null => (v === '' ? null : Number(v));

/** Search and filters above the roster. Every control is a plain form control, reachable with Tab. */
export function RosterFilters({ query, searchText, onSearchText, onChange, options }: Props) {
  const opds = options.opds.filter((o) => o.kind === 'opd');
  const villages = options.opds.filter((o) => o.kind === 'village');
  // Finance and viewer see NIK and KPJ masked, and the core searches them by name only: say so.
  const byIdentity = useSeesIdentity();
  const searchLabel = byIdentity ? 'Cari nama, NIK atau KPJ' : 'Cari nama pegawai';
  return (
    <div className="filters" role="search">
      <label className="filter filter-search">
        <span className="sr-only">Cari</span>
        <input
          type="search"
          placeholder={`${searchLabel}…`}
          value={searchText}
          onChange={(e) => onSearchText(e.target.value)}
          aria-label={searchLabel}
          aria-describedby={byIdentity ? undefined : 'roster-search-hint'}
          title={byIdentity ? undefined : SEARCH_HINT}
          maxLength={100}
        />
        {byIdentity ? null : (
          <span id="roster-search-hint" className="muted small" data-testid="roster-search-hint">
            {SEARCH_HINT}
          </span>
        )}
      </label>
      <label className="filter">
        <span>OPD</span>
        <select
          value={query.opdId ?? ''}
          onChange={(e) => onChange({ ...query, opdId: idOrNull(e.target.value) })}
          title={options.opds.find((o) => o.id === query.opdId)?.name /* a long unit name is cut in the closed list */}
        >
          <option value="">Semua OPD dan pekon</option>
          <optgroup label="OPD">
            {opds.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </optgroup>
          {villages.length > 0 ? (
            <optgroup label="Desa/Pekon">
              {villages.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <label className="filter">
        <span>Kategori</span>
        <select
          value={query.categoryId ?? ''}
          onChange={(e) => onChange({ ...query, categoryId: idOrNull(e.target.value) })}
          title={options.categories.find((c) => c.id === query.categoryId)?.name}
        >
          <option value="">Semua kategori</option>
          {options.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>KPJ</span>
        <select
          value={query.kpj ?? ''}
          onChange={(e) => onChange({ ...query, kpj: e.target.value === '' ? undefined : (e.target.value as KpjFilter) })}
        >
          <option value="">Semua</option>
          <option value="ada">Sudah ada</option>
          <option value="belum">Belum ada</option>
        </select>
      </label>
      <label className="filter">
        <span>Status</span>
        <select value={query.status} onChange={(e) => onChange({ ...query, status: e.target.value as RosterStatus })}>
          {(Object.keys(STATUS_LABELS) as RosterStatus[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <div className="filter">
        <span>Bulan</span>
        <MonthPicker label="Bulan" value={query.month} onChange={(month) => onChange({ ...query, month })} years={yearsAround(options.today)} />
      </div>
    </div>
  );
}
