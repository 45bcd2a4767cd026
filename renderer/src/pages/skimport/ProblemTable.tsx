import { useState } from 'react';
import type { SkPreviewDto } from '../../../../shared/contract/index';
import { asBridgeError, type BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { ErrorNote, Notice } from '../../components/Notice';
import { DASH, formatNumber } from '../../format';
import { problemLabel } from '../../labels';
import { allProblems, filterProblems, problemCodes, type ProblemFilter, type SeverityFilter } from './problem-filter';
import { RevealButton } from '../../components/RevealButton';

/** Rows shown at once; the Excel download carries every one of them. */
export const PROBLEMS_SHOWN = 500;

/** The rows the importer refused or warned about, filterable, and downloadable for the clerk to fix. */
export function ProblemTable({ preview }: { preview: SkPreviewDto }) {
  const bridge = useBridge();
  const [filter, setFilter] = useState<ProblemFilter>({ severity: 'all', code: '' });
  const [saved, setSaved] = useState<{ path: string; rows: number } | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [saving, setSaving] = useState(false);
  const all = allProblems(preview);
  const codes = problemCodes(filterProblems(all, { ...filter, code: '' }));
  const shown = filterProblems(all, filter);
  const { rejected, warnings } = preview.counts;

  const download = async () => {
    setError(null);
    setSaving(true);
    try {
      const res = await bridge.call('sk.saveProblems', { previewId: preview.previewId });
      if (res) setSaved(res);
    } catch (e) {
      setError(asBridgeError(e));
    } finally {
      setSaving(false);
    }
  };

  if (all.length === 0) return <Notice tone="success" title="Tidak ada baris bermasalah">Semua baris lampiran terbaca dan sah.</Notice>;
  return (
    <div className="stack" data-testid="problems">
      <div className="toolbar">
        <label className="filter">
          <span>Jenis</span>
          <select value={filter.severity} onChange={(e) => setFilter({ severity: e.target.value as SeverityFilter, code: '' })}>
            <option value="all">Semua ({formatNumber(rejected + warnings)})</option>
            <option value="error">Ditolak ({formatNumber(rejected)})</option>
            <option value="warning">Peringatan ({formatNumber(warnings)})</option>
          </select>
        </label>
        <label className="filter filter-wide">
          <span>Masalah</span>
          <select value={filter.code} onChange={(e) => setFilter({ ...filter, code: e.target.value })}>
            <option value="">Semua masalah</option>
            {codes.map((c) => (
              <option key={c.code} value={c.code}>
                {problemLabel(c.code)} ({formatNumber(c.count)})
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={download} disabled={saving || rejected === 0} title={rejected === 0 ? 'Hanya baris yang ditolak yang diunduh' : undefined}>
          {saving ? 'Menyimpan…' : 'Unduh baris ditolak (Excel)'}
        </button>
      </div>
      {saved ? (
        <Notice tone="success" title={`${formatNumber(saved.rows)} baris disimpan`}>
          <span data-testid="saved-path">{saved.path}</span>. Perbaiki di Excel, lalu impor kembali sebagai SK perubahan.
          <RevealButton saved={saved} />
        </Notice>
      ) : null}
      <ErrorNote error={error} />
      <div className="table-scroll table-tall">
        <table className="simple-table" data-testid="problem-table">
          <thead>
            <tr>
              <th>Sheet</th>
              <th className="num">Baris</th>
              <th>Kolom</th>
              <th>Jenis</th>
              <th>Pesan</th>
              <th>Pegawai</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, PROBLEMS_SHOWN).map((p, i) => (
              <tr key={`${p.sheet}:${p.row}:${p.code}:${i}`}>
                <td>{p.sheet}</td>
                <td className="num">{p.row > 0 ? p.row : DASH}</td>
                <td className="nowrap">{p.column ? <><span className="tabular">{p.column}</span> <span className="muted small">{p.columnName}</span></> : DASH}</td>
                <td>
                  <span className={p.severity === 'error' ? 'pill pill-danger' : 'pill pill-warning'}>{p.severity === 'error' ? 'Ditolak' : 'Peringatan'}</span>
                  <div className="muted small tabular">{p.code}</div>
                </td>
                <td className="message-cell">{p.message}</td>
                <td>
                  {p.name ?? DASH}
                  {p.nik ? <div className="muted small tabular">{p.nik}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > PROBLEMS_SHOWN || rejected + warnings > all.length ? (
        <p className="muted small">
          Ditampilkan {formatNumber(Math.min(shown.length, PROBLEMS_SHOWN))} baris pertama. Unduh berkas Excel untuk melihat semua baris yang ditolak.
        </p>
      ) : null}
    </div>
  );
}
