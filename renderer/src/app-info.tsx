import { useCallback, createContext, useContext, type ReactNode } from 'react';
import type { Output } from '../../shared/contract/index';
import { useBridge } from './bridge-context';
import { useLoad } from './hooks/use-load';
import { Notice } from './components/Notice';
import { setOfficeZone } from './format';

export type AppInfo = Output<'app.info'>;

const AppInfoContext = createContext<{ info: AppInfo; reload: () => void } | null>(null);

/**
 * The app's version, the Pemda and "today" as the core's clock says (not the browser's), loaded once;
 * screens reload it after changing the Pemda profile or importing.
 */
export function AppInfoProvider({ children }: { children: ReactNode }) {
  const bridge = useBridge();
  const load = useLoad(useCallback(() => bridge.call('app.info', {}), [bridge]));
  if (load.data === undefined) {
    if (load.error) {
      return (
        <div className="startup">
          <Notice tone="danger" title="Sigap tidak dapat membuka datanya">
            {load.error.message}
          </Notice>
        </div>
      );
    }
    return <div className="startup" role="status">Membuka Sigap…</div>;
  }
  // Timestamps everywhere follow the Pemda's zone; set before the screens below render them.
  setOfficeZone(load.data.employer?.zone ?? 'WIB');
  return <AppInfoContext.Provider value={{ info: load.data, reload: load.reload }}>{children}</AppInfoContext.Provider>;
}

export function useAppInfo(): { info: AppInfo; reload: () => void } {
  const v = useContext(AppInfoContext);
  if (!v) throw new Error('useAppInfo outside AppInfoProvider');
  return v;
}
