import { Link } from 'react-router';
import type { IncidentDto } from '../../../../shared/contract/coverage-calls';
import type { PersonDetailDto } from '../../../../shared/contract/index';
import { formatDateId, formatRupiah } from '../../format';
import '../../styles/coverage.css';
import '../../styles/person-incidents.css';

const STATUS: Record<IncidentDto['status'], { label: string; tone: 'ok' | 'warning' | 'danger' }> = {
  reported: { label: 'Sudah dilaporkan', tone: 'ok' },
  reported_late: { label: 'Dilaporkan terlambat', tone: 'warning' },
  due: { label: 'Belum dilaporkan', tone: 'warning' },
  overdue: { label: 'Lewat batas lapor', tone: 'danger' },
};

/** Where the incident log shows one incident: its year, opened on that incident. */
export const incidentLink = (i: { id: number; date: string }): string => `/kejadian?tahun=${i.date.slice(0, 4)}&kejadian=${i.id}`;

/** The banner at the top of the page of a person recorded as deceased. */
export function DeathBanner({ death }: { death: NonNullable<PersonDetailDto['death']> }) {
  return (
    <div className="person-death" role="status" data-testid="death-banner">
      <strong className="person-death-title">Meninggal dunia pada {formatDateId(death.date)}</strong>
      <p>
        Tercatat pada kejadian #{death.incidentId} ({death.kindLabel}). Penugasan diakhiri: <strong>Meninggal dunia</strong> — iuran berhenti sesudah bulan itu; klaim JKM/JKK diurus
        lewat kejadian, bukan berkas penonaktifan.{' '}
        <Link to={incidentLink({ id: death.incidentId, date: death.date })}>Buka kejadian #{death.incidentId}</Link>
      </p>
    </div>
  );
}

/** The person's work accidents and deaths, with the reporting deadline and the benefit to expect. */
export function PersonIncidents({ incidents, onAdd }: { incidents: IncidentDto[]; onAdd: (() => void) | null }) {
  return (
    <section className="card" aria-labelledby="person-incidents-title" data-testid="person-incidents">
      <div className="person-incidents-head">
        <h2 id="person-incidents-title">Kejadian</h2>
        {onAdd ? (
          <button type="button" className="button" onClick={onAdd}>
            Catat kejadian
          </button>
        ) : null}
      </div>
      {incidents.length === 0 ? (
        <p className="muted">Belum ada kecelakaan kerja atau kematian yang tercatat untuk pegawai ini.</p>
      ) : (
        <div className="table-scroll">
          <table className="simple-table">
            <thead>
              <tr>
                <th>Tanggal</th>
                <th>Jenis</th>
                <th>Lapor ke BPJS</th>
                <th className="num">Perkiraan manfaat</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id} data-testid={`person-incident-${i.id}`}>
                  <td className="nowrap">{formatDateId(i.date)}</td>
                  <td>
                    {i.kindLabel}
                    {i.place ? <div className="muted small">{i.place}</div> : null}
                  </td>
                  <td>
                    <span className={`cov-badge cov-badge-${STATUS[i.status].tone}`}>{STATUS[i.status].label}</span>
                    <div className="muted small nowrap">
                      {i.reportedDate ? `Dilaporkan ${formatDateId(i.reportedDate)}` : `Batas ${formatDateId(i.deadline)}`}
                    </div>
                  </td>
                  <td className="num">
                    {i.benefit.total > 0 ? formatRupiah(i.benefit.total) : 'sesuai perawatan'}
                    <div className="muted small">program {i.benefit.program}</div>
                  </td>
                  <td className="nowrap">
                    <Link to={incidentLink(i)}>Rincian</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
