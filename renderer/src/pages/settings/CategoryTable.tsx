import { useCallback, useState } from 'react';
import type { CategoryDto } from '../../../../shared/contract/index';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { DASH, formatMonthId, formatNumber } from '../../format';
import { useCan } from '../../session/session';
import { CategoryDialog } from './CategoryDialog';
import { jkkClassName, PROGRAM_INFO } from './category-labels';
import { RegistrationCell, useRegistrations } from './registration-select';
import '../../styles/settings-categories.css';

interface Saved {
  name: string;
  draftMonths: string[];
}

/** Staff categories: the segment, the programs paid for them and the JKK class they are billed at. */
export function CategoryTable() {
  const bridge = useBridge();
  const canSave = useCan('category.save');
  const load = useLoad(useCallback(() => bridge.call('category.list', {}), [bridge]));
  const regs = useRegistrations();
  const [editing, setEditing] = useState<CategoryDto | 'new' | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  return (
    <div className="stack">
      <div className="toolbar">
        <span className="muted">
          Setiap pegawai masuk satu kategori lewat SK-nya. Kategori menentukan program BPJS Ketenagakerjaan yang ditagihkan.
        </span>
        <span className="toolbar-spacer" />
        {canSave ? (
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            + Tambah kategori
          </button>
        ) : null}
      </div>
      {saved ? (
        <Notice tone="success" title={`Kategori ${saved.name} tersimpan`}>
          {saved.draftMonths.length > 0
            ? `Tagihan draf ${saved.draftMonths.map(formatMonthId).join(', ')} masih memakai aturan lama sampai tagihan bulan itu dihitung ulang di Iuran. `
            : 'Berlaku untuk tagihan yang dihitung sesudah ini. '}
          Tagihan yang sudah terbit tidak berubah.
        </Notice>
      ) : null}
      <LoadState load={load}>
        {({ categories, employerJkkClass }) => (
          <section className="card card-flush" data-state="ready">
            <table className="simple-table category-table" data-testid="category-table">
              <thead>
                <tr>
                  <th>Kategori</th>
                  <th>Segmen</th>
                  <th>Program</th>
                  <th>Kelas risiko JKK</th>
                  <th>NPP</th>
                  <th className="num">Pegawai aktif</th>
                  <th>Ditagih</th>
                  {canSave ? (
                    <th>
                      <span className="sr-only">Tindakan</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {categories.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>
                      <span className={c.segment === 'PU' ? 'pill' : 'pill pill-info'}>{c.segment}</span>
                    </td>
                    <td>
                      <span className="program-list">
                        {c.programs.map((p) => (
                          <abbr key={p} title={PROGRAM_INFO[p].name} className="pill pill-small pill-muted">
                            {p}
                          </abbr>
                        ))}
                      </span>
                    </td>
                    <td>
                      {c.segment === 'BPU' ? (
                        <span className="muted">{DASH} (1% penghasilan)</span>
                      ) : c.jkkClass === null ? (
                        <>
                          Ikut NPP <span className="muted">({jkkClassName(employerJkkClass)})</span>
                        </>
                      ) : (
                        <strong>{jkkClassName(c.jkkClass)}</strong>
                      )}
                    </td>
                    <td>
                      <RegistrationCell regs={regs.data} id={c.registrationId} />
                    </td>
                    <td className="num">{formatNumber(c.active)}</td>
                    <td>{c.enrolled ? <span className="pill pill-ok">Ya</span> : <span className="pill pill-warning">Tidak</span>}</td>
                    {canSave ? (
                      <td>
                        <button type="button" className="link-button" onClick={() => setEditing(c)} aria-label={`Ubah ${c.name}`}>
                          Ubah
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </LoadState>
      <p className="muted small">
        Kelas risiko JKK mengikuti pendaftaran Pemda (NPP) di BPJS Ketenagakerjaan, diatur di Profil Pemda; ubah per kategori hanya bila BPJS menetapkan kelas lain untuk pekerjaan itu.
      </p>
      {editing && load.data ? (
        <CategoryDialog
          category={editing === 'new' ? null : editing}
          employerJkkClass={load.data.employerJkkClass}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null);
            setSaved(s);
            load.reload();
            regs.reload();
          }}
        />
      ) : null}
    </div>
  );
}
