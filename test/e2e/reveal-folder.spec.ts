/**
 * "Buka folder" beyond the roster: a backup on a flash disk and the automatic backup folder. Each time
 * the core asks the host to show exactly what it wrote (sigap.revealed); the page sends only an opaque id
 * (the contract refuses anything else: test/unit/files-reveal.test.ts).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness';
import { seedDemo } from '../../electron/core/demo/index';

test.describe('backups', () => {
  test.use({ sigapBackups: true });

  test('a backup on a flash disk, then the automatic backup folder', async ({ page, sigap }) => {
    await seedDemo(sigap.ctx, { persons: 10, year: 2026 });
    await sigap.open('/pengaturan');
    await page.getByRole('tab', { name: 'Cadangan' }).click();
    // One automatic-folder backup first, so that folder exists.
    await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    await expect(page.getByTestId('backup-table')).toContainText('Dibuat manual');
    const usb = join(sigap.dir, 'FLASHDISK');
    mkdirSync(usb);
    sigap.folderQueue.push(usb);
    await page.getByRole('button', { name: 'Cadangkan ke flashdisk…' }).click();
    await page.getByRole('dialog', { name: 'Cadangkan ke folder' }).getByRole('button', { name: 'Buat cadangan' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Cadangan dibuat' });
    await expect(notice).toContainText('FLASHDISK');
    const written = join(usb, readdirSync(usb)[0]!);
    // The notice's button, then the one beside the automatic folder (under the list).
    await notice.getByRole('button', { name: 'Buka folder' }).click();
    await expect.poll(() => sigap.revealed).toEqual([written]);
    await page.locator('.backup-folder').getByRole('button', { name: 'Buka folder' }).click();
    await expect.poll(() => sigap.revealed).toEqual([written, sigap.backupDir]);
  });
});
