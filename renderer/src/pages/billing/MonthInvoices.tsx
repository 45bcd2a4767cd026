import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { InvoiceSummaryDto, InvoiceTotalsDto } from '../../../../shared/contract/billing-calls';
import { asBridgeError, type BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { useProgress } from '../../hooks/use-progress';
import { useCan } from '../../session/session';
import { LoadState } from '../../components/LoadState';
import { MonthPicker, yearsAround } from '../../components/MonthPicker';
import { ErrorNote, Notice } from '../../components/Notice';
import { ProgressBar } from '../../components/ProgressBar';
import { dateOrDash, formatMonthId, formatNumber, formatRupiah } from '../../format';
import { KIND_LABELS, SEGMENT_LABELS, STATUS_LABELS, paymentState } from './billing-labels';
import { IssueDialog } from './IssueDialog';
import { PrintDialog } from './PrintDialog';

interface Props {
  month: string;
  today: string;
  onMonth: (month: string) => void;
}

/** One month: compute it, see every unit's invoice with its totals, issue, and print the recap. */
export function MonthInvoices({ month, today, onMonth }: Props) {
  const bridge = useBridge();
  const list = useLoad(useCallback(() => bridge.call('invoice.list', { month }), [bridge, month]));
  const months = useLoad(useCallback(() => bridge.call('billing.months', {}), [bridge]));
  const [running, setRunning] = useState(false);
  const progress = useProgress(running ? 'billing.run' : null);
  const [ran, setRan] = useState<{ month: string; persons: number; drafts: number; total: number } | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [issuing, setIssuing] = useState<InvoiceSummaryDto | 'all' | null>(null);
  const [printing, setPrinting] = useState(false);
  // HR and viewers read the month; only those who may bill see the buttons that write.
  const canRun = useCan('billing.run');
  const canIssue = useCan('invoice.issue');
  const canIssueAll = useCan('billing.issueAll');

  const run = async () => {
    setRunning(true);
    setError(null);
    setRan(null);
    try {
      setRan(await bridge.call('billing.run', { month }));
      list.reload();
      months.reload();
    } catch (e) {
      setError(asBridgeError(e));
    } finally {
      setRunning(false);
    }
  };

  const data = list.data;
  const drafts = data?.rows.filter((r) => r.status === 'draft') ?? [];
  return (
    <div className="stack">
      <div className="toolbar">
        <div className="field">
          <span className="field-label">Bulan iuran</span>
          <MonthPicker label="Bulan iuran" value={month} onChange={(m) => { setRan(null); setError(null); onMonth(m); }} years={yearsAround(today)} />
        </div>
        {canRun ? (
          <button type="button" className="button button-primary" onClick={() => void run()} disabled={running} aria-busy={running}>
            {data && data.total > 0 ? 'Hitung ulang iuran' : 'Hitung iuran'}
          </button>
        ) : null}
        {canIssueAll ? (
          <button type="button" className="button" disabled={drafts.length === 0 || running} onClick={() => setIssuing('all')}>
            Terbitkan semua draf{drafts.length ? ` (${drafts.length})` : ''}
          </button>
        ) : null}
        <span className="toolbar-spacer" />
        <button type="button" className="button" disabled={!data || data.total === 0} onClick={() => setPrinting(true)}>
          Rekap bulan: cetak / PDF
        </button>
      </div>
      {months.data && months.data.length > 0 ? (
        <nav className="month-chips" aria-label="Bulan yang sudah ditagih">
          <span className="muted small">Sudah ditagih:</span>
          {months.data.slice(0, 8).map((m) => (
            <button key={m.month} type="button" className={m.month === month ? 'month-chip month-chip-on' : 'month-chip'} aria-current={m.month === month || undefined} onClick={() => onMonth(m.month)}>
              {formatMonthId(m.month)}
              {m.drafts > 0 ? <span className="pill pill-small pill-warning">{m.drafts} draf</span> : m.paid >= m.total ? <span className="pill pill-small pill-ok">lunas</span> : null}
            </button>
          ))}
        </nav>
      ) : null}
      {running ? <ProgressBar label="Menghitung iuran" event={progress} /> : null}
      {ran && ran.month === month ? (
        <Notice tone="success" title={`Iuran ${formatMonthId(ran.month)} sudah dihitung`}>
          <span data-testid="run-result">
            {formatNumber(ran.persons)} orang ditagih; {ran.drafts === 0 ? 'tidak ada draf baru (semua tagihan sudah terbit dan tidak ada perubahan)' : `${ran.drafts} draf tagihan dibuat`}. Tagihan yang sudah terbit tidak berubah.
          </span>
        </Notice>
      ) : null}
      <ErrorNote error={error} />
      <LoadState load={list}>
        {(d) =>
          d.total === 0 ? (
            <div className="card empty-month" data-state="ready">
              <h2>Belum ada tagihan {formatMonthId(month)}</h2>
              {canRun ? (
                <p className="muted">
                  Tekan <strong>Hitung iuran</strong> untuk menghitung iuran setiap pegawai aktif pada bulan ini dari daftar pegawai dan tarif yang berlaku. Hasilnya berupa draf per OPD
                  (dan per desa untuk pegawai yang dibiayai desa) yang dapat diperiksa sebelum diterbitkan.
                </p>
              ) : (
                <p className="muted">Iuran bulan ini belum dihitung oleh bagian keuangan. Tagihan tampil di sini setelah dihitung.</p>
              )}
            </div>
          ) : (
            <>
              <div className="stat-row stat-row-compact" data-testid="month-totals">
                <Stat label="Jumlah tagihan" value={formatRupiah(d.totals.total)} note={`${formatNumber(d.totals.persons)} orang · ${d.totals.invoices} tagihan`} />
                <Stat label="Bagian pemberi kerja" value={formatRupiah(d.totals.employer)} note={`pekerja ${formatRupiah(d.totals.worker)}`} />
                <Stat label="Sudah dibayar" value={formatRupiah(d.totals.paid)} tone="stat-ok" />
                <Stat label="Sisa yang harus dibayar" value={formatRupiah(d.totals.payable)} tone={d.totals.payable > 0 ? 'stat-warning' : 'stat-ok'} testId="month-payable" />
                <Stat label="Draf belum terbit" value={formatNumber(d.totals.drafts)} tone={d.totals.drafts > 0 ? 'stat-warning' : 'stat-ok'} />
              </div>
              {d.totals.drafts > 0 ? (
                <Notice tone="info">
                  Draf dapat dihitung ulang kapan saja. Setelah diterbitkan, tagihan mendapat nomor dan <strong>tidak pernah berubah lagi</strong>; perubahan sesudahnya
                  (pegawai baru, berhenti, honor atau tarif berubah) menjadi tagihan tambahan atau nota kredit yang menunjuk tagihan asalnya.
                </Notice>
              ) : null}
              <InvoiceTable rows={d.rows} totals={d.totals} onIssue={canIssue ? setIssuing : null} />
              {d.total > d.rows.length ? <p className="muted small">Menampilkan {d.rows.length} dari {d.total} tagihan.</p> : null}
            </>
          )
        }
      </LoadState>
      {issuing ? (
        <IssueDialog
          month={month}
          invoice={issuing === 'all' ? null : issuing}
          drafts={drafts}
          onClose={() => setIssuing(null)}
          onIssued={() => {
            setIssuing(null);
            list.reload();
            months.reload();
          }}
        />
      ) : null}
      {printing ? (
        <PrintDialog
          title={`Rekap iuran ${formatMonthId(month)}`}
          preview={(paper) => bridge.call('print.recap', { month, paper })}
          save={(paper) => bridge.call('print.recapPdf', { month, paper })}
          onClose={() => setPrinting(false)}
        />
      ) : null}
    </div>
  );
}

function Stat({ label, value, note, tone, testId }: { label: string; value: string; note?: string; tone?: string; testId?: string }) {
  return (
    <div className={`stat stat-small ${tone ?? ''}`} data-testid={testId}>
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      {note ? <span className="muted small">{note}</span> : null}
    </div>
  );
}

function InvoiceTable({ rows, totals, onIssue }: { rows: InvoiceSummaryDto[]; totals: InvoiceTotalsDto; onIssue: ((i: InvoiceSummaryDto) => void) | null }) {
  const showJht = totals.jhtEmployer + totals.jhtWorker !== 0;
  // BPJS bills per NPP: with several in the month, each row says which (settings/registrations).
  const showNpp = new Set(rows.map((r) => r.npp)).size > 1;
  const showJp = totals.jpEmployer + totals.jpWorker !== 0;
  return (
    <section className="card card-flush table-scroll invoice-table" data-state="ready">
      <table className="simple-table" data-testid="invoice-table">
        <thead>
          <tr>
            <th>OPD / desa</th>
            <th>Tagihan</th>
            <th className="num">Orang</th>
            <th className="num">JKK</th>
            <th className="num">JKM</th>
            {showJht ? <th className="num">JHT <span className="muted small">pk + pkj</span></th> : null}
            {showJp ? <th className="num">JP <span className="muted small">pk + pkj</span></th> : null}
            <th className="num">Jumlah</th>
            <th className="num">Dibayar</th>
            <th className="num">Sisa</th>
            <th>Jatuh tempo</th>
            <th><span className="sr-only">Tindakan</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const pay = paymentState(r);
            return (
              <tr key={r.id} data-testid="invoice-row" data-opd={r.opdCode} data-status={r.status}>
                <td className="col-unit">
                  <Link to={`/iuran/tagihan/${r.id}`} className="strong">{r.opd}</Link>
                  <div className="muted small">
                    <span className="tabular">{r.opdCode}</span> · <abbr title={SEGMENT_LABELS[r.segment]}>{r.segment}</abbr>
                    {showNpp && r.npp ? <> · <span className="tabular" data-testid="invoice-npp">NPP {r.npp}</span></> : null}
                  </div>
                </td>
                <td>
                  <span className={r.status === 'draft' ? 'pill pill-small pill-warning' : 'pill pill-small pill-ok'}>{STATUS_LABELS[r.status]}</span>{' '}
                  {r.kind !== 'regular' ? <span className="pill pill-small pill-info">{KIND_LABELS[r.kind]}</span> : null}
                  <div className="tabular small">{r.number ?? <span className="muted">belum bernomor</span>}</div>
                  {r.originalNumber ? <div className="muted small">koreksi atas {r.originalNumber}</div> : null}
                </td>
                <td className="num">{formatNumber(r.persons)}</td>
                <td className="num">{formatNumber(r.jkk)}</td>
                <td className="num">{formatNumber(r.jkm)}</td>
                {showJht ? <td className="num">{formatNumber(r.jhtEmployer)} + {formatNumber(r.jhtWorker)}</td> : null}
                {showJp ? <td className="num">{formatNumber(r.jpEmployer)} + {formatNumber(r.jpWorker)}</td> : null}
                <td className="num strong">{formatRupiah(r.total)}</td>
                <td className="num">{formatRupiah(r.paid)}</td>
                <td className="num">
                  {r.status === 'issued' ? (
                    <>
                      {formatRupiah(r.payable)}
                      <div><span className={`pill pill-small ${pay.tone}`}>{pay.label}</span></div>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="nowrap">{dateOrDash(r.dueDate)}</td>
                <td className="nowrap">
                  {r.status === 'draft' && onIssue ? (
                    <button type="button" className="link-button" onClick={() => onIssue(r)} aria-label={`Terbitkan tagihan ${r.opd} ${r.segment}`}>
                      Terbitkan
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={2}>Jumlah bulan ini</th>
            <th className="num">{formatNumber(totals.persons)}</th>
            <th className="num">{formatNumber(totals.jkk)}</th>
            <th className="num">{formatNumber(totals.jkm)}</th>
            {showJht ? <th className="num">{formatNumber(totals.jhtEmployer)} + {formatNumber(totals.jhtWorker)}</th> : null}
            {showJp ? <th className="num">{formatNumber(totals.jpEmployer)} + {formatNumber(totals.jpWorker)}</th> : null}
            <th className="num">{formatRupiah(totals.total)}</th>
            <th className="num">{formatRupiah(totals.paid)}</th>
            <th className="num">{formatRupiah(totals.payable)}</th>
            <th colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
