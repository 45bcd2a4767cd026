import { useState } from 'react';
import type { RegistrationDto } from '../../../../shared/contract/registration-calls';
import { asBridgeError, BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { LoadState } from '../../components/LoadState';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { ErrorNote, Notice } from '../../components/Notice';
import { formatNumber } from '../../format';
import { useCan } from '../../session/session';
import { JKK_RISK, jkkClassName } from './category-labels';
import { useRegistrations } from './registration-select';
import { useSubmit } from '../../hooks/use-run';

/**
 * Pengaturan › Pendaftaran BPJS (NPP): the employer registrations besides the Pemda's own, e.g. the
 * RSUD as a BLUD or the village governments, each with its own NPP and JKK class. A unit or a category
 * is put under one in its own dialog; billing, the BPJS files and reconciliation then go per NPP.
 */
export function RegistrationSection() {
  const bridge = useBridge();
  const canSave = useCan('registration.save');
  const load = useRegistrations();
  const [editing, setEditing] = useState<RegistrationDto | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);

  const remove = async (r: RegistrationDto) => {
    setError(null);
    setDone(null);
    try {
      await bridge.call('registration.delete', { id: r.id! });
      setDone(`NPP ${r.npp} dihapus`);
      load.reload();
    } catch (e) {
      setError(asBridgeError(e));
    }
  };

  return (
    <div className="stack" data-testid="registrations">
      <div className="toolbar">
        <span className="muted">
          BPJS menagih per NPP. Bila RSUD (BLUD) atau pemerintah desa punya NPP sendiri, daftarkan di sini, lalu pilih NPP-nya pada unit atau kategori.
          Pegawai ditagih dan dilaporkan dengan NPP unitnya; bila unit tidak punya, NPP kategorinya; selain itu NPP Pemda.
        </span>
        <span className="toolbar-spacer" />
        {canSave ? (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            + Tambah NPP
          </button>
        ) : null}
      </div>
      {done ? <Notice tone="success" title={done} /> : null}
      <ErrorNote error={error} />
      <LoadState load={load}>
        {(rows) => (
          <section className="card card-flush" data-state="ready">
            <table className="simple-table" data-testid="registration-table">
              <thead>
                <tr>
                  <th>NPP</th>
                  <th>Nama pendaftaran</th>
                  <th>Kelas risiko JKK</th>
                  <th className="num">Unit</th>
                  <th className="num">Kategori</th>
                  <th className="num">Batch berkas</th>
                  {canSave ? (
                    <th>
                      <span className="sr-only">Tindakan</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id ?? 'pemda'}>
                    <td className="tabular">{r.npp ?? <span className="muted">belum diisi</span>}</td>
                    <td>
                      {r.name}
                      {r.id === null ? <div className="muted small">NPP Pemda (diatur di Profil Pemda); dipakai unit dan kategori tanpa NPP lain</div> : null}
                    </td>
                    <td>{jkkClassName(r.jkkClass)}</td>
                    <td className="num">{formatNumber(r.units)}</td>
                    <td className="num">{formatNumber(r.categories)}</td>
                    <td className="num">{formatNumber(r.batches)}</td>
                    {canSave ? (
                      <td className="nowrap">
                        {r.id !== null ? (
                          <>
                            <button type="button" className="link-button" onClick={() => setEditing(r)} aria-label={`Ubah NPP ${r.npp}`}>
                              Ubah
                            </button>{' '}
                            <button type="button" className="link-button" onClick={() => void remove(r)} aria-label={`Hapus NPP ${r.npp}`}>
                              Hapus
                            </button>
                          </>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </LoadState>
      {editing ? (
        <RegistrationDialog
          registration={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(npp) => {
            setEditing(null);
            setError(null);
            setDone(`NPP ${npp} tersimpan`);
            load.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function RegistrationDialog({ registration, onClose, onSaved }: { registration: RegistrationDto | null; onClose: () => void; onSaved: (npp: string) => void }) {
  const bridge = useBridge();
  const [npp, setNpp] = useState(registration?.npp ?? '');
  const [name, setName] = useState(registration?.name ?? '');
  const [jkkClass, setJkkClass] = useState(registration?.jkkClass ?? 1);
  const { busy, error, submit } = useSubmit();
  const save = async () => {
    await submit(async () => {
      await bridge.call('registration.save', { ...(registration?.id ? { id: registration.id } : {}), npp, name, jkkClass });
      onSaved(npp.replace(/[\s.-]/g, ''));
    });
  };
  return (
    <Dialog title={registration ? `Ubah NPP ${registration.npp}` : 'Tambah pendaftaran BPJS (NPP)'} onClose={onClose} onSubmit={save} submitLabel="Simpan" busy={busy}>
      <div className="form-grid form-grid-single">
        <FormField label="NPP" required hint="8 angka, seperti pada sertifikat kepesertaan BPJS Ketenagakerjaan">
          <input value={npp} onChange={(e) => setNpp(e.target.value)} maxLength={30} inputMode="numeric" className="tabular" />
        </FormField>
        <FormField label="Nama pendaftaran" required hint="mis. RSUD Liwa (BLUD), Pemerintah Desa Sebarus">
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </FormField>
        <FormField label="Kelas risiko JKK" hint="Ditetapkan BPJS untuk NPP ini">
          <select value={jkkClass} onChange={(e) => setJkkClass(Number(e.target.value))}>
            {JKK_RISK.map((risk, i) => (
              <option key={risk} value={i + 1}>
                {jkkClassName(i + 1)}: risiko {risk}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <ErrorNote error={error} />
    </Dialog>
  );
}
