import { useCallback, useState } from 'react';
import type { OpdDto } from '../../../../shared/contract/index';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { DASH, formatNumber } from '../../format';
import { UNIT_KIND_LABELS } from '../../labels';
import { OpdDialog } from './OpdDialog';
import { formatNip } from '../../../../shared/nip';
import { useCan } from '../../session/session';
import { RegistrationCell, useRegistrations } from './registration-select';

/** The paying units and the officials who sign their invoices. */
export function OpdTable() {
  const bridge = useBridge();
  const load = useLoad(useCallback(() => bridge.call('opd.list', {}), [bridge]));
  const canSave = useCan('opd.save');
  const regs = useRegistrations();
  const [editing, setEditing] = useState<OpdDto | 'new' | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);
  return (
    <div className="stack">
      <div className="toolbar">
        <span className="muted">Pejabat ini dicantumkan pada surat tagihan iuran setiap OPD.</span>
        <span className="toolbar-spacer" />
        {canSave ? (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            + Tambah OPD
          </button>
        ) : null}
      </div>
      {savedName ? <Notice tone="success" title={`${savedName} tersimpan`} /> : null}
      <LoadState load={load}>
        {(opds) => (
          <section className="card card-flush" data-state="ready">
            <table className="simple-table" data-testid="opd-table">
              <thead>
                <tr>
                  <th>Kode</th>
                  <th>Nama</th>
                  <th className="num">Pegawai aktif</th>
                  <th>NPP</th>
                  <th>Kepala</th>
                  <th>PPTK</th>
                  <th>Bendahara</th>
                  <th>
                    <span className="sr-only">Tindakan</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {opds.map((o) => (
                  <tr key={o.id}>
                    <td className="tabular">{o.code}</td>
                    <td>
                      {o.name}
                      <div className="muted small">
                        {UNIT_KIND_LABELS[o.kind]}
                        {o.budgetAccount ? ` · ${o.budgetAccount}` : ''}
                      </div>
                    </td>
                    <td className="num">{formatNumber(o.active)}</td>
                    <td>
                      <RegistrationCell regs={regs.data} id={o.registrationId} inherited="Ikut kategori / Pemda" />
                    </td>
                    <Official name={o.headName} nip={o.headNip} />
                    <Official name={o.pptkName} nip={o.pptkNip} />
                    <Official name={o.treasurerName} nip={o.treasurerNip} />
                    <td>
                      {canSave ? (
                        <button type="button" className="link-button" onClick={() => setEditing(o)} aria-label={`Ubah ${o.name}`}>
                          Ubah
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
                {opds.length === 0 ? (
                  <tr>
                    <td colSpan={8} className="muted">
                      Belum ada OPD. OPD dibuat otomatis saat SK diimpor, atau tambahkan di sini.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
        )}
      </LoadState>
      {editing ? (
        <OpdDialog
          opd={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            setSavedName(name);
            load.reload();
            regs.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function Official({ name, nip }: { name: string | null; nip: string | null }) {
  return (
    <td>
      {name ?? <span className="muted">{DASH}</span>}
      {nip ? <div className="muted small tabular nowrap">NIP {formatNip(nip)}</div> : null}
    </td>
  );
}
