import { useState } from 'react';
import type { BpjsBillReadDto, BpjsMonthStatusDto } from '../../../../shared/contract/bpjs-payment-calls';
import { parseDateText } from '../../../../shared/dates';
import { parseRupiahText } from '../../../../shared/money';
import { asBridgeError, BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { DateInput } from '../../components/DateInput';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { ErrorNote } from '../../components/Notice';
import { formatMonthId, formatNumber, formatRupiah } from '../../format';
import { useSubmit } from '../../hooks/use-run';

interface Props {
  status: BpjsMonthStatusDto;
  today: string;
  onClose: () => void;
  onSaved: () => void;
}

const isoToText = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/**
 * Records one step of the month's BPJS bill for an NPP: the bill total (typed or read from the branch's
 * file), the fine, the payment. Fields start from the current record; the core keeps every record and
 * asks for a reason when a value already recorded changes, so the reason field is always offered.
 */
export function BpjsPaymentDialog({ status, today, onClose, onSaved }: Props) {
  const bridge = useBridge();
  const r = status.record;
  const [bill, setBill] = useState(r ? formatNumber(r.billTotal) : status.sigapBilled ? formatNumber(status.sigapBilled) : '');
  const [file, setFile] = useState<BpjsBillReadDto | null>(null);
  const [fine, setFine] = useState(formatNumber(r?.fine ?? 0));
  const [paid, setPaid] = useState(r && r.paidAmount !== null ? formatNumber(r.paidAmount) : '');
  const [date, setDate] = useState(r?.paidDate ? isoToText(r.paidDate) : isoToText(today));
  const [reference, setReference] = useState(r?.paidReference ?? '');
  const [reason, setReason] = useState('');
  const { busy, error, setError, submit: send } = useSubmit();

  const readFile = async () => {
    setError(null);
    try {
      const b = await bridge.call('bpjsPayment.readBill', { month: status.month });
      if (b) setFile(b);
    } catch (e) {
      setError(asBridgeError(e));
    }
  };

  const submit = async () => {
    const billTotal = file ? null : parseRupiahText(bill);
    const fineValue = parseRupiahText(fine);
    if (!file && (billTotal === null || billTotal < 0)) return setError(new BridgeError('INVALID_INPUT', 'Total tagihan BPJS harus rupiah, mis. 86.400.'));
    if (fineValue === null || fineValue < 0) return setError(new BridgeError('INVALID_INPUT', 'Denda harus rupiah, 0 bila tidak ada.'));
    const paying = paid.trim() !== '';
    const paidValue = paying ? parseRupiahText(paid) : null;
    const iso = parseDateText(date);
    if (paying && (paidValue === null || paidValue <= 0)) return setError(new BridgeError('INVALID_INPUT', 'Jumlah dibayar ke BPJS harus rupiah lebih dari 0, atau kosongkan bila belum dibayar.'));
    if (paying && !iso) return setError(new BridgeError('INVALID_INPUT', 'Tanggal bayar tidak terbaca; tulis mis. 16-02-2026.'));
    if (paying && reference.trim() === '') return setError(new BridgeError('INVALID_INPUT', 'Nomor referensi pembayaran (mis. NTPN atau nomor bukti setor) wajib diisi.'));
    await send(async () => {
      await bridge.call('bpjsPayment.record', {
        npp: status.npp, month: status.month, segment: status.segment,
        ...(file ? { billToken: file.token } : { billTotal: billTotal! }),
        fine: fineValue,
        ...(paying ? { paidAmount: paidValue!, paidDate: iso!, paidReference: reference.trim() } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      onSaved();
    });
  };

  return (
    <Dialog title={`Tagihan BPJS ${formatMonthId(status.month)}`} onClose={onClose} onSubmit={() => void submit()} submitLabel="Catat" busy={busy}>
      <div className="stack">
        <p className="muted dialog-lead">
          NPP <span className="tabular strong">{status.npp}</span> ({status.name}), {status.segment}. Ditagihkan ke OPD {formatRupiah(status.sigapBilled)}; SP2D diterima{' '}
          {formatRupiah(status.sp2dReceived)}.
        </p>
        <div className="form-grid form-grid-single">
          <FormField label="Total tagihan dari kantor cabang (Rp)" required hint={file ? `dari berkas ${file.name}: ${formatNumber(file.lines)} baris` : undefined}>
            {file ? (
              <div className="toolbar">
                <strong data-testid="bpjs-bill-from-file">{formatRupiah(file.total)}</strong>
                <button type="button" className="link-button" onClick={() => setFile(null)}>ketik saja</button>
              </div>
            ) : (
              <div className="toolbar">
                <input value={bill} onChange={(e) => setBill(e.target.value)} inputMode="numeric" maxLength={20} autoComplete="off" aria-label="Total tagihan BPJS" />
                <button type="button" className="button button-small" onClick={() => void readFile()}>Baca dari berkas…</button>
              </div>
            )}
          </FormField>
          <FormField label="Denda pada tagihan BPJS (Rp)">
            <input value={fine} onChange={(e) => setFine(e.target.value)} inputMode="numeric" maxLength={20} autoComplete="off" />
          </FormField>
          <FormField label="Dibayar ke BPJS (Rp)" hint="Kosongkan bila belum dibayar.">
            <input value={paid} onChange={(e) => setPaid(e.target.value)} inputMode="numeric" maxLength={20} autoComplete="off" />
          </FormField>
          <FormField label="Tanggal bayar">
            <DateInput value={date} onChange={setDate} />
          </FormField>
          <FormField label="Nomor referensi (NTPN / bukti setor)">
            <input value={reference} onChange={(e) => setReference(e.target.value)} maxLength={100} autoComplete="off" />
          </FormField>
          <FormField label="Alasan koreksi" hint="Wajib bila mengubah nilai yang sudah dicatat; catatan lama tetap tersimpan.">
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} autoComplete="off" />
          </FormField>
        </div>
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}
