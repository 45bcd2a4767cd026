import { useState } from 'react';
import type { InvoiceSummaryDto } from '../../../../shared/contract/billing-calls';
import { parseDateText } from '../../../../shared/dates';
import { parseRupiahText } from '../../../../shared/money';
import { asBridgeError, BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { useSubmit } from '../../hooks/use-run';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { ErrorNote, Notice } from '../../components/Notice';
import { formatNumber, formatRupiah } from '../../format';

interface Props {
  invoice: InvoiceSummaryDto;
  today: string;
  onClose: () => void;
  onSaved: (remaining: number) => void;
}

/**
 * Records one SP2D against an issued invoice. Partial payments are fine; the core refuses overpayment.
 * An SP2D dated before the invoice was issued is asked about: the core answers CONFIRM_REQUIRED, the
 * dialog shows why and a box to tick, and records only when the clerk confirms the date.
 */
export function PaymentDialog({ invoice, today, onClose, onSaved }: Props) {
  const bridge = useBridge();
  const [sp2d, setSp2d] = useState('');
  const [date, setDate] = useState(`${today.slice(8, 10)}-${today.slice(5, 7)}-${today.slice(0, 4)}`);
  const [amount, setAmount] = useState(formatNumber(invoice.payable));
  const [note, setNote] = useState('');
  const { busy, error, setError, submit: send } = useSubmit();
  // The core's question about an early SP2D date, and the clerk's answer (for the date it was asked on).
  const [earlyAsk, setEarlyAsk] = useState<{ date: string; message: string } | null>(null);
  const [earlyOk, setEarlyOk] = useState(false);
  const rupiah = parseRupiahText(amount);

  const submit = async () => {
    const iso = parseDateText(date);
    if (sp2d.trim() === '') return setError(new BridgeError('INVALID_INPUT', 'Nomor SP2D wajib diisi.'));
    if (!iso) return setError(new BridgeError('INVALID_INPUT', 'Tanggal SP2D tidak terbaca; tulis mis. 10-03-2026.'));
    if (rupiah === null || rupiah <= 0) return setError(new BridgeError('INVALID_INPUT', 'Jumlah pembayaran harus rupiah lebih dari 0, mis. 1.500.000.'));
    const confirmed = earlyAsk !== null && earlyAsk.date === iso && earlyOk;
    if (earlyAsk !== null && earlyAsk.date === iso && !earlyOk) return setError(new BridgeError('INVALID_INPUT', 'Centang konfirmasi tanggal SP2D di atas, atau perbaiki tanggalnya.'));
    await send(async () => {
      try {
        const r = await bridge.call('payment.record', {
          invoiceId: invoice.id, sp2d: sp2d.trim(), date: iso, amount: rupiah, ...(note.trim() ? { note: note.trim() } : {}), ...(confirmed ? { confirmEarlyDate: true } : {}),
        });
        onSaved(r.remaining);
      } catch (e) {
        if (asBridgeError(e).code !== 'CONFIRM_REQUIRED') throw e;
        setEarlyAsk({ date: iso, message: asBridgeError(e).message });
        setEarlyOk(false);
      }
    });
  };

  return (
    <Dialog title="Catat pembayaran" onClose={onClose} onSubmit={() => void submit()} submitLabel="Catat" busy={busy}>
      <div className="stack">
        <p className="muted dialog-lead">
          Tagihan <span className="tabular">{invoice.number}</span> · sisa <strong>{formatRupiah(invoice.payable)}</strong>. Pembayaran sebagian boleh dicatat; pembayaran melebihi sisa ditolak.
        </p>
        <div className="form-grid form-grid-single">
          <FormField label="Nomor SP2D" required>
            <input value={sp2d} onChange={(e) => setSp2d(e.target.value)} maxLength={100} autoComplete="off" placeholder="mis. 00123/SP2D/LS/2026" />
          </FormField>
          <FormField label="Tanggal SP2D" required>
            <DateInput value={date} onChange={setDate} />
          </FormField>
          <FormField label="Jumlah dibayar (Rp)" required hint={rupiah !== null ? formatRupiah(rupiah) : 'tidak terbaca sebagai rupiah'}>
            <input value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="numeric" maxLength={20} autoComplete="off" />
          </FormField>
          <FormField label="Catatan (tidak wajib)">
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} autoComplete="off" />
          </FormField>
        </div>
        {earlyAsk !== null && earlyAsk.date === parseDateText(date) ? (
          <Notice tone="warning" title="Tanggal SP2D sebelum tagihan terbit">
            <p data-testid="early-date-message">{earlyAsk.message}</p>
            <label className="checkbox">
              <input type="checkbox" checked={earlyOk} onChange={(e) => setEarlyOk(e.target.checked)} data-testid="confirm-early-date" />
              Ya, tanggal SP2D ini benar
            </label>
          </Notice>
        ) : null}
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}
