import { useState } from 'react';
import type { Output } from '../../../../shared/contract/index';
import { asBridgeError, type BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { ErrorNote } from '../../components/Notice';
import { formatBytes } from '../../format';

export type ChosenScan = NonNullable<Output<'decree.chooseScan'>>;

const TYPE_LABEL = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' } as const;

/**
 * The signed SK's scan, optional, picked with the appendix: checked by content as soon as it is
 * chosen (a wrong file is named at once), attached to the decree right after it is applied.
 */
export function ScanField({ scan, onChange, disabled }: { scan: ChosenScan | null; onChange: (s: ChosenScan | null) => void; disabled: boolean }) {
  const bridge = useBridge();
  const [error, setError] = useState<BridgeError | null>(null);
  const choose = async () => {
    setError(null);
    try {
      const picked = await bridge.call('decree.chooseScan', {});
      if (picked) onChange(picked);
    } catch (e) {
      setError(asBridgeError(e));
    }
  };
  return (
    <div className="stack" data-testid="scan-field">
      <div className="file-row">
        {scan ? (
          <div className="file-chip" data-testid="chosen-scan">
            <strong>{scan.name}</strong>
            <span className="muted">
              {TYPE_LABEL[scan.mediaType]}, {formatBytes(scan.size)}
            </span>
          </div>
        ) : (
          <span className="muted">Pindaian SK yang ditandatangani (PDF, JPEG atau PNG, paling besar 20 MB). Boleh dilampirkan nanti di halaman SK.</span>
        )}
        <button type="button" className="button" onClick={() => void choose()} disabled={disabled}>
          {scan ? 'Ganti pindaian…' : 'Pilih pindaian…'}
        </button>
        {scan ? (
          <button type="button" className="button" onClick={() => onChange(null)} disabled={disabled}>
            Hapus
          </button>
        ) : null}
      </div>
      <ErrorNote error={error} />
    </div>
  );
}
