import type { App } from 'electron';
import type { CoreContext } from '../core/context';
import { autoBackup, backupDue } from '../core/backup/auto';

/**
 * Daily backups while the app runs (checked every hour, so a laptop that sleeps catches up) and one on
 * quit. Quitting waits for the backup, then quits for real.
 */
export function scheduleBackups(app: Pick<App, 'on' | 'quit'>, ctx: CoreContext, dir: string, log: (msg: string, e?: unknown) => void): () => void {
  const daily = async () => {
    if (!backupDue(dir, ctx.clock())) return;
    try {
      await autoBackup(ctx, dir, 'harian');
    } catch (e) {
      log('daily backup failed', e);
    }
  };
  void daily();
  const timer = setInterval(() => void daily(), 3600_000);
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    clearInterval(timer);
    autoBackup(ctx, dir, 'keluar')
      .catch((e) => log('backup on quit failed', e))
      .finally(() => app.quit());
  });
  return () => clearInterval(timer);
}
