import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { DesktopBridge, DesktopConnection, LinkState } from '../../../shared/desktop-connection';
import { ChoiceScreen } from './ChoiceScreen';
import { LinkBanner } from './LinkBanner';
import '../styles/connection.css';

/**
 * What the desktop app shows first: the choice between this computer and a Sigap server until the clerk
 * has made it, then the app (its sign-in first), with a banner while a server cannot be reached. In a
 * browser there is no desktop bridge and nothing to choose.
 */
export function ConnectionGate({ desktop, children }: { desktop: DesktopBridge | null; children: ReactNode }) {
  const [connection, setConnection] = useState<DesktopConnection | null>(null);
  const [link, setLink] = useState<LinkState>({ state: 'online' });
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    if (!desktop) return;
    desktop.connection().then(
      ({ link: l, ...c }) => {
        setConnection(c as DesktopConnection);
        setLink(l);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [desktop]);
  useEffect(() => {
    load();
    return desktop?.onLink(setLink);
  }, [desktop, load]);

  if (!desktop) return <>{children}</>;
  if (error) return <div className="startup" role="alert">{error}</div>;
  if (!connection) return <div className="startup" role="status">Membuka Sigap…</div>;
  if (connection.mode === 'ask') return <ChoiceScreen desktop={desktop} onChosen={load} />;
  return (
    <>
      {link.state === 'offline' ? <LinkBanner link={link} address={connection.mode === 'server' ? connection.address : null} /> : null}
      {children}
    </>
  );
}
