import type { InvoiceSummaryDto } from '../../../../shared/contract/billing-calls';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/Notice';
import { formatMonthId, formatRupiah } from '../../format';
import { KIND_LABELS } from './billing-labels';
import { useSubmit } from '../../hooks/use-run';

interface Props {
  month: string;
  /** One draft, or null for every draft of the month. */
  invoice: InvoiceSummaryDto | null;
  drafts: InvoiceSummaryDto[];
  onClose: () => void;
  onIssued: () => void;
}

/** Confirms issuing: what gets a number, and that an issued invoice never changes again. */
export function IssueDialog({ month, invoice, drafts, onClose, onIssued }: Props) {
  const bridge = useBridge();
  const { busy, error, submit: send } = useSubmit();
  const targets = invoice ? [invoice] : drafts;
  const total = targets.reduce((s, i) => s + i.total, 0);

  const submit = async () => {
    await send(async () => {
      if (invoice) await bridge.call('invoice.issue', { invoiceId: invoice.id });
      else await bridge.call('billing.issueAll', { month });
      onIssued();
    });
  };

  return (
    <Dialog title={invoice ? 'Terbitkan tagihan' : 'Terbitkan semua draf'} onClose={onClose} onSubmit={() => void submit()} submitLabel="Terbitkan" busy={busy}>
      <div className="stack">
        <p>
          {invoice
            ? `${KIND_LABELS[invoice.kind]} ${invoice.opd} (${invoice.segment}) bulan ${formatMonthId(month)}, ${formatRupiah(invoice.total)}, akan diberi nomor dan diterbitkan.`
            : `${targets.length} draf bulan ${formatMonthId(month)}, seluruhnya ${formatRupiah(total)}, akan diberi nomor dan diterbitkan.`}
        </p>
        <ul className="issue-rules">
          <li>Tagihan yang sudah terbit <strong>tidak dapat diubah atau dihapus</strong>; tarif dan pejabat penanda tangannya dibekukan.</li>
          <li>Jika nanti ada perubahan (pegawai masuk atau berhenti, honor atau tarif berubah), hitung ulang bulan ini: selisihnya menjadi <strong>tagihan tambahan</strong> atau <strong>nota kredit</strong> yang menunjuk tagihan asal.</li>
          <li>Pembayaran SP2D hanya dapat dicatat pada tagihan yang sudah terbit.</li>
        </ul>
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}
