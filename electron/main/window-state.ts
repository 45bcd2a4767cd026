import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Rectangle } from 'electron';

/** The main window's last place, in `<user data>/window-state.json`. */
export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const windowStatePath = (userData: string): string => join(userData, WINDOW_STATE_FILE);

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The saved state, or null when there is none or it is not ours (a hand-edited or cut-off file). */
export function readWindowState(file: string): WindowState | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    if (![v.x, v.y, v.width, v.height].every(isInt) || typeof v.maximized !== 'boolean') return null;
    return { x: v.x!, y: v.y!, width: v.width!, height: v.height!, maximized: v.maximized };
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, s: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(s));
  renameSync(tmp, file); // a crash mid-write leaves the old file, never half a one
}

/** At least this much of the title bar must lie on a display for the saved place to be used. */
const MIN_VISIBLE = 100;

/**
 * The bounds to open with: the saved ones only if the window's top edge is on a display that is there
 * today (a laptop taken off its second monitor must not open Sigap off-screen), clamped to the minimum
 * size; otherwise none (Electron centres the default size).
 */
export function restoredBounds(s: WindowState | null, workAreas: Rectangle[], min = { width: 1024, height: 640 }): Rectangle | null {
  if (!s) return null;
  const bounds = { x: s.x, y: s.y, width: Math.max(s.width, min.width), height: Math.max(s.height, min.height) };
  const onScreen = workAreas.some((a) => {
    const overlapX = Math.min(bounds.x + bounds.width, a.x + a.width) - Math.max(bounds.x, a.x);
    const topInside = bounds.y >= a.y && bounds.y < a.y + a.height - 20;
    return overlapX >= MIN_VISIBLE && topInside;
  });
  return onScreen ? bounds : null;
}

interface TrackedWindow {
  on(event: 'close', listener: () => void): unknown;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  getNormalBounds(): Rectangle;
}

/** Saves the window's normal (unmaximized) bounds and whether it was maximized when it closes. */
export function trackWindowState(win: TrackedWindow, file: string, onError: (e: unknown) => void = () => undefined): void {
  win.on('close', () => {
    try {
      const b = win.getNormalBounds();
      writeWindowState(file, { ...b, maximized: win.isMaximized() || win.isFullScreen() });
    } catch (e) {
      onError(e);
    }
  });
}
