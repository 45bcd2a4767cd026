import { DESKTOP_GLOBAL, type DesktopBridge } from '../../../shared/desktop-connection';

/** The desktop app's `window.sigapDesktop`; null in a browser (the server's own page needs no choice). */
export function desktopBridge(): DesktopBridge | null {
  return (window as unknown as Record<string, DesktopBridge | undefined>)[DESKTOP_GLOBAL] ?? null;
}

/** A SHA-256 fingerprint in lines of eight pairs, easier to compare with the IT office's sheet. */
export function fingerprintLines(fp: string): string[] {
  const pairs = fp.split(':');
  const lines: string[] = [];
  for (let i = 0; i < pairs.length; i += 8) lines.push(pairs.slice(i, i + 8).join(' '));
  return lines;
}
