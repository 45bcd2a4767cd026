import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { CoreContext } from '../../context';
import type { HostServices } from '../host';
import type { personCalls, CompletionPreviewDto } from '../../../../shared/contract/person-calls';
import { COMPLETION_LIST_LIMIT } from '../../../../shared/contract/person-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { SigapError } from '../../../../shared/errors';
import { letterToken } from '../../files/saved-files';
import { autoBackup } from '../../backup/auto';
import { unitsWithPeople, writeCompletionWorkbooks } from '../../roster/completion-workbook';
import { applyCompletion, previewCompletion, refuseUnconfirmed, type CompletionPreview } from '../../roster/completion-import';

type Names = keyof typeof personCalls;
export type PersonHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** What crosses the bridge: long lists cut to COMPLETION_LIST_LIMIT, counts whole, the NIK list kept here. */
export function completionPreviewDto(previewId: string, pv: CompletionPreview): CompletionPreviewDto {
  const cut = <T,>(xs: T[]) => xs.slice(0, COMPLETION_LIST_LIMIT);
  return {
    previewId, file: pv.file, sheets: pv.sheets, rowsRead: pv.rowsRead, matched: pv.matched, unchanged: pv.unchanged,
    fieldsChanged: pv.fieldsChanged, errors: pv.errors,
    counts: { people: pv.people.length, unknown: pv.unknown.length, conflicts: pv.conflicts.length, problems: pv.problems.length },
    people: cut(pv.people), unknown: cut(pv.unknown), conflicts: cut(pv.conflicts), problems: cut(pv.problems),
  };
}

/** Lengkapi data pegawai: workbooks out, a filled file in; the preview is held in the core and applied by its id. */
export function personHandlers(ctx: CoreContext, host: HostServices): PersonHandlers {
  const files = new Map<string, string>();
  // One completion at a time, like the SK wizard: a new preview replaces the old one.
  const previews = new Map<string, CompletionPreview>();
  return {
    'person.completion.template': async ({ opdIds, all }) => {
      const ids = all ? await unitsWithPeople(ctx) : (opdIds ?? []);
      if (ids.length === 0) throw new SigapError('INVALID_INPUT', all ? 'Belum ada unit kerja dengan pegawai aktif.' : 'Pilih paling sedikit satu unit kerja.');
      const folder = await host.chooseFolder({ title: 'Pilih folder untuk berkas Lengkapi data pegawai' });
      if (!folder) return null;
      const written = await writeCompletionWorkbooks(ctx, ids, folder);
      return { folder, files: written.map((f) => ({ ...f, name: basename(f.path) })) };
    },
    'person.completion.chooseFile': async () => {
      const path = await host.chooseOpenFile({
        title: 'Pilih berkas isian data pegawai',
        filters: [{ name: 'Lembar kerja (Excel, LibreOffice, CSV)', extensions: ['xlsx', 'xls', 'ods', 'csv'] }],
      });
      if (!path) return null;
      const token = randomBytes(16).toString('hex');
      files.set(token, path);
      return { token, name: basename(path), size: statSync(path).size };
    },
    'person.completion.preview': async ({ token }) => {
      const path = files.get(token);
      if (!path) throw new SigapError('NOT_FOUND', 'Berkas belum dipilih atau sudah kedaluwarsa. Pilih berkas lagi.');
      const pv = await previewCompletion(ctx, path, {
        onProgress: (done) => host.progress({ task: 'person.completion.preview', phase: 'Membaca berkas', done, total: null }),
      });
      const id = letterToken();
      previews.clear();
      previews.set(id, pv);
      return completionPreviewDto(id, pv);
    },
    'person.completion.apply': async ({ previewId, skipInvalid }) => {
      const pv = previews.get(previewId);
      if (!pv) throw new SigapError('NOT_FOUND', 'Pratinjau sudah kedaluwarsa. Pilih berkasnya lagi.');
      refuseUnconfirmed(pv, { skipInvalid: skipInvalid ?? false });
      // Thousands of people may change at once: the roster as it was stays a restore away, as before an SK.
      if (host.backupDir && pv.people.length > 0) {
        host.progress({ task: 'person.completion.apply', phase: 'Mencadangkan basis data', done: 0, total: null });
        await autoBackup(ctx, host.backupDir, 'otomatis');
      }
      const applied = await applyCompletion(ctx, pv, { skipInvalid: skipInvalid ?? false });
      previews.delete(previewId);
      return applied;
    },
  };
}
