import { useState } from 'react';
import { Link } from 'react-router';
import type { Output } from '../../../../shared/contract/index';
import type { DecreeRecordDto, UndoCheckDto } from '../../../../shared/contract/decree-calls';
import { useBridge } from '../../bridge-context';
import { ErrorNote, Notice } from '../../components/Notice';
import { FormField } from '../../components/FormField';
import { formatNumber } from '../../format';
import { useSubmit } from '../../hooks/use-run';

type Undone = Output<'decree.undo'>;

/**
 * "Batalkan penerapan SK": first the core says whether anything issued or later depends on the SK;
 * if nothing does, the clerk types the reason and confirms. If something does, it says what, and
 * points to the amending SK instead.
 */
export function DecreeUndoPanel({ record, onChanged }: { record: DecreeRecordDto; onChanged: () => void }) {
  const bridge = useBridge();
  const [check, setCheck] = useState<UndoCheckDto | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, submit: send } = useSubmit();
  const [done, setDone] = useState<Undone | null>(null);
  const run = async (work: () => Promise<void>) => {
    await send(async () => {
      await work();
    });
  };
  if (done) {
    return (
      <Notice tone="success" title={`Penerapan SK ${done.number} dibatalkan`}>
        {formatNumber(done.engagementsRemoved)} keterlibatan dihapus, {formatNumber(done.engagementsReopened)} dibuka kembali,{' '}
        {formatNumber(done.personsRemoved)} orang dihapus, {formatNumber(done.personsRestored)} orang dipulihkan datanya. Dicatat di jejak audit.
        {done.notes.map((n) => (
          <div key={n}>{n}</div>
        ))}
      </Notice>
    );
  }
  if (record.status === 'withdrawn') return null;
  const c = check?.counts;
  return (
    <section className="stack" data-testid="decree-undo">
      <h3>Batalkan penerapan SK</h3>
      {!check ? (
        <>
          <p className="muted">
            Mengembalikan daftar pegawai persis seperti sebelum SK ini diterapkan. Hanya bila belum ada tagihan terbit, berkas BPJS, atau SK lain yang
            bergantung padanya.
          </p>
          <div className="action-bar action-bar-start">
            <button type="button" className="button button-danger-outline" disabled={busy} onClick={() => void run(async () => setCheck(await bridge.call('decree.undoCheck', { decreeId: record.decreeId })))}>
              Periksa pembatalan…
            </button>
          </div>
        </>
      ) : !check.canUndo ? (
        <Notice tone="warning" title={`Penerapan SK ${check.number} tidak dapat dibatalkan`}>
          <ul className="plain-list" data-testid="undo-blockers">
            {check.blockers.map((b) => (
              <li key={b.kind}>{b.message}</li>
            ))}
          </ul>
          <Link to="/sk/impor" className="button">
            Impor SK perubahan
          </Link>
        </Notice>
      ) : (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              setDone(await bridge.call('decree.undo', { decreeId: record.decreeId, reason }));
              onChanged();
            });
          }}
        >
          <Notice tone="warning" title="Yang akan dikembalikan">
            {formatNumber(c!.engagementsCreated)} keterlibatan dari SK ini dihapus, {formatNumber(c!.engagementsEnded)} keterlibatan yang diakhirinya dibuka
            kembali, {formatNumber(c!.personsCreated)} orang baru dihapus, data {formatNumber(c!.personsUpdated)} orang dipulihkan
            {c!.unitsCreated > 0 ? `, ${formatNumber(c!.unitsCreated)} unit baru dihapus bila tidak dipakai` : ''}. Catatan SK tetap ada dengan status
            dibatalkan.
            {check.notes.map((n) => (
              <div key={n}>{n}</div>
            ))}
          </Notice>
          <FormField label="Alasan pembatalan" hint="Dicatat di jejak audit, mis. lampiran salah unggah" required wide>
            <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} rows={2} />
          </FormField>
          <div className="action-bar action-bar-start">
            <button type="submit" className="button button-danger" disabled={busy || reason.trim().length < 5}>
              {busy ? 'Membatalkan…' : 'Batalkan penerapan SK'}
            </button>
          </div>
        </form>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
