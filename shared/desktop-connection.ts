/**
 * The desktop app's choice between its own database and a Sigap server, as the first-run screen and the
 * connection banner see it (`window.sigapDesktop`, only in the desktop app; a browser has none). The
 * contract calls themselves never change: `window.sigap` goes to the local worker or to the server.
 */
export const DESKTOP_GLOBAL = 'sigapDesktop';

export const DESKTOP_CHANNELS = {
  get: 'sigap-desktop:connection.get',
  check: 'sigap-desktop:connection.check',
  useLocal: 'sigap-desktop:connection.useLocal',
  useServer: 'sigap-desktop:connection.useServer',
  state: 'sigap-desktop:connection.state',
} as const;

/** What the app uses now; `ask` until the clerk has chosen (the first-run screen shows). */
export type DesktopConnection = { mode: 'ask' } | { mode: 'local' } | { mode: 'server'; address: string; fingerprint: string };

/** The link to the server; always `online` for the local database. */
export type LinkState = { state: 'online' } | { state: 'offline'; message: string; since: string };

export type DesktopAnswer<T> = { ok: true; value: T } | { ok: false; message: string };

export interface DesktopBridge {
  connection(): Promise<DesktopConnection & { link: LinkState }>;
  /** Connects once and reads the server's certificate fingerprint, sending nothing else. */
  checkServer(address: string): Promise<DesktopAnswer<{ address: string; fingerprint: string }>>;
  useLocal(): Promise<DesktopAnswer<null>>;
  /** Pins `fingerprint` (the one the clerk confirmed) for `address`; refused if the server now shows another. */
  useServer(address: string, fingerprint: string): Promise<DesktopAnswer<null>>;
  onLink(listener: (s: LinkState) => void): () => void;
}
