/**
 * The desktop's own dialogs for the server client: the file to upload is chosen with the open dialog,
 * the files a call made on the server are saved where the clerk chooses (one file: the save dialog with
 * its name; several: a folder), a PDF to look at opens in Sigap's PDF window. Electron is passed in.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Dialog } from 'electron';
import type { ReceivedFile, RemoteHost } from '../remote/remote-client';

export interface RemoteHostDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  showPdf(bytes: Uint8Array, title: string): Promise<void>;
}

export function desktopRemoteHost(d: RemoteHostDeps): RemoteHost {
  return {
    chooseOpenFile: async ({ title, filters }) => {
      const r = await d.dialog.showOpenDialog({ title, filters, properties: ['openFile'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    readFile: (p) => readFile(p),
    receiveFiles: async (_call, files) => {
      const saved: string[] = [];
      const toKeep: ReceivedFile[] = [];
      for (const f of files) {
        if (f.inline) await d.showPdf(f.bytes, f.name);
        else toKeep.push(f);
      }
      if (toKeep.length === 1) {
        const f = toKeep[0]!;
        const r = await d.dialog.showSaveDialog({ title: 'Simpan berkas dari server', defaultPath: f.name });
        if (!r.canceled && r.filePath) {
          await writeFile(r.filePath, f.bytes);
          saved.push(r.filePath);
        }
      } else if (toKeep.length > 1) {
        const r = await d.dialog.showOpenDialog({ title: `Pilih folder untuk ${toKeep.length} berkas dari server`, properties: ['openDirectory', 'createDirectory'] });
        const dir = r.canceled ? null : r.filePaths[0];
        if (dir) {
          for (const f of toKeep) {
            // The server gives names only; basename keeps a name from ever leaving the chosen folder.
            const p = join(dir, basename(f.name));
            await writeFile(p, f.bytes);
            saved.push(p);
          }
        }
      }
      return saved;
    },
  };
}
