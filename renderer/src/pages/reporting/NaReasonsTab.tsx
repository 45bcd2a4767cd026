import { useCallback, useState } from 'react';
import type { NaReasonDto } from '../../../../shared/contract/reporting-fill-calls';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { useCan } from '../../session/session-context';
import { LoadState } from '../../components/LoadState';
import { ErrorNote } from '../../components/Notice';
import { dateOrDash } from '../../format';
import '../../styles/reporting-required.css';
import { useSubmit } from '../../hooks/use-run';

const CONFIDENCE: Record<NaReasonDto['confidence'], string> = { H: 'pasti (dari templat kantor cabang)', M: 'cukup yakin', L: 'dugaan, periksa' };

/**
 * Kode sebab nonaktif: the SEBAB_NA code the deactivation file writes for each kind of end reason.
 * The portal takes a code from the template's own list; the seeded codes come from a public mock, so
 * the clerk copies the branch's codes here once (admin and hr; every change is audited).
 */
export function NaReasonsTab() {
  const bridge = useBridge();
  const rows = useLoad(useCallback(() => bridge.call('bpjs.naReasons', {}), [bridge]));
  const canEdit = useCan('bpjs.saveNaReason');
  return (
    <section className="card stack" aria-label="Kode sebab nonaktif">
      <div>
        <h2 className="rp-h2">Kode sebab nonaktif (SEBAB_NA)</h2>
        <p className="muted small">
          Berkas penonaktifan (sheet <code>data_tk_na</code>) menulis kode dari daftar di templat kantor cabang, bukan kata-kata.
          Salin kode dari templat kantor cabang Anda; berkas yang sudah dibuat tidak berubah.
        </p>
      </div>
      <LoadState load={rows}>
        {(list) => (
          <table className="simple-table rp-na" data-testid="na-reasons">
            <thead><tr><th>Alasan berakhir di Sigap</th><th>Kode SEBAB_NA</th><th>Sumber</th><th>Keyakinan</th><th>Diubah</th>{canEdit ? <th /> : null}</tr></thead>
            <tbody>
              {list.map((r) => <NaRow key={r.reason} r={r} canEdit={canEdit} onSaved={rows.reload} />)}
            </tbody>
          </table>
        )}
      </LoadState>
    </section>
  );
}

function NaRow({ r, canEdit, onSaved }: { r: NaReasonDto; canEdit: boolean; onSaved: () => void }) {
  const bridge = useBridge();
  const [code, setCode] = useState(r.code);
  const [source, setSource] = useState('');
  const { busy, error, submit } = useSubmit();
  const changed = code.trim().toUpperCase() !== r.code;
  const save = async () => {
    await submit(async () => {
      await bridge.call('bpjs.saveNaReason', { reason: r.reason, code, ...(source.trim() ? { source } : {}) });
      setSource('');
      onSaved();
    });
  };
  return (
    <>
      <tr data-testid={`na-${r.reason}`}>
        <td>{r.label}</td>
        <td>
          {canEdit ? <input type="text" value={code} maxLength={40} onChange={(e) => setCode(e.target.value)} aria-label={`Kode SEBAB_NA untuk ${r.label}`} /> : <code>{r.code}</code>}
        </td>
        <td>
          <div className="small">{r.source}</div>
          {r.note ? <div className="muted small">{r.note}</div> : null}
          {canEdit && changed ? (
            <input type="text" className="rp-source" value={source} maxLength={200} placeholder="mis. Templat kantor cabang Liwa 2026" onChange={(e) => setSource(e.target.value)} aria-label={`Sumber kode untuk ${r.label}`} />
          ) : null}
        </td>
        <td className={r.confidence === 'L' ? 'rp-warn' : ''}>{CONFIDENCE[r.confidence]}</td>
        <td className="nowrap small">{r.updatedBy === 'seed' ? <span className="muted">bawaan Sigap</span> : <>{dateOrDash(r.updatedAt.slice(0, 10))}<div className="muted">{r.updatedBy}</div></>}</td>
        {canEdit ? (
          <td><button type="button" className="button button-small" disabled={!changed || busy || code.trim() === ''} onClick={save}>Simpan</button></td>
        ) : null}
      </tr>
      {error ? <tr><td colSpan={6}><ErrorNote error={error} /></td></tr> : null}
    </>
  );
}
