import { useCallback, useState } from 'react';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { ErrorNote, Notice } from '../../components/Notice';
import { dateOrDash, formatBytes, formatNumber, formatTimestamp } from '../../format';
import { actorLabel } from '../../labels';
import { REPORT_KIND_LABELS } from '../../../../shared/sipp-layouts';
import type { BatchDetailDto } from '../../../../shared/contract/reporting-calls';
import type { Output } from '../../../../shared/contract/index';
import { BatchStatus } from './BatchStatus';
import { CutNote, Pager, PersonLink, ProblemList, pageOf } from './parts';
import { RevealButton } from '../../components/RevealButton';
import { useSubmit } from '../../hooks/use-run';

const PAGE = 25;

type Regenerated = NonNullable<Output<'bpjs.batchRegenerate'>>;

/** One batch: its files with hashes, its people, and the two things a clerk does with it. */
export function BatchDetail({ batchId, onChanged, onClose }: { batchId: number; onChanged: () => void; onClose: () => void }) {
  const bridge = useBridge();
  const detail = useLoad(useCallback(() => bridge.call('bpjs.batch', { batchId }), [bridge, batchId]));
  const [cancelling, setCancelling] = useState(false);
  const [regen, setRegen] = useState<Regenerated | null>(null);
  const { busy, error, setError, submit: send } = useSubmit();
  const [offset, setOffset] = useState(0);

  const regenerate = async () => {
    setError(null);
    setRegen(null);
    await send(async () => {
      const r = await bridge.call('bpjs.batchRegenerate', { batchId });
      if (r) setRegen(r);
    });
  };

  return (
    <section className="card stack rp-detail" aria-label={`Batch ${batchId}`} data-testid="batch-detail">
      <LoadState load={detail}>
        {(b) => (
          <>
            <div className="toolbar rp-center">
              <h2 className="rp-h2">Batch #{b.id} <BatchStatus batch={b} /></h2>
              <span className="toolbar-spacer" />
              <button type="button" className="button" onClick={regenerate} disabled={busy}>
                {busy ? 'Menulis…' : 'Tulis ulang berkas…'}
              </button>
              {b.status === 'submitted' ? (
                <button type="button" className="button button-danger-outline" onClick={() => setCancelling(true)}>
                  Batalkan batch…
                </button>
              ) : null}
              <button type="button" className="icon-button" aria-label="Tutup rincian batch" onClick={onClose}>×</button>
            </div>
            <Facts b={b} />
            <ErrorNote error={error} />
            {regen ? <RegenResult r={regen} /> : null}
            <table className="simple-table" data-testid="batch-files">
              <thead><tr><th>Berkas</th><th className="num">Baris</th><th className="num">Ukuran</th><th>SHA-256</th></tr></thead>
              <tbody>
                {b.files.map((f) => (
                  <tr key={f.seq}>
                    <td>{f.name}</td>
                    <td className="num">{formatNumber(f.rows)}</td>
                    <td className="num">{formatBytes(f.bytes)}</td>
                    <td className="tabular rp-hash">{f.sha256}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3 className="rp-h3">Pegawai dalam batch ({formatNumber(b.itemCount)})</h3>
            <table className="simple-table" data-testid="batch-items">
              <thead><tr><th className="num">No</th><th>Nama</th><th>NIK</th><th className="num">Berkas</th><th>Catatan saat dibuat</th></tr></thead>
              <tbody>
                {pageOf(b.items, offset, PAGE).map((i) => (
                  <tr key={i.seq}>
                    <td className="num">{i.seq}</td>
                    <td><PersonLink personId={i.personId} name={i.name} /></td>
                    <td className="tabular">{i.nik}</td>
                    <td className="num">{i.fileSeq}</td>
                    <td><ProblemList problems={i.problems} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager offset={offset} limit={PAGE} total={b.items.length} onChange={setOffset} label="Halaman pegawai batch" />
            <CutNote shown={b.items.length} total={b.itemCount} />
            {cancelling ? (
              <CancelDialog
                batch={b}
                onClose={() => setCancelling(false)}
                onDone={() => {
                  setCancelling(false);
                  detail.reload();
                  onChanged();
                }}
              />
            ) : null}
          </>
        )}
      </LoadState>
    </section>
  );
}

function Facts({ b }: { b: BatchDetailDto }) {
  return (
    <dl className="facts">
      <dt>Jenis</dt><dd>{REPORT_KIND_LABELS[b.kind]}</dd>
      <dt>Dibuat</dt><dd>{formatTimestamp(b.createdAt)} oleh {actorLabel(b.createdBy)}</dd>
      <dt>Keadaan data per</dt><dd>{dateOrDash(b.asOf)}</dd>
      <dt>Profil</dt><dd>{b.profile}{b.includeIncomplete ? ' · termasuk data belum lengkap' : ''}</dd>
      <dt>NPP</dt><dd>{b.npp}</dd>
      {b.status === 'cancelled' ? (
        <>
          <dt>Dibatalkan</dt>
          <dd>{b.cancelledAt ? formatTimestamp(b.cancelledAt) : ''} oleh {actorLabel(b.cancelledBy ?? '')}{b.cancelReason ? `: ${b.cancelReason}` : ''}</dd>
        </>
      ) : null}
    </dl>
  );
}

function RegenResult({ r }: { r: Regenerated }) {
  const all = r.files.every((f) => f.identical);
  return (
    <Notice tone={all ? 'success' : 'danger'} title={all ? 'Berkas ditulis ulang: identik' : 'Berkas ditulis ulang tetapi BERBEDA dari aslinya'}>
      <span data-testid="regen-result">
        {r.files.map((f) => `${f.name}: ${f.identical ? 'identik' : 'berbeda'}`).join('; ')}
      </span>{' '}
      — di folder <code>{r.folder}</code>. Isi, urutan dan SHA-256 sama dengan saat batch dibuat.
      <RevealButton saved={r} />
    </Notice>
  );
}

function CancelDialog({ batch, onClose, onDone }: { batch: BatchDetailDto; onClose: () => void; onDone: () => void }) {
  const bridge = useBridge();
  const [reason, setReason] = useState('');
  const { busy, error, submit: send } = useSubmit();
  const submit = async () => {
    await send(async () => {
      await bridge.call('bpjs.batchCancel', { batchId: batch.id, reason: reason.trim() });
      onDone();
    });
  };
  return (
    <Dialog title={`Batalkan batch #${batch.id}?`} onClose={onClose} onSubmit={submit} submitLabel="Batalkan batch" busy={busy} canSubmit={reason.trim() !== ''} danger>
      <div className="stack">
        <p>
          {formatNumber(batch.rows)} perubahan dalam batch ini akan ditawarkan lagi di “Perlu dilaporkan”. Batalkan hanya bila berkasnya ditolak
          kantor cabang atau tidak jadi diunggah. Batch tetap tercatat di riwayat.
        </p>
        <FormField label="Alasan pembatalan" required hint="Mis. ditolak portal SIPP karena templat lama.">
          <input type="text" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
        </FormField>
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}
