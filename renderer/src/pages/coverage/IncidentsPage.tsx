import { Fragment, useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAppInfo } from '../../app-info';
import { useBridge } from '../../bridge-context';
import { BridgeError } from '../../bridge';
import { useLoad } from '../../hooks/use-load';
import { PageHeader } from '../../components/PageHeader';
import { LoadState } from '../../components/LoadState';
import { Dialog } from '../../components/Dialog';
import { DateInput } from '../../components/DateInput';
import { FormField } from '../../components/FormField';
import { ErrorNote, Notice } from '../../components/Notice';
import { dateFromText, toDateText } from '../../date-text';
import { formatDateId, formatRupiah } from '../../format';
import { useCan } from '../../session/session';
import type { IncidentDto } from '../../../../shared/contract/coverage-calls';
import { IncidentDialog } from './IncidentDialog';
import '../../styles/coverage.css';
import { useSubmit } from '../../hooks/use-run';

const STATUS: Record<IncidentDto['status'], { label: string; tone: 'ok' | 'warning' | 'danger' }> = {
  reported: { label: 'Sudah dilaporkan', tone: 'ok' },
  reported_late: { label: 'Dilaporkan terlambat', tone: 'warning' },
  due: { label: 'Belum dilaporkan', tone: 'warning' },
  overdue: { label: 'Lewat batas lapor', tone: 'danger' },
};

/** Kecelakaan & kematian: the incident log with reporting deadlines and the benefit to expect. */
export function IncidentsPage() {
  const { info } = useAppInfo();
  const bridge = useBridge();
  const canWrite = useCan('incident.save');
  // A link from a person page names the incident (?tahun=YYYY&kejadian=ID): open that year on its details.
  const [params] = useSearchParams();
  const [year, setYear] = useState(Number(params.get('tahun')) || Number(info.today.slice(0, 4)));
  const [adding, setAdding] = useState(false);
  const [reporting, setReporting] = useState<IncidentDto | null>(null);
  const [open, setOpen] = useState<number | null>(Number(params.get('kejadian')) || null);
  const [saved, setSaved] = useState<string | null>(null);
  const load = useLoad(useCallback(() => bridge.call('incident.list', { year }), [bridge, year]));
  const settings = useLoad(useCallback(() => bridge.call('coverage.settings', {}), [bridge]));
  const thisYear = Number(info.today.slice(0, 4));
  return (
    <div className="page">
      <PageHeader
        title="Kecelakaan & kematian"
        subtitle={`Kecelakaan kerja dan kematian pegawai wajib dilaporkan ke BPJS Ketenagakerjaan paling lambat ${settings.data?.incidentDeadlineDays ?? 2} hari kerja setelah kejadian.`}
        actions={canWrite ? <button type="button" className="button button-primary" onClick={() => setAdding(true)}>+ Catat kejadian</button> : undefined}
      />
      <div className="toolbar">
        <label className="filter">
          <span>Tahun</span>
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[thisYear - 3, thisYear - 2, thisYear - 1, thisYear].map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      </div>
      {saved ? <Notice tone="success" title="Tersimpan">{saved}</Notice> : null}
      <LoadState load={load}>
        {(rows) =>
          rows.length === 0 ? (
            <section className="card" data-state="empty"><p className="muted">Belum ada kejadian tercatat pada tahun {year}.</p></section>
          ) : (
            <section className="card card-flush" data-state="ready">
              <table className="simple-table incident-table">
                <thead>
                  <tr><th>Tanggal</th><th>Pegawai</th><th>Jenis</th><th>Batas lapor</th><th>Status</th><th className="num">Perkiraan manfaat</th><th /></tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <Fragment key={r.id}>
                      <tr data-testid={`incident-${r.id}`}>
                        <td className="nowrap">{formatDateId(r.date)}</td>
                        <td><Link to={`/pegawai/${r.personId}`}>{r.name}</Link><div className="muted small">{r.opd ?? ''}</div></td>
                        <td>{r.kindLabel}</td>
                        <td className="nowrap">{formatDateId(r.deadline)}</td>
                        <td>
                          <span className={`cov-badge cov-badge-${STATUS[r.status].tone}`}>{STATUS[r.status].label}</span>
                          {r.reportedDate ? <div className="muted small">{formatDateId(r.reportedDate)}</div> : null}
                        </td>
                        <td className="num">{r.benefit.total > 0 ? formatRupiah(r.benefit.total) : 'sesuai perawatan'}</td>
                        <td className="nowrap">
                          <button type="button" className="button button-small" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>{open === r.id ? 'Tutup rincian' : 'Rincian'}</button>
                          {canWrite && !r.reportedDate ? <button type="button" className="button button-small" onClick={() => setReporting(r)}>Tandai dilaporkan</button> : null}
                        </td>
                      </tr>
                      {open === r.id ? (
                        <tr className="incident-detail">
                          <td colSpan={7}><Benefit r={r} /></td>
                        </tr>
                      ) : null}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </section>
          )
        }
      </LoadState>
      {adding ? (
        <IncidentDialog
          today={info.today}
          onClose={() => setAdding(false)}
          onSaved={(id) => {
            setAdding(false);
            setOpen(id);
            setSaved('Kejadian dicatat. Rincian manfaat ada di bawah.');
            load.reload();
          }}
        />
      ) : null}
      {reporting ? (
        <ReportDialog
          r={reporting}
          today={info.today}
          onClose={() => setReporting(null)}
          onSaved={() => {
            setReporting(null);
            setSaved('Tanggal lapor ke BPJS disimpan.');
            load.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function Benefit({ r }: { r: IncidentDto }) {
  const b = r.benefit;
  return (
    <div className="incident-benefit" data-testid="benefit">
      {r.place || r.description ? <p>{r.place ? <strong>{r.place}. </strong> : null}{r.description}</p> : null}
      <p><strong>Perkiraan manfaat program {b.program}</strong> (upah dilaporkan {formatRupiah(r.reportedWage)}):</p>
      <ul className="benefit-list">
        {b.items.map((i) => <li key={i.label}>{i.label}: <strong>{i.amount === null ? i.note : formatRupiah(i.amount)}</strong></li>)}
        <li>
          Beasiswa anak: <strong>{b.scholarship.summary}</strong>
          {b.scholarship.eligible ? <>; paling banyak <strong>{formatRupiah(b.scholarship.maxAmount)}</strong></> : null}
        </li>
      </ul>
      <p className="small muted">{b.scholarship.rule}</p>
      {b.warnings.map((w) => <Notice key={w} tone="warning">{w}</Notice>)}
    </div>
  );
}

function ReportDialog({ r, today, onClose, onSaved }: { r: IncidentDto; today: string; onClose: () => void; onSaved: () => void }) {
  const bridge = useBridge();
  const [date, setDate] = useState(toDateText(today));
  const { busy, error, submit } = useSubmit();
  const save = () =>
    submit(async () => {
      const d = dateFromText(date, 'Tanggal lapor');
      if (!d) throw new BridgeError('INVALID_INPUT', 'Isi tanggal lapor ke BPJS.');
      await bridge.call('incident.report', { id: r.id, reportedDate: d });
      onSaved();
    });
  return (
    <Dialog title="Tandai sudah dilaporkan" onClose={onClose} onSubmit={save} submitLabel="Simpan" busy={busy}>
      <p className="muted">{r.kindLabel}: {r.name}, {formatDateId(r.date)}. Batas lapor {formatDateId(r.deadline)}.</p>
      <div className="form-grid form-grid-single">
        <FormField label="Tanggal dilaporkan ke BPJS" required>
          <DateInput value={date} onChange={setDate} />
        </FormField>
      </div>
      <ErrorNote error={error} />
    </Dialog>
  );
}
