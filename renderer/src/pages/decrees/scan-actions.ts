import { useState } from 'react';
import type { ScanViewDto } from '../../../../shared/contract/decree-calls';
import { asBridgeError, type BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';

/**
 * Viewing and saving a decree's scan: an image comes back as a data: URL and is shown in the page; a
 * PDF is opened by the main process in its own sandboxed viewer window. Used by the SK page and by the
 * person's history.
 */
export function useScanActions() {
  const bridge = useBridge();
  const [view, setView] = useState<ScanViewDto | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<unknown>(null);
  const run = async <T,>(work: () => Promise<T>): Promise<T | null> => {
    setError(null);
    setBusy(true);
    try {
      return await work();
    } catch (e) {
      setError(asBridgeError(e));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return {
    view,
    error,
    busy,
    saved,
    show: (decreeId: number) => run(async () => setView(await bridge.call('decree.viewScan', { decreeId }))),
    save: (decreeId: number) => run(async () => setSaved(await bridge.call('decree.saveScan', { decreeId }))),
    close: () => setView(null),
    run,
  };
}
