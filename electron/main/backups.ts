import type { App } from 'electron';
import type { ShutdownResult } from '../core/worker/worker-client';

/** How long quitting waits for the core worker's backup on quit before giving up on it. */
export const SHUTDOWN_TIMEOUT_MS = 20_000;

/**
 * Quitting waits for the core worker: it makes the backup on quit and closes the database (main never
 * opens the database itself; daily backups run in the worker too). `will-quit` is held back until the
 * worker answers or the timeout passes, then the app quits for real.
 */
export function quitAfterCoreShutdown(
  app: Pick<App, 'on' | 'quit'>,
  core: { shutdown(timeoutMs?: number): Promise<ShutdownResult> },
  log: (msg: string, e?: unknown) => void,
  timeoutMs = SHUTDOWN_TIMEOUT_MS,
): void {
  let done = false;
  let waiting = false;
  app.on('will-quit', (event) => {
    if (done) return;
    event.preventDefault();
    if (waiting) return;
    waiting = true;
    core
      .shutdown(timeoutMs)
      .then(
        (r) => {
          if (!r.ok) log(`core shutdown: ${r.reason}: ${r.message}`);
        },
        (e: unknown) => log('core shutdown failed', e),
      )
      .finally(() => {
        done = true;
        app.quit();
      });
  });
}
