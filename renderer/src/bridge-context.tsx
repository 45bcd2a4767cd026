import { createContext, useContext, type ReactNode } from 'react';
import type { Bridge } from './bridge';

const BridgeContext = createContext<Bridge | null>(null);

/** Screens get the bridge from here, so unit tests can hand them a fake one. */
export function BridgeProvider({ bridge, children }: { bridge: Bridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

export function useBridge(): Bridge {
  const b = useContext(BridgeContext);
  if (!b) throw new Error('useBridge outside BridgeProvider');
  return b;
}
