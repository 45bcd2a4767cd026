import { Fragment, useCallback, useState } from 'react';
import type { BpjsMonthStatusDto, BpjsPaymentRecordDto } from '../../../../shared/contract/bpjs-payment-calls';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { useCan } from '../../session/session';
import { LoadState } from '../../components/LoadState';
import { MonthPicker, yearsAround } from '../../components/MonthPicker';
import { dateOrDash, formatMonthId, formatRupiah } from '../../format';
import { BpjsPaymentDialog } from './BpjsPaymentDialog';
import '../../styles/bpjs-payment.css';

interface Props {
  month: string;
  today: string;
  onMonth: (month: string) => void;
}

/**
 * Pembayaran ke BPJS: per NPP and segment, the branch's bill for the month, its fine, the Pemda's payment
 * to BPJS, and whether the SP2D the units paid for that month cover it. Corrections are new records;
 * the history of each month is one click away.
 */
export function BpjsPaymentPanel({ month, today, onMonth }: Props) {
  const bridge = useBridge();
  const canWrite = useCan('bpjsPayment.record');
  const load = useLoad(useCallback(() => bridge.call('bpjsPayment.month', { month }), [bridge, month]));
  const [editing, setEditing] = useState<BpjsMonthStatusDto | null>(null);
  const [history, setHistory] = useState<string | null>(null);

  return (
    <div className="stack">
      <div className="toolbar">
        <div className="field">
          <span className="field-label">Bulan iuran</span>
          <MonthPicker label="Bulan iuran" value={month} onChange={onMonth} years={yearsAround(today)} />
        </div>
        <p className="muted small arrears-note">
          BPJS menagih per NPP, bukan per OPD. Catat total tagihan dari kantor cabang (dari berkas rincian tagihan atau diketik), dendanya, dan
          pembayaran Pemda ke BPJS. Sigap membandingkannya dengan SP2D yang sudah diterima dari OPD untuk tagihan bulan ini. Koreksi dicatat
          sebagai catatan baru beserta alasannya; catatan lama tetap tersimpan.
        </p>
      </div>
      <LoadState load={load}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">Isi NPP Pemda di Pengaturan › Profil Pemda untuk mencatat tagihan BPJS.</p>
          ) : (
            <section className="card card-flush table-scroll">
              <table className="simple-table bpjs-table" data-testid="bpjs-payment-table">
                <caption className="sr-only">Pembayaran ke BPJS {formatMonthId(month)}</caption>
                <thead>
                  <tr>
                    <th>NPP</th>
                    <th className="num">Ditagihkan ke OPD</th>
                    <th className="num">SP2D diterima</th>
                    <th className="num">Tagihan BPJS (+ denda)</th>
                    <th className="num">Wajib dibayar</th>
                    <th>Dibayar ke BPJS</th>
                    <th>SP2D mencukupi?</th>
                    <th><span className="sr-only">Tindakan</span></th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((s) => {
                    const key = `${s.npp}|${s.segment}`;
                    return (
                      <Fragment key={key}>
                        <tr data-testid="bpjs-payment-row" data-npp={s.npp} data-segment={s.segment}>
                          <td>
                            <span className="strong tabular">{s.npp}</span> <span className="pill pill-small pill-info">{s.segment}</span>
                            <div className="muted small">{s.name}</div>
                          </td>
                          <td className="num">{formatRupiah(s.sigapBilled)}</td>
                          <td className="num">{formatRupiah(s.sp2dReceived)}</td>
                          <td className="num">
                            {s.record ? formatRupiah(s.record.billTotal) : '—'}
                            {s.record && s.record.fine > 0 ? <div className="small">+ denda {formatRupiah(s.record.fine)}</div> : null}
                            {s.record ? <div className="muted small">{s.record.billSource === 'file' ? `dari berkas ${s.record.billFile ?? ''}` : 'diketik'}</div> : null}
                            {s.record && s.record.billTotal !== s.sigapBilled ? (
                              <div className="small bpjs-differs" data-testid="bpjs-bill-differs" title="Selisih tagihan BPJS dengan jumlah tagihan ke OPD; periksa dengan rekonsiliasi di Pelaporan BPJS">
                                selisih {s.record.billTotal > s.sigapBilled ? '+' : ''}{formatRupiah(s.record.billTotal - s.sigapBilled)}
                              </div>
                            ) : null}
                          </td>
                          <td className="num strong">{s.owed !== null ? formatRupiah(s.owed) : '—'}</td>
                          <td><Paid record={s.record} byPaidDate={s.sp2dByPaidDate} /></td>
                          <td><Covered status={s} /></td>
                          <td className="bpjs-actions">
                            {canWrite ? (
                              <button type="button" className="button button-small" onClick={() => setEditing(s)} aria-label={`Catat tagihan atau pembayaran NPP ${s.npp} ${s.segment}`}>
                                {s.record === null ? 'Catat tagihan' : s.record.paidAmount === null ? 'Catat pembayaran' : 'Koreksi'}
                              </button>
                            ) : null}
                            {s.versions > 1 ? (
                              <button type="button" className="link-button" onClick={() => setHistory(history === key ? null : key)} aria-expanded={history === key}>
                                Riwayat ({s.versions})
                              </button>
                            ) : null}
                          </td>
                        </tr>
                        {history === key ? (
                          <tr className="bpjs-history-row">
                            <td colSpan={8}><History npp={s.npp} month={month} segment={s.segment} /></td>
                          </tr>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </section>
          )
        }
      </LoadState>
      {editing ? (
        <BpjsPaymentDialog
          status={editing}
          today={today}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            load.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function Paid({ record, byPaidDate }: { record: BpjsPaymentRecordDto | null; byPaidDate: number | null }) {
  if (!record || record.paidAmount === null) return <span className="muted">belum</span>;
  return (
    <span data-testid="bpjs-paid">
      {formatRupiah(record.paidAmount)}
      <div className="muted small">
        {dateOrDash(record.paidDate)} · {record.paidReference}
      </div>
      {byPaidDate !== null ? <div className="muted small" title="SP2D dari OPD yang sudah masuk sampai tanggal pembayaran ke BPJS">SP2D s.d. tgl bayar {formatRupiah(byPaidDate)}</div> : null}
    </span>
  );
}

function Covered({ status }: { status: BpjsMonthStatusDto }) {
  if (status.covered === null) return <span className="pill pill-small pill-muted">tagihan BPJS belum dicatat</span>;
  if (status.covered) return <span className="pill pill-small pill-ok" data-testid="bpjs-covered">mencukupi</span>;
  const fineOnly = status.record !== null && status.record.fine > 0 && status.shortfall === status.record.fine;
  return (
    <span className="pill pill-small pill-danger" data-testid="bpjs-shortfall" title={fineOnly ? 'Kekurangannya sama dengan denda: denda ditanggung Pemda atau ditagihkan ke OPD yang terlambat.' : undefined}>
      kurang {formatRupiah(status.shortfall ?? 0)}{fineOnly ? ' (denda)' : ''}
    </span>
  );
}

/** Every record of one NPP, month and segment, oldest first: what was recorded, by whom, and why it changed. */
function History({ npp, month, segment }: { npp: string; month: string; segment: 'PU' | 'BPU' }) {
  const bridge = useBridge();
  const load = useLoad(useCallback(() => bridge.call('bpjsPayment.history', { npp, month, segment }), [bridge, npp, month, segment]));
  return (
    <LoadState load={load}>
      {(rows) => (
        <ol className="small bpjs-history" data-testid="bpjs-history" aria-label="Riwayat catatan">
          {rows.map((r) => (
            <li key={r.id}>
              {dateOrDash(r.createdAt.slice(0, 10))} · {r.createdBy}: tagihan {formatRupiah(r.billTotal)}, denda {formatRupiah(r.fine)}
              {r.paidAmount !== null ? `, dibayar ${formatRupiah(r.paidAmount)}` : ''}
              {r.reason ? <span className="muted"> · alasan: {r.reason}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </LoadState>
  );
}
