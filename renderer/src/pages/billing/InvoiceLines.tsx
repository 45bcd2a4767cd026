import { useCallback, useState } from 'react';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { Notice } from '../../components/Notice';
import { formatNumber } from '../../format';
import { CHANGE_LABELS } from './billing-labels';

const PAGE = 100;

/** The person lines of an invoice, a page at a time (an invoice can hold thousands of people). */
export function InvoiceLines({ invoiceId, total, correction }: { invoiceId: number; total: number; correction: boolean }) {
  const bridge = useBridge();
  const [offset, setOffset] = useState(0);
  const page = useLoad(useCallback(() => bridge.call('invoice.lines', { invoiceId, offset, limit: PAGE }), [bridge, invoiceId, offset]));
  const rows = page.data?.rows ?? [];
  const last = Math.min(offset + PAGE, total);
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const showJht = rows.some((r) => r.jhtEmployer !== 0 || r.jhtWorker !== 0);
  const showJp = rows.some((r) => r.jpEmployer !== 0 || r.jpWorker !== 0);
  return (
    <section className="card card-flush" aria-labelledby="lines-title">
      <div className="toolbar lines-head">
        <h2 id="lines-title">Rincian per orang</h2>
        <span className="muted" data-testid="lines-range" aria-live="polite">
          {total === 0 ? 'tidak ada baris' : `${formatNumber(offset + 1)}–${formatNumber(last)} dari ${formatNumber(total)} orang`}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>‹ Sebelumnya</button>
        <span className="muted small">halaman {Math.floor(offset / PAGE) + 1} dari {pages}</span>
        <button type="button" className="button" disabled={last >= total} onClick={() => setOffset(offset + PAGE)}>Berikutnya ›</button>
      </div>
      {page.error ? <Notice tone="danger" title="Rincian tidak dapat dimuat">{page.error.message}</Notice> : null}
      <div className="table-scroll lines-scroll">
        <table className="simple-table" data-testid="invoice-lines" aria-busy={page.loading}>
          <thead>
            <tr>
              <th className="num">No</th>
              <th>Nama</th>
              <th>NIK</th>
              <th>Kategori</th>
              <th className="num">Kelas JKK</th>
              <th className="num">Upah</th>
              <th className="num">Dasar iuran</th>
              {showJp ? <th className="num">Dasar JP</th> : null}
              <th className="num">JKK</th>
              <th className="num">JKM</th>
              {showJht ? <th className="num">JHT pk + pkj</th> : null}
              {showJp ? <th className="num">JP pk + pkj</th> : null}
              <th className="num">Jumlah</th>
              {correction ? <th>Perubahan</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((l, i) => (
              <tr key={`${l.personId}`}>
                <td className="num muted">{formatNumber(offset + i + 1)}</td>
                <td>
                  {l.name}
                  {l.note ? <div className="muted small" data-testid="line-note">{l.note}</div> : null}
                </td>
                <td className="tabular">{l.nik}</td>
                <td className="clamp" title={l.category}>{l.category}</td>
                <td className="num">{l.jkkClass ?? '—'}</td>
                <td className="num">{formatNumber(l.wage)}</td>
                <td className="num">{formatNumber(l.base)}</td>
                {showJp ? <td className="num">{formatNumber(l.jpBase)}</td> : null}
                <td className="num">{formatNumber(l.jkk)}</td>
                <td className="num">{formatNumber(l.jkm)}</td>
                {showJht ? <td className="num">{formatNumber(l.jhtEmployer)} + {formatNumber(l.jhtWorker)}</td> : null}
                {showJp ? <td className="num">{formatNumber(l.jpEmployer)} + {formatNumber(l.jpWorker)}</td> : null}
                <td className="num strong">{formatNumber(l.total)}</td>
                {correction ? <td>{l.change ? CHANGE_LABELS[l.change] : ''}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
