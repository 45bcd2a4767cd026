import { Fragment, useCallback, useState } from 'react';
import type { ArrearsDto } from '../../../../shared/contract/billing-calls';
import { parseDateText } from '../../../../shared/dates';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { DateInput } from '../../components/DateInput';
import { FormField } from '../../components/FormField';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { dateOrDash, formatDateId, formatMonthId, formatNumber, formatRupiah } from '../../format';
import { PrintDialog } from './PrintDialog';
import '../../styles/billing-arrears.css';

type Unit = ArrearsDto['units'][number];
const BUCKETS = [
  ['d0_30', '0-30 hari'],
  ['d31_60', '31-60 hari'],
  ['d61_90', '61-90 hari'],
  ['over90', '> 90 hari'],
] as const;

/** Tunggakan: what every unit still owes on issued invoices, aged past the due date, with the estimated fine. */
export function ArrearsView({ today }: { today: string }) {
  const bridge = useBridge();
  const [dateText, setDateText] = useState(`${today.slice(8, 10)}-${today.slice(5, 7)}-${today.slice(0, 4)}`);
  const asOf = parseDateText(dateText) ?? today;
  // BPJS counts arrears per NPP: with more than one registration the view can show one at a time.
  const [npp, setNpp] = useState('');
  const registrations = useLoad(useCallback(() => bridge.call('registration.list', {}), [bridge]));
  const npps = (registrations.data ?? []).filter((r) => r.npp !== null);
  const load = useLoad(useCallback(() => bridge.call('billing.arrears', { asOf, ...(npp ? { npp } : {}) }), [bridge, asOf, npp]));
  const [open, setOpen] = useState<number | null>(null);
  const [letter, setLetter] = useState<Unit | null>(null);

  return (
    <div className="stack">
      <div className="toolbar">
        <FormField label="Per tanggal">
          <DateInput value={dateText} onChange={setDateText} />
        </FormField>
        {npps.length > 1 ? (
          <FormField label="NPP">
            <select value={npp} onChange={(e) => setNpp(e.target.value)} data-testid="arrears-npp">
              <option value="">Semua NPP</option>
              {npps.map((r) => <option key={r.npp} value={r.npp!}>{r.npp} · {r.name}</option>)}
            </select>
          </FormField>
        ) : null}
        <p className="muted small arrears-note">
          Dihitung dari tagihan yang sudah terbit dan pembayaran SP2D sampai tanggal ini. Umur tunggakan dan denda dihitung dari jatuh tempo menurut ketentuan
          (PU: tanggal 15 bulan berikutnya; BPU: tanggal 15 bulan berjalan), juga untuk bulan yang ditagihkan terlambat; batas bayar pada tagihan
          yang terbit terlambat ditampilkan terpisah. Denda 2% per bulan hanya untuk PU dan
          merupakan <strong>perkiraan</strong>: aturannya ditujukan kepada pemberi kerja selain penyelenggara negara. Denda atas pembayaran terlambat
          dihitung dari jumlah yang dibayar, sejak jatuh tempo sampai tanggal SP2D, dan biasanya ditagih bersama tagihan berikutnya.
        </p>
      </div>
      <LoadState load={load}>
        {(r) =>
          r.units.length === 0 ? (
            <Notice tone="success" title="Tidak ada tunggakan">Semua tagihan yang terbit sampai {formatDateId(r.asOf)} sudah lunas.</Notice>
          ) : (
            <>
              <div className="stat-row stat-row-compact">
                <div className="stat stat-small stat-danger">
                  <span className="stat-label">Lewat jatuh tempo</span>
                  <span className="stat-value" data-testid="arrears-past-due">{formatRupiah(r.totals.pastDue)}</span>
                </div>
                <div className="stat stat-small">
                  <span className="stat-label">Belum jatuh tempo</span>
                  <span className="stat-value">{formatRupiah(r.totals.notDue)}</span>
                </div>
                <div className="stat stat-small stat-warning">
                  <span className="stat-label">Denda (perkiraan)</span>
                  <span className="stat-value">{formatRupiah(r.totals.fineEstimate)}</span>
                </div>
                <div className="stat stat-small stat-warning">
                  <span className="stat-label">Denda atas pembayaran terlambat (perkiraan)</span>
                  <span className="stat-value" data-testid="arrears-late-paid-fine">{formatRupiah(r.totals.latePaidFineEstimate ?? 0)}</span>
                </div>
                <div className="stat stat-small">
                  <span className="stat-label">OPD / desa menunggak</span>
                  <span className="stat-value">{formatNumber(r.units.filter((u) => u.pastDue > 0).length)}</span>
                </div>
              </div>
              <section className="card card-flush table-scroll">
                <table className="simple-table arrears-main" data-testid="arrears-table">
                  <thead>
                    <tr>
                      <th>OPD / desa</th>
                      {BUCKETS.map(([k, label]) => <th key={k} className="num">{label}</th>)}
                      <th className="num">Lewat jatuh tempo</th>
                      <th className="num">Belum jatuh tempo</th>
                      <th className="num" title="Denda atas tunggakan ditambah denda atas pembayaran yang terlambat (perkiraan)">
                        Denda <span className="muted small">(perkiraan)</span>
                      </th>
                      <th><span className="sr-only">Tindakan</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.units.map((u) => (
                      <Fragment key={u.opdId}>
                        <tr data-testid="arrears-row" data-opd={u.opdCode}>
                          <td>
                            <button type="button" className="link-button strong" aria-expanded={open === u.opdId} onClick={() => setOpen(open === u.opdId ? null : u.opdId)}>
                              {u.opd}
                            </button>
                            <div className="muted small">
                              {u.opdCode}
                              {u.bpuLapseRisk ? <span className="pill pill-small pill-danger">BPU &gt; 3 bulan menunggak: kepesertaan berakhir</span> : null}
                            </div>
                          </td>
                          {BUCKETS.map(([k]) => <td key={k} className="num">{u.buckets[k] ? formatRupiah(u.buckets[k]) : '—'}</td>)}
                          <td className="num strong">{formatRupiah(u.pastDue)}</td>
                          <td className="num">{u.buckets.notDue ? formatRupiah(u.buckets.notDue) : '—'}</td>
                          <FineCell outstanding={u.fineEstimate} latePaid={u.latePaidFineEstimate ?? 0} />
                          <td className="nowrap">
                            {u.pastDue > 0 ? (
                              <button type="button" className="link-button" onClick={() => setLetter(u)} aria-label={`Surat teguran untuk ${u.opd}`}>
                                Surat teguran
                              </button>
                            ) : null}
                          </td>
                        </tr>
                        {open === u.opdId ? (
                          <tr className="arrears-items">
                            <td colSpan={9}>
                              {u.items.length > 0 ? <Items unit={u} /> : null}
                              {u.latePaid && u.latePaid.length > 0 ? <LatePaid unit={u} /> : null}
                            </td>
                          </tr>
                        ) : null}
                      </Fragment>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th>Jumlah</th>
                      {BUCKETS.map(([k]) => <th key={k} className="num">{formatRupiah(r.totals[k])}</th>)}
                      <th className="num">{formatRupiah(r.totals.pastDue)}</th>
                      <th className="num">{formatRupiah(r.totals.notDue)}</th>
                      <FineCell outstanding={r.totals.fineEstimate} latePaid={r.totals.latePaidFineEstimate ?? 0} footer />
                      <th />
                    </tr>
                  </tfoot>
                </table>
              </section>
            </>
          )
        }
      </LoadState>
      {letter ? (
        <PrintDialog
          title={`Surat teguran: ${letter.opd}`}
          preview={(paper) => bridge.call('print.reminder', { opdId: letter.opdId, paper, asOf })}
          save={(paper) => bridge.call('print.reminderPdf', { opdId: letter.opdId, paper, asOf })}
          onClose={() => setLetter(null)}
        />
      ) : null}
    </div>
  );
}

/**
 * One fine column: the estimated fine on what is still owed plus the one on months paid late. The sum
 * leads; when a late payment adds to it, a second line and the title say how much of it that part is.
 */
function FineCell({ outstanding, latePaid, footer = false }: { outstanding: number; latePaid: number; footer?: boolean }) {
  const total = outstanding + latePaid;
  const Cell = footer ? 'th' : 'td';
  if (total === 0) return <Cell className="num">—</Cell>;
  const title = `Denda atas tunggakan ${formatRupiah(outstanding)} + denda bayar terlambat ${formatRupiah(latePaid)} (perkiraan)`;
  return (
    <Cell className="num" title={title} data-testid="arrears-fine">
      <span data-testid="arrears-fine-total">{formatRupiah(total)}</span>
      {latePaid > 0 ? (
        <span className="fine-part muted small">
          bayar terlambat <span data-testid={footer ? undefined : 'arrears-late-paid-unit'}>{formatRupiah(latePaid)}</span>
        </span>
      ) : null}
    </Cell>
  );
}

function Items({ unit }: { unit: Unit }) {
  return (
    <table className="simple-table nested-table" data-testid="arrears-items">
      <thead>
        <tr>
          <th>Bulan iuran</th>
          <th>Segmen</th>
          <th>Tagihan</th>
          <th>Jatuh tempo</th>
          <th className="num">Hari lewat</th>
          <th className="num">Ditagih</th>
          <th className="num">Dibayar</th>
          <th className="num">Sisa</th>
          <th className="num">Denda (perkiraan)</th>
        </tr>
      </thead>
      <tbody>
        {unit.items.map((i) => (
          <tr key={`${i.month}:${i.segment}`}>
            <td>{formatMonthId(i.month)}</td>
            <td>{i.segment}</td>
            <td className="tabular small">{i.invoiceNumbers.join(', ')}</td>
            <td><DueDates item={i} /></td>
            <td className="num">{i.daysPastDue > 0 ? formatNumber(i.daysPastDue) : 'belum'}</td>
            <td className="num">{formatRupiah(i.billed)}</td>
            <td className="num">{formatRupiah(i.paid)}</td>
            <td className="num strong">{formatRupiah(i.outstanding)}</td>
            <td className="num">{i.fineEstimate ? `${formatRupiah(i.fineEstimate)} (${i.monthsLate} bln)` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The statutory due date (what BPJS counts late from) and, for a month billed late, the invoice's own
 * later deadline for the OPD, with a note when BPJS already counts the month late before that deadline.
 */
function DueDates({ item }: { item: Unit['items'][number] }) {
  const statutory = item.statutoryDueDate;
  if (item.dueDate === statutory) return <>{dateOrDash(statutory)}</>;
  return (
    <span className="due-dates" data-testid="arrears-due-dates">
      <span title="Jatuh tempo menurut ketentuan: BPJS menghitung keterlambatan dan denda sejak tanggal ini">{dateOrDash(statutory)}</span>
      <span className="muted small"> · batas tagihan OPD {dateOrDash(item.dueDate)}</span>
      {item.daysPastDue > 0 && item.opdDaysPastDue <= 0 ? (
        <span className="pill pill-small pill-warning" data-testid="arrears-bpjs-late">terlambat bagi BPJS, batas OPD belum lewat</span>
      ) : null}
    </span>
  );
}

/** The PU payments made after the due date and the estimated fine accrued on what each paid. */
function LatePaid({ unit }: { unit: Unit }) {
  const rows = unit.latePaid ?? [];
  return (
    <table className="simple-table nested-table arrears-late-paid" data-testid="arrears-late-paid">
      <caption className="strong">Denda atas pembayaran terlambat (perkiraan)</caption>
      <thead>
        <tr>
          <th>Bulan iuran</th>
          <th>Tagihan</th>
          <th>Jatuh tempo</th>
          <th>SP2D</th>
          <th>Tanggal bayar</th>
          <th className="num">Dibayar terlambat</th>
          <th className="num">Terlambat</th>
          <th className="num">Denda (perkiraan)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f, k) => (
          <tr key={`${f.invoiceNumber}:${f.sp2dNumber}:${k}`}>
            <td>{formatMonthId(f.month)}</td>
            <td className="tabular small">{f.invoiceNumber}</td>
            <td>{dateOrDash(f.statutoryDueDate)}</td>
            <td className="tabular small">{f.sp2dNumber}</td>
            <td>{dateOrDash(f.paidDate)}</td>
            <td className="num">{formatRupiah(f.amount)}</td>
            <td className="num">{f.monthsLate} bln</td>
            <td className="num strong">{formatRupiah(f.fineEstimate)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={7}>Jumlah</th>
          <th className="num">{formatRupiah(unit.latePaidFineEstimate ?? 0)}</th>
        </tr>
      </tfoot>
    </table>
  );
}
