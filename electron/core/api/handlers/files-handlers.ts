import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { HostServices } from '../host';
import type { filesCalls } from '../../../../shared/contract/files-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { SigapError } from '../../../../shared/errors';
import type { SavedFiles } from '../../files/saved-files';

type Names = keyof typeof filesCalls;
export type FilesHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** "Buka folder": the host shows a file the core wrote, found by its id (saved-files.ts). */
export function filesHandlers(saved: SavedFiles, host: HostServices): FilesHandlers {
  return {
    'files.reveal': async ({ fileId }) => {
      const path = saved.pathOf(fileId);
      if (!path) throw new SigapError('NOT_FOUND', 'Berkas ini tidak dikenal lagi (aplikasi sudah dimulai ulang). Buka foldernya lewat penjelajah berkas.');
      if (!existsSync(path)) throw new SigapError('NOT_FOUND', `Berkas ${basename(path)} sudah tidak ada di foldernya (dipindahkan atau dihapus).`);
      await host.showInFolder(path);
      return null;
    },
  };
}
