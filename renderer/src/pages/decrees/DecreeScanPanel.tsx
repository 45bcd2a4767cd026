import type { DecreeRecordDto } from '../../../../shared/contract/decree-calls';
import { useBridge } from '../../bridge-context';
import { ErrorNote } from '../../components/Notice';
import { RevealButton } from '../../components/RevealButton';
import { formatBytes, formatTimestamp } from '../../format';
import { actorLabel } from '../../labels';
import { ScanShown } from './ScanImage';
import { useScanActions } from './scan-actions';

const TYPE_LABEL = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' } as const;

/** The signed SK's scan on the decree's detail: its facts, view, download, and attach or replace. */
export function DecreeScanPanel({ record, canWrite, onChanged }: { record: DecreeRecordDto; canWrite: boolean; onChanged: () => void }) {
  const bridge = useBridge();
  const scan = useScanActions();
  const s = record.scan;
  const attach = () =>
    scan.run(async () => {
      const meta = await bridge.call('decree.attachScan', { decreeId: record.decreeId });
      if (meta) {
        scan.close();
        onChanged();
      }
    });
  return (
    <section className="stack" data-testid="decree-scan">
      <h3>Pindaian SK yang ditandatangani</h3>
      {s ? (
        <dl className="facts">
          <dt>Berkas</dt>
          <dd>
            {s.originalName} <span className="muted">({TYPE_LABEL[s.mediaType]}, {formatBytes(s.size)})</span>
          </dd>
          <dt>SHA-256</dt>
          <dd className="tabular small hash" title={s.sha256}>{s.sha256}</dd>
          <dt>Dilampirkan</dt>
          <dd>
            {formatTimestamp(s.createdAt)} · {actorLabel(s.createdBy)}
          </dd>
        </dl>
      ) : (
        <p className="muted">Belum ada pindaian. Lampirkan PDF atau foto (JPEG/PNG) SK yang sudah ditandatangani, paling besar 20 MB.</p>
      )}
      <div className="action-bar action-bar-start">
        {s ? (
          <>
            <button type="button" className="button" onClick={() => void scan.show(record.decreeId)} disabled={scan.busy}>
              Lihat pindaian
            </button>
            <button type="button" className="button" onClick={() => void scan.save(record.decreeId)} disabled={scan.busy}>
              Unduh…
            </button>
            <RevealButton saved={scan.saved} />
          </>
        ) : null}
        {canWrite ? (
          <button type="button" className={s ? 'button' : 'button button-primary'} onClick={() => void attach()} disabled={scan.busy}>
            {s ? 'Ganti pindaian…' : 'Lampirkan pindaian…'}
          </button>
        ) : null}
      </div>
      <ErrorNote error={scan.error} />
      {scan.view ? <ScanShown view={scan.view} onClose={scan.close} /> : null}
    </section>
  );
}
