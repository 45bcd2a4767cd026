import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { InvoiceDetailDto } from '../../../../shared/contract/billing-calls';
import { asBridgeError, type BridgeError } from '../../bridge';
import { useAppInfo } from '../../app-info';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { ErrorNote, Notice } from '../../components/Notice';
import { dateOrDash, formatMonthId, formatNumber, formatRupiah, formatTimestamp } from '../../format';
import { KIND_LABELS, SEGMENT_LABELS, STATUS_LABELS, paymentState } from './billing-labels';
import { IssueDialog } from './IssueDialog';
import { PaymentDialog } from './PaymentDialog';
import { PrintDialog } from './PrintDialog';
import { InvoiceLines } from './InvoiceLines';
import { RatesUsed } from './RatesUsed';
import '../../styles/billing.css';
import { RevealButton } from '../../components/RevealButton';
import { useCan } from '../../session/session';

/** One invoice: header, totals per program, payments, the rates it used, and every person's line. */
export function InvoicePage() {
  const invoiceId = Number(useParams().invoiceId);
  const bridge = useBridge();
  const { info } = useAppInfo();
  const load = useLoad(useCallback(() => bridge.call('invoice.get', { invoiceId, limit: 1 }), [bridge, invoiceId]));
  const [dialog, setDialog] = useState<'issue' | 'pay' | 'print' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [savedFile, setSavedFile] = useState<unknown>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  // HR and viewers read the invoice and print it; issuing, payments and the Excel lines are finance's.
  const canIssue = useCan('invoice.issue');
  const canPay = useCan('payment.record');
  const canSaveXlsx = useCan('invoice.saveXlsx');

  const saveXlsx = async () => {
    setError(null);
    setMessage(null);
    try {
      const r = await bridge.call('invoice.saveXlsx', { invoiceId });
      if (r) setMessage(`Rincian Excel tersimpan: ${r.path} (${formatNumber(r.rows)} baris).`);
      setSavedFile(r);
    } catch (e) {
      setError(asBridgeError(e));
    }
  };

  return (
    <div className="page">
      <LoadState load={load}>
        {(d) => {
          const inv = d.invoice;
          return (
            <>
              <Link className="back-link" to={`/iuran?bulan=${inv.month}`}>← Kembali ke Iuran {formatMonthId(inv.month)}</Link>
              <PageHeader
                title={`${KIND_LABELS[inv.kind]} ${inv.opd}`}
                subtitle={
                  <>
                    <span className={inv.status === 'draft' ? 'pill pill-warning' : 'pill pill-ok'} data-testid="invoice-status">{STATUS_LABELS[inv.status]}</span>{' '}
                    <span className="tabular">{inv.number ?? 'belum bernomor'}</span> · {formatMonthId(inv.month)} · {SEGMENT_LABELS[inv.segment]}
                    {inv.npp ? <> · <span className="tabular" data-testid="invoice-npp">NPP {inv.npp}</span></> : null}
                  </>
                }
                actions={
                  <>
                    {inv.status === 'draft' ? (
                      canIssue ? <button type="button" className="button button-primary" onClick={() => setDialog('issue')}>Terbitkan</button> : null
                    ) : inv.payable > 0 && canPay ? (
                      <button type="button" className="button button-primary" onClick={() => setDialog('pay')}>Catat pembayaran</button>
                    ) : null}
                    {canSaveXlsx ? <button type="button" className="button" onClick={() => void saveXlsx()}>Simpan rincian Excel</button> : null}
                    <button type="button" className="button" onClick={() => setDialog('print')}>Cetak / simpan PDF</button>
                  </>
                }
              />
              <div className="stack">
                {message ? <Notice tone="success" title="Tersimpan"><span data-testid="saved-message">{message}</span><RevealButton saved={savedFile} /></Notice> : null}
                <ErrorNote error={error} />
                {inv.status === 'draft' ? (
                  <Notice tone="warning" title="Masih draf">
                    Angka draf mengikuti daftar pegawai dan tarif saat dihitung. Hitung ulang bulan ini sebelum menerbitkan bila daftar pegawai atau tarif berubah.
                  </Notice>
                ) : null}
                <div className="invoice-top">
                  <Header d={d} />
                  <Programs d={d} />
                </div>
                <Payments d={d} onPay={canPay && inv.status === 'issued' && inv.payable > 0 ? () => setDialog('pay') : null} />
                {d.corrections.length > 0 ? <Corrections d={d} /> : null}
                <RatesUsed d={d} />
                <InvoiceLines invoiceId={inv.id} total={d.lines.total} correction={inv.kind !== 'regular'} />
              </div>
              {dialog === 'issue' ? (
                <IssueDialog month={inv.month} invoice={inv} drafts={[inv]} onClose={() => setDialog(null)} onIssued={() => { setDialog(null); load.reload(); }} />
              ) : null}
              {dialog === 'pay' ? (
                <PaymentDialog
                  invoice={inv}
                  today={info.today}
                  onClose={() => setDialog(null)}
                  onSaved={(remaining) => {
                    setDialog(null);
                    setMessage(remaining === 0 ? 'Pembayaran dicatat. Tagihan ini lunas.' : `Pembayaran dicatat. Sisa tagihan ${formatRupiah(remaining)}.`);
                    load.reload();
                  }}
                />
              ) : null}
              {dialog === 'print' ? (
                <PrintDialog
                  title={`Cetak ${KIND_LABELS[inv.kind].toLowerCase()} ${inv.number ?? '(draf)'}`}
                  preview={(paper) => bridge.call('print.invoice', { invoiceId: inv.id, paper, attachment: true })}
                  save={(paper) => bridge.call('print.invoicePdf', { invoiceId: inv.id, paper, attachment: true })}
                  onClose={() => setDialog(null)}
                />
              ) : null}
            </>
          );
        }}
      </LoadState>
    </div>
  );
}

function Header({ d }: { d: InvoiceDetailDto }) {
  const inv = d.invoice;
  return (
    <section className="card">
      <h2>Keterangan</h2>
      <dl className="facts" data-testid="invoice-facts">
        <dt>Nomor</dt>
        <dd className="tabular">{inv.number ?? 'Draf, belum bernomor'}</dd>
        <dt>OPD / desa</dt>
        <dd>{d.unit.code} · {d.unit.name}</dd>
        <dt>Kode rekening</dt>
        <dd className="tabular">{d.unit.budgetAccount ?? <span className="muted">belum diisi di Pengaturan</span>}</dd>
        <dt>Bulan iuran</dt>
        <dd>{formatMonthId(inv.month)}</dd>
        <dt>Jatuh tempo</dt>
        <dd>{dateOrDash(inv.dueDate)}</dd>
        <dt>Jumlah orang</dt>
        <dd>{formatNumber(inv.persons)}</dd>
        {inv.originalNumber ? (
          <>
            <dt>Koreksi atas</dt>
            <dd>
              <Link to={`/iuran/tagihan/${inv.originalId}`}>{inv.originalNumber}</Link>
              <div className="muted small">{inv.kind === 'credit' ? 'Nota kredit mengurangi sisa tagihan asal.' : 'Tagihan tambahan dibayar tersendiri.'}</div>
            </dd>
          </>
        ) : null}
        <dt>Diterbitkan</dt>
        <dd>{inv.issuedAt ? formatTimestamp(inv.issuedAt) : <span className="muted">belum</span>}</dd>
      </dl>
    </section>
  );
}

function Programs({ d }: { d: InvoiceDetailDto }) {
  const i = d.invoice;
  const rows = [
    { p: 'JKK', e: i.jkk, w: 0 },
    { p: 'JKM', e: i.jkm, w: 0 },
    { p: 'JHT', e: i.jhtEmployer, w: i.jhtWorker },
    { p: 'JP', e: i.jpEmployer, w: i.jpWorker },
  ].filter((r) => r.p === 'JKK' || r.p === 'JKM' || r.e !== 0 || r.w !== 0);
  const pay = paymentState(i);
  return (
    <section className="card card-flush">
      <table className="simple-table" data-testid="program-totals">
        <thead>
          <tr>
            <th>Program</th>
            <th className="num">Pemberi kerja</th>
            <th className="num">Pekerja</th>
            <th className="num">Jumlah</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.p}>
              <td>{r.p}</td>
              <td className="num">{formatRupiah(r.e)}</td>
              <td className="num">{formatRupiah(r.w)}</td>
              <td className="num">{formatRupiah(r.e + r.w)}</td>
            </tr>
          ))}
          <tr className="row-total">
            <td>Jumlah tagihan</td>
            <td className="num">{formatRupiah(i.employer)}</td>
            <td className="num">{formatRupiah(i.worker)}</td>
            <td className="num" data-testid="invoice-total">{formatRupiah(i.total)}</td>
          </tr>
          <tr>
            <td colSpan={3}>Sudah dibayar</td>
            <td className="num" data-testid="invoice-paid">{formatRupiah(i.paid)}</td>
          </tr>
          <tr className="row-total">
            <td colSpan={2}>Sisa yang harus dibayar</td>
            <td><span className={`pill pill-small ${pay.tone}`}>{pay.label}</span></td>
            <td className="num" data-testid="invoice-payable">{formatRupiah(i.payable)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function Payments({ d, onPay }: { d: InvoiceDetailDto; onPay: (() => void) | null }) {
  return (
    <section className="card">
      <div className="toolbar card-title-row">
        <h2>Pembayaran SP2D</h2>
        <span className="toolbar-spacer" />
        {onPay ? <button type="button" className="button" onClick={onPay}>+ Catat pembayaran</button> : null}
      </div>
      {d.payments.length === 0 ? (
        <p className="muted">{d.invoice.status === 'draft' ? 'Pembayaran dicatat setelah tagihan terbit.' : d.invoice.kind === 'credit' ? 'Nota kredit tidak dibayar; nilainya mengurangi tagihan asal.' : 'Belum ada pembayaran.'}</p>
      ) : (
        <table className="simple-table" data-testid="payments">
          <thead>
            <tr>
              <th>Nomor SP2D</th>
              <th>Tanggal SP2D</th>
              <th className="num">Jumlah</th>
              <th>Catatan</th>
              <th>Dicatat</th>
            </tr>
          </thead>
          <tbody>
            {d.payments.map((p) => (
              <tr key={p.id}>
                <td className="tabular">{p.sp2dNumber}</td>
                <td>{dateOrDash(p.sp2dDate)}</td>
                <td className="num">{formatRupiah(p.amount)}</td>
                <td>{p.note ?? ''}</td>
                <td className="muted small">{formatTimestamp(p.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Corrections({ d }: { d: InvoiceDetailDto }) {
  return (
    <section className="card">
      <h2>Koreksi atas tagihan ini</h2>
      <table className="simple-table" data-testid="corrections">
        <thead>
          <tr>
            <th>Jenis</th>
            <th>Nomor</th>
            <th>Status</th>
            <th className="num">Orang berubah</th>
            <th className="num">Jumlah</th>
          </tr>
        </thead>
        <tbody>
          {d.corrections.map((c) => (
            <tr key={c.id}>
              <td><Link to={`/iuran/tagihan/${c.id}`}>{KIND_LABELS[c.kind]}</Link></td>
              <td className="tabular">{c.number ?? <span className="muted">draf</span>}</td>
              <td>{STATUS_LABELS[c.status]}</td>
              <td className="num">{formatNumber(c.persons)}</td>
              <td className="num">{formatRupiah(c.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
