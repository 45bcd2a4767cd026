import { randomBytes } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { HostServices } from '../host';
import type { decreeCalls } from '../../../../shared/contract/decree-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { SigapError } from '../../errors';
import { writeBytesOwnerOnly } from '../../files/parts';
import { decreeRecords } from '../../decree/records';
import { attachScan, readScan, readScanFile, scanFileName, type ScanFile } from '../../decree/scan-store';
import { SCAN_EXTENSION } from '../../decree/scan-check';
import { planUndo } from '../../decree/undo-check';
import { undoDecree } from '../../decree/undo';
import { autoBackup } from '../../backup/auto';

type Names = keyof typeof decreeCalls;
export type DecreeHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

const SCAN_FILTERS = [{ name: 'Pindaian SK (PDF, JPEG, PNG)', extensions: ['pdf', 'jpg', 'jpeg', 'png'] }];

/** Decree records: the signed SK's scan (attach, view, save) and withdrawing an applied SK. */
export function decreeHandlers(ctx: CoreContext, host: HostServices): DecreeHandlers {
  // A scan chosen in the wizard before its SK exists: held here, checked, until the SK is applied.
  const chosen = new Map<string, ScanFile>();
  const pick = async (): Promise<ScanFile | null> => {
    const path = await host.chooseOpenFile({ title: 'Pilih pindaian SK yang ditandatangani', filters: SCAN_FILTERS });
    return path ? readScanFile(path) : null;
  };
  return {
    'decree.records': () => decreeRecords(ctx),
    'decree.chooseScan': async () => {
      const file = await pick();
      if (!file) return null;
      const token = randomBytes(16).toString('hex');
      chosen.clear(); // one wizard at a time
      chosen.set(token, file);
      return { token, name: file.name, size: file.bytes.length, mediaType: file.mediaType };
    },
    'decree.attachScan': async ({ decreeId, token }) => {
      let file: ScanFile | null;
      if (token) {
        file = chosen.get(token) ?? null;
        if (!file) throw new SigapError('NOT_FOUND', 'Pindaian yang dipilih sudah kedaluwarsa. Pilih berkasnya lagi.');
        chosen.delete(token);
      } else {
        file = await pick();
      }
      return file ? await attachScan(ctx, decreeId, file) : null;
    },
    'decree.viewScan': async ({ decreeId }) => {
      const scan = await readScan(ctx, decreeId);
      const name = scanFileName(scan);
      if (scan.mediaType !== 'application/pdf') {
        return { kind: 'image', mediaType: scan.mediaType, name, dataUrl: `data:${scan.mediaType};base64,${scan.bytes.toString('base64')}` };
      }
      if (!host.showPdf) throw new SigapError('INVALID_INPUT', 'Penampil PDF tidak tersedia di sini. Unduh pindaiannya dan buka dengan pembaca PDF.');
      await host.showPdf(new Uint8Array(scan.bytes), `Pindaian SK ${scan.number}`);
      return { kind: 'pdf', name };
    },
    'decree.saveScan': async ({ decreeId }) => {
      const scan = await readScan(ctx, decreeId);
      const ext = SCAN_EXTENSION[scan.mediaType];
      const path = await host.chooseSaveFile({ title: 'Simpan pindaian SK', defaultName: scanFileName(scan), filters: [{ name: ext.toUpperCase(), extensions: [ext] }] });
      if (!path) return null;
      writeBytesOwnerOnly(path, scan.bytes);
      return { path };
    },
    'decree.undoCheck': async ({ decreeId }) => {
      const plan = await planUndo(ctx, decreeId);
      return { decreeId, number: plan.decree.number, canUndo: plan.blockers.length === 0, blockers: plan.blockers, notes: plan.notes, counts: plan.counts };
    },
    'decree.undo': async ({ decreeId, reason }) => {
      // As before an SK is applied: the roster as it was, a restore away (only when the undo can go ahead).
      if (host.backupDir && (await planUndo(ctx, decreeId)).blockers.length === 0) {
        host.progress({ task: 'decree.undo', phase: 'Mencadangkan basis data', done: 0, total: null });
        await autoBackup(ctx, host.backupDir, 'sebelum-sk');
      }
      return await undoDecree(ctx, decreeId, reason);
    },
  };
}
