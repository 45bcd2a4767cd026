import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useAppInfo } from '../../app-info';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { PageHeader } from '../../components/PageHeader';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { formatMonthId, formatNumber } from '../../format';
import { STATUS_LABELS } from '../../labels';
import { RosterFilters } from './RosterFilters';
import { RosterTable } from './RosterTable';
import { PersonDialog } from './PersonDialog';
import { useCan, useSessionMaybe } from '../../session/session';
import { RevealButton } from '../../components/RevealButton';
import { ExportColumnsDialog } from './ExportColumnsDialog';
import { rememberColumns, rememberedColumns } from './export-columns-memory';
import { useRosterSelection } from './roster-selection';
import { BulkEditDialog } from './BulkEditDialog';
import { useSeesIdentity } from './identity-view';
import type { RosterColumn } from '../../../../shared/roster-export-columns';
import '../../styles/roster-bulk.css';
import { useRosterPages } from './roster-pages';
import { filterOf, hasFilters, paramsFromQuery, queryFromParams, sortBy, type RosterQuery } from './roster-query';

export const SEARCH_DELAY_MS = 250;

/** Pegawai: the whole roster, searchable and filterable, with adding a person by hand. */
export function RosterPage() {
  const { info } = useAppInfo();
  const bridge = useBridge();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const defaultMonth = info.today.slice(0, 7);
  const query = queryFromParams(params, defaultMonth);
  const [searchText, setSearchText] = useState(query.search);
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  const canAdd = useCan('person.create');
  const canComplete = useCan('person.completion.apply');
  const options = useLoad(useCallback(() => bridge.call('roster.options', {}), [bridge]));

  const setQuery = (q: RosterQuery) => setParams(paramsFromQuery(q, defaultMonth), { replace: true });
  // Search as you type, but ask the core only once the typing pauses. The address is then updated from
  // its latest state (not the state when the key was pressed), so a filter changed meanwhile is kept.
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const onSearchText = (text: string) => {
    setSearchText(text);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => {
      setParams(paramsFromQuery({ ...queryFromParams(latest.current, defaultMonth), search: text }, defaultMonth), { replace: true });
    }, SEARCH_DELAY_MS);
  };
  useEffect(() => () => clearTimeout(typing.current), []);

  const pages = useRosterPages(bridge, filterOf(query));
  // "Unduh Excel": exactly the list on screen (filters, search and order), NIK/KPJ as the role sees them,
  // with the columns the clerk chose (remembered per user on this computer).
  const username = useSessionMaybe()?.status.user?.username ?? '';
  const seesIdentity = useSeesIdentity();
  const [choosingColumns, setChoosingColumns] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ path: string; rows: number } | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const download = async (columns: RosterColumn[]) => {
    rememberColumns(username, columns);
    setSaving(true);
    setSaved(null);
    setSaveError(null);
    try {
      setSaved(await bridge.call('roster.saveXlsx', { ...filterOf(query), columns }));
    } catch (e) {
      setSaveError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
      setChoosingColumns(false);
    }
  };
  // Ubah massal: ticked people (or all shown) get one field set to one value.
  const canBulk = useCan('roster.bulkApply');
  const selection = useRosterSelection(filterOf(query), pages.total);
  const [bulkEditing, setBulkEditing] = useState(false);
  const [bulkDone, setBulkDone] = useState<string | null>(null);
  const shown = pages.total;

  return (
    <div className="page page-fill">
      <PageHeader
        title="Pegawai"
        subtitle="Tenaga non-ASN dan pekerja rentan dari SK yang diimpor atau ditambahkan manual."
        actions={
          <>
            <button type="button" className="button" onClick={() => setChoosingColumns(true)} disabled={saving}>
              {saving ? 'Menyimpan…' : 'Unduh Excel'}
            </button>
            {canComplete ? (
              <Link to="/pegawai/lengkapi" className="button">
                Lengkapi data
              </Link>
            ) : null}
            {canAdd ? (
              <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
                + Tambah pegawai
              </button>
            ) : null}
          </>
        }
      />
      {saved ? (
        <Notice tone="success" title="Daftar pegawai tersimpan">
          <span data-testid="roster-saved">{formatNumber(saved.rows)} pegawai ditulis ke {saved.path}</span>
          <RevealButton saved={saved} />
        </Notice>
      ) : null}
      {bulkDone ? (
        <Notice tone="success" title="Ubah massal tersimpan">
          <span data-testid="bulk-done">{bulkDone}</span>
        </Notice>
      ) : null}
      {choosingColumns ? (
        <ExportColumnsDialog initial={rememberedColumns(username)} masked={!seesIdentity} busy={saving} onClose={() => setChoosingColumns(false)} onSave={(c) => void download(c)} />
      ) : null}
      {saveError ? <Notice tone="danger" title="Daftar tidak dapat disimpan">{saveError}</Notice> : null}
      <LoadState load={options}>
        {(opts) => (
          <>
            <RosterFilters query={query} searchText={searchText} onSearchText={onSearchText} onChange={setQuery} options={opts} />
            <div className="roster-count" aria-live="polite">
              <span data-testid="roster-count">
                {shown === null ? 'Memuat…' : `Menampilkan ${formatNumber(shown)} pegawai`}
              </span>
              <span className="muted">
                {' '}
                · {STATUS_LABELS[query.status].toLowerCase()} pada {formatMonthId(query.month)}
                {query.kpj === 'ada' ? ', sudah ber-KPJ' : query.kpj === 'belum' ? ', belum ber-KPJ' : ''}
              </span>
              {hasFilters(query) ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    clearTimeout(typing.current);
                    setSearchText('');
                    setQuery({ ...query, search: '', opdId: null, categoryId: null, kpj: undefined, status: 'active' });
                  }}
                >
                  Hapus filter
                </button>
              ) : null}
            </div>
            {pages.error ? <Notice tone="danger" title="Daftar tidak dapat dimuat">{pages.error.message}</Notice> : null}
            {canBulk && selection.count > 0 ? (
              <div className="bulk-bar" role="region" aria-label="Pilihan pegawai">
                <strong data-testid="bulk-count">{formatNumber(selection.count)} pegawai dipilih</strong>
                {!selection.all && shown !== null && shown > selection.count ? (
                  <button type="button" className="link-button" onClick={selection.selectAllShown}>
                    Pilih semua yang tampil ({formatNumber(shown)})
                  </button>
                ) : null}
                <button type="button" className="button button-primary" onClick={() => setBulkEditing(true)}>
                  Ubah massal…
                </button>
                <button type="button" className="link-button" onClick={selection.clear}>
                  Batalkan pilihan
                </button>
              </div>
            ) : null}
            <RosterTable pages={pages} query={query} onSort={(c) => setQuery(sortBy(query, c))} backTo={`${location.pathname}${location.search}`} selection={canBulk ? selection : undefined} />
            {bulkEditing ? (
              <BulkEditDialog
                selection={selection.dto()}
                count={selection.count}
                onClose={() => setBulkEditing(false)}
                onDone={(message) => {
                  setBulkEditing(false);
                  setBulkDone(message);
                  selection.clear();
                }}
              />
            ) : null}
            {adding ? (
              <PersonDialog
                mode="create"
                options={opts}
                today={info.today}
                onClose={() => setAdding(false)}
                onSaved={(personId) => navigate(`/pegawai/${personId}`)}
              />
            ) : null}
          </>
        )}
      </LoadState>
    </div>
  );
}
