import { useId, useState } from 'react';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { DateInput } from '../../components/DateInput';
import { FormField } from '../../components/FormField';
import { dateFromText, toDateText } from '../../date-text';
import { ErrorNote } from '../../components/Notice';
import { formatDateId } from '../../format';
import { useSubmit } from '../../hooks/use-run';

const REASONS = ['Mengundurkan diri', 'Meninggal dunia', 'Diangkat menjadi PPPK', 'Masa kontrak berakhir', 'Diberhentikan', 'Pindah tugas ke luar Pemda'];

/** Ends the current engagement on a date, with a reason the audit trail keeps. */
export function EndEngagementDialog({ engagementId, opd, startDate, today, onClose, onSaved }: { engagementId: number; opd: string; startDate: string; today: string; onClose: () => void; onSaved: () => void }) {
  const bridge = useBridge();
  const listId = useId();
  const [endDate, setEndDate] = useState(toDateText(today));
  const [reason, setReason] = useState('');
  const { busy, error, setError, submit } = useSubmit();

  const save = async () => {
    if (reason.trim().length < 3) {
      setError(new BridgeError('INVALID_INPUT', 'Tulis alasan berakhirnya (paling sedikit 3 huruf).'));
      return;
    }
    await submit(async () => {
      const date = dateFromText(endDate, 'Tanggal berakhir');
      if (!date) throw new BridgeError('INVALID_INPUT', 'Isi tanggal berakhir.');
      await bridge.call('engagement.end', { engagementId, endDate: date, reason: reason.trim() });
      onSaved();
    });
  };

  return (
    <Dialog title="Akhiri keterlibatan" onClose={onClose} onSubmit={save} submitLabel="Akhiri" busy={busy} danger>
      <p className="muted">
        {opd}, mulai {formatDateId(startDate)}. Pegawai tidak lagi dihitung aktif sesudah tanggal berakhir.
      </p>
      <div className="form-grid form-grid-single">
        <FormField label="Tanggal berakhir" required>
          <DateInput value={endDate} onChange={setEndDate} />
        </FormField>
        <FormField label="Alasan" required hint="Pilih dari daftar atau tulis sendiri">
          <input value={reason} onChange={(e) => setReason(e.target.value)} list={listId} maxLength={200} />
        </FormField>
        <datalist id={listId}>
          {REASONS.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </div>
      <ErrorNote error={error} />
    </Dialog>
  );
}
