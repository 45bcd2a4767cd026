import type { Output } from '../../../../shared/contract/index';
import { formatNumber } from '../../format';
import type { UnitChoicesState } from './unit-choices';

type Opd = Output<'roster.options'>['opds'][number];

const VIA_LABELS: Record<string, string> = {
  alias: 'alias tersimpan',
  abbreviation: 'singkatan',
  similar: 'nama mirip',
  code: 'kode unit',
  exact: 'nama sama',
};

/**
 * The "Unit kerja" section of the review: each unit name read from the file that is not a unit's own
 * name, what Sigap proposes for it, and the clerk's choice. A new unit is made only when ticked.
 */
export function UnitStep({ state, opds }: { state: UnitChoicesState; opds: Opd[] }) {
  if (state.rows.length === 0) return null;
  const undecidedNew = state.rows.filter((u) => u.status === 'new' && (state.choices[u.read] ?? null) === null);
  return (
    <section className="card stack" data-testid="unit-step" aria-labelledby="unit-step-title">
      <div className="toolbar">
        <h3 id="unit-step-title">Unit kerja</h3>
        {state.pending > 0 ? <span className="pill pill-warning">{formatNumber(state.pending)} belum dipastikan</span> : <span className="pill pill-ok">semua dipastikan</span>}
        <span className="toolbar-spacer" />
        {undecidedNew.length > 0 ? (
          <button type="button" className="button" onClick={() => undecidedNew.forEach((u) => state.set(u.read, 'new'))}>
            Buat unit baru untuk {formatNumber(undecidedNew.length)} nama tanpa usulan
          </button>
        ) : null}
      </div>
      <p className="muted small">
        Nama unit di lampiran yang tidak sama persis dengan unit di Sigap. Periksa usulannya, pilih unit lain bila keliru, atau centang “Buat unit baru”.
        Unit yang Anda pilih diingat sebagai alias untuk impor berikutnya (Pengaturan › Alias unit kerja).
      </p>
      <div className="table-scroll">
        <table className="simple-table">
          <thead>
            <tr>
              <th>Nama di berkas</th>
              <th className="num">Baris</th>
              <th>Usulan Sigap</th>
              <th>Unit di Sigap</th>
              <th>Unit baru</th>
            </tr>
          </thead>
          <tbody>
            {state.rows.map((u) => {
              const choice = state.choices[u.read] ?? null;
              const creating = choice === 'new';
              return (
                <tr key={u.read} data-unit={u.read} className={choice === null ? 'row-warning' : undefined}>
                  <td>
                    <strong>{u.read}</strong>
                  </td>
                  <td className="num">{formatNumber(u.rows)}</td>
                  <td>
                    {u.status === 'new' ? (
                      <span className="pill pill-muted pill-small">tidak ada yang mirip</span>
                    ) : (
                      <>
                        {u.opdName}{' '}
                        <span className={u.status === 'alias' ? 'pill pill-ok pill-small' : 'pill pill-info pill-small'}>
                          {VIA_LABELS[u.via ?? ''] ?? u.via}
                          {u.status === 'proposed' ? ` · ${Math.round(u.confidence * 100)}%` : ''}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    <select
                      aria-label={`Unit untuk “${u.read}”`}
                      value={typeof choice === 'number' ? String(choice) : ''}
                      disabled={creating}
                      onChange={(e) => state.set(u.read, e.target.value === '' ? null : Number(e.target.value))}
                    >
                      <option value="">{creating ? '(unit baru)' : '— pilih unit —'}</option>
                      {opds.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <label className="checkbox nowrap">
                      <input
                        type="checkbox"
                        aria-label={`Buat unit baru “${u.read}”`}
                        checked={creating}
                        onChange={(e) => state.set(u.read, e.target.checked ? 'new' : u.status === 'new' ? null : u.opdId)}
                      />
                      Buat unit baru
                    </label>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
