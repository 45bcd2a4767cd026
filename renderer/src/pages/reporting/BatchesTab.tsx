import { useCallback, useState } from 'react';
import type { BatchDto } from '../../../../shared/contract/reporting-calls';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { formatNumber, formatTimestamp } from '../../format';
import { actorLabel } from '../../labels';
import { KIND_SHORT } from './reporting-labels';
import { BatchDetail } from './BatchDetail';
import { BatchStatus } from './BatchStatus';

/** Riwayat batch: every set of files generated, newest first; a batch opens with its people and files. */
export function BatchesTab({ selected, onSelect }: { selected: number | null; onSelect: (id: number | null) => void }) {
  const bridge = useBridge();
  const batches = useLoad(useCallback(() => bridge.call('bpjs.batches', {}), [bridge]));
  // Each SIPP Online account (NPP) has its own batches: with several, the clerk can see one NPP's.
  const [npp, setNpp] = useState('');
  return (
    <LoadState load={batches}>
      {(all) => {
        const npps = [...new Set(all.map((b) => b.npp))].sort();
        const list = npp === '' ? all : all.filter((b) => b.npp === npp);
        return all.length === 0 ? (
          <p className="muted" data-testid="batches-empty">Belum ada berkas yang dibuat. Buat berkas di tab “Perlu dilaporkan”.</p>
        ) : (
          <>
          {npps.length > 1 ? (
            <div className="toolbar">
              <label className="field">
                <span className="field-label">NPP</span>
                <select value={npp} onChange={(e) => setNpp(e.target.value)} data-testid="batch-npp-filter">
                  <option value="">Semua NPP</option>
                  {npps.map((n) => (
                    <option key={n} value={n}>{n}</option>
                  ))}
                </select>
              </label>
            </div>
          ) : null}
          <div className={selected ? 'rp-split' : undefined}>
            <div className="table-scroll">
              <table className="simple-table rp-table" data-testid="batch-table">
                <thead>
                  <tr>
                    <th className="num">Batch</th>
                    <th>Dibuat</th>
                    {selected ? null : <th>Oleh</th>}
                    <th>Jenis</th>
                    <th>NPP</th>
                    <th className="num">Baris</th>
                    {selected ? null : <th>Berkas</th>}
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((b) => (
                    <tr key={b.id} className={b.id === selected ? 'rp-row-on' : undefined}>
                      <td className="num">
                        <button type="button" className="link-button" onClick={() => onSelect(b.id === selected ? null : b.id)} aria-expanded={b.id === selected}>
                          #{b.id}
                        </button>
                      </td>
                      <td className="nowrap">{formatTimestamp(b.createdAt)}</td>
                      {selected ? null : <td>{actorLabel(b.createdBy)}</td>}
                      <td>{KIND_SHORT[b.kind]}</td>
                      <td className="tabular">{b.npp}</td>
                      <td className="num">{formatNumber(b.rows)}</td>
                      {selected ? null : <td>{fileSummary(b)}</td>}
                      <td><BatchStatus batch={b} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {selected ? <BatchDetail key={selected} batchId={selected} onChanged={batches.reload} onClose={() => onSelect(null)} /> : null}
          </div>
          </>
        );
      }}
    </LoadState>
  );
}

function fileSummary(b: BatchDto): string {
  if (b.files.length === 1) return b.files[0]!.name;
  return `${formatNumber(b.files.length)} berkas`;
}
