import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { CoreContext } from '../../context';
import type { HostServices } from '../host';
import type { reportingCalls } from '../../../../shared/contract/reporting-calls';
import { BPJS_LIST_LIMIT, type PendingRowDto } from '../../../../shared/contract/reporting-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { SigapError } from '../../../../shared/errors';
import {
  applyKpjImport, cancelBatch, copyProfile, deleteProfile, editProfile, exportBatch, getBatch, listBatches, listProfiles, preflight,
  previewKpjImport, profileFromTemplate, reconcileBill, regenerateBatch, reportEnv, resolveProfile, sigapBilledLines, type KpjImportPreview,
} from '../../bpjs/index';
import { pendingPage } from '../../bpjs/pending-page';
import { listInvoices } from '../../billing/index';
import { batchDto, exportResultDto, kpjPreviewDto, personProblemsDto, profileDto, reconcileDto } from './reporting-dto';

type Names = keyof typeof reportingCalls;
export type ReportingHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

const token = () => randomBytes(16).toString('hex');

type FileDialog = { title: string; filters: { name: string; extensions: string[] }[] };
const FILE_DIALOGS: Record<'template' | 'kpj' | 'bill', FileDialog> = {
  template: { title: 'Pilih templat kosong dari kantor cabang BPJS', filters: [{ name: 'Templat Excel', extensions: ['xlsx', 'xlsm'] }] },
  kpj: { title: 'Pilih daftar peserta dari kantor cabang BPJS', filters: [{ name: 'Excel atau CSV', extensions: ['xlsx', 'xlsm', 'csv'] }] },
  bill: { title: 'Pilih rincian tagihan dari kantor cabang BPJS', filters: [{ name: 'Excel atau CSV', extensions: ['xlsx', 'xlsm', 'csv'] }] },
};

const NO_NPP = 'NPP pemberi kerja belum diisi. Isi NPP di Pengaturan > Profil Pemda sebelum membuat berkas untuk BPJS.';

/** The reporting calls, implemented on the core. */
export function reportingHandlers(ctx: CoreContext, host: HostServices): ReportingHandlers {
  // Files chosen through the dialog, by token: the renderer never names a path itself.
  const files = new Map<string, { path: string; purpose: keyof typeof FILE_DIALOGS }>();
  const kpjPreviews = new Map<string, KpjImportPreview>();
  const chosen = (t: string, purpose: keyof typeof FILE_DIALOGS): string => {
    const f = files.get(t);
    if (!f || f.purpose !== purpose) throw new SigapError('NOT_FOUND', 'Berkas belum dipilih atau sudah kedaluwarsa. Pilih berkas lagi.');
    return f.path;
  };

  return {
    'bpjs.preflight': async () => {
      const r = await preflight(ctx);
      return {
        asOf: r.asOf, npp: r.npp, awaitingKpj: r.awaitingKpj,
        kinds: r.kinds.map((k) => ({
          kind: k.kind, pending: k.pending, ready: k.ready, blockedCount: k.blocked.length, warnedCount: k.warned.length,
          blocked: k.blocked.slice(0, BPJS_LIST_LIMIT).map(personProblemsDto), warned: k.warned.slice(0, BPJS_LIST_LIMIT).map(personProblemsDto),
          profileWarnings: k.profileWarnings, requiredMissing: k.requiredMissing,
        })),
      };
    },

    'bpjs.pending': async ({ kind, status = 'all', offset = 0, limit = 100 }) => {
      const page = await pendingPage(ctx, kind, { status, offset, limit });
      const rows = page.rows.map(({ change, status: s, problems }): PendingRowDto => ({
        key: change.key, personId: change.personId, nik: change.nik, name: change.name, kpj: change.kpj, opdCode: change.opdCode, opd: change.opdName,
        position: change.position, wage: change.reportedWage, previousWage: change.previousWage, startDate: change.startDate, endDate: change.endDate,
        endReason: change.endReason, status: s, problems, npp: change.npp ?? page.env.npp,
      }));
      return { total: page.total, counts: page.counts, rows };
    },

    'bpjs.profiles': async () => (await listProfiles(ctx)).map(profileDto),

    'bpjs.export': async ({ kind, profile, includeIncomplete, villageFunding }) => {
      // Everything that can be refused is checked before the clerk is asked for a folder.
      const env = await reportEnv(ctx, villageFunding ? { villageFunding } : {});
      if (!env.npp) throw new SigapError('INVALID_INPUT', NO_NPP);
      await resolveProfile(ctx, kind, profile);
      const folder = await host.chooseFolder({ title: 'Pilih folder untuk berkas unggahan BPJS' });
      if (!folder) return null;
      host.progress({ task: 'bpjs.export', phase: 'Memeriksa data', done: 0, total: null });
      const r = await exportBatch(ctx, {
        kind, outDir: folder, includeIncomplete: Boolean(includeIncomplete),
        ...(profile ? { profile } : {}), ...(villageFunding ? { villageFunding } : {}),
        onProgress: (done, total) => host.progress({ task: 'bpjs.export', phase: 'Menulis berkas', done, total }),
      });
      return exportResultDto(r, folder);
    },

    'bpjs.batches': async () => (await listBatches(ctx)).map(batchDto),

    'bpjs.batch': async ({ batchId }) => {
      const b = await getBatch(ctx, batchId);
      return { ...batchDto(b), itemCount: b.items.length, items: b.items.slice(0, BPJS_LIST_LIMIT) };
    },

    'bpjs.batchCancel': async ({ batchId, reason }) => batchDto(await cancelBatch(ctx, batchId, reason)),

    'bpjs.batchRegenerate': async ({ batchId }) => {
      await getBatch(ctx, batchId); // an unknown batch is refused before the dialog
      const folder = await host.chooseFolder({ title: 'Pilih folder untuk menulis ulang berkas batch' });
      if (!folder) return null;
      const files = await regenerateBatch(ctx, batchId, folder);
      return { folder, files: files.map((f) => ({ seq: f.seq, name: f.name, rows: f.rows, sha256: f.sha256, bytes: f.bytes, path: f.path, identical: f.identical })) };
    },

    'bpjs.chooseFile': async ({ purpose }) => {
      const path = await host.chooseOpenFile(FILE_DIALOGS[purpose]);
      if (!path) return null;
      const t = token();
      files.set(t, { path, purpose });
      return { token: t, name: basename(path), size: statSync(path).size };
    },

    'bpjs.profileFromTemplate': async ({ token: t, name, kind }) => {
      const r = await profileFromTemplate(ctx, chosen(t, 'template'), { name, ...(kind ? { kind } : {}) });
      return { profile: profileDto(r.profile), unknownHeaders: r.unknownHeaders, missingHeaders: r.missingHeaders, sheet: r.sheet, headerRow: r.headerRow };
    },

    'bpjs.profileEdit': async ({ name, sheetName, map, drop, set, rowsPerFile, require }) =>
      profileDto(await editProfile(ctx, name, { ...(sheetName ? { sheetName } : {}), ...(map ? { map } : {}), ...(drop ? { drop } : {}), ...(set ? { set } : {}), ...(rowsPerFile !== undefined ? { rowsPerFile } : {}), ...(require ? { require } : {}) })),

    'bpjs.profileCopy': async ({ from, name }) => profileDto(await copyProfile(ctx, from, name)),

    'bpjs.profileDelete': async ({ name }) => {
      await deleteProfile(ctx, name);
      return null;
    },

    'bpjs.importKpjPreview': async ({ token: t }) => {
      const pv = await previewKpjImport(ctx, chosen(t, 'kpj'));
      const id = token();
      kpjPreviews.clear(); // one import at a time: a new preview replaces the old one
      kpjPreviews.set(id, pv);
      return await kpjPreviewDto(ctx, id, pv);
    },

    'bpjs.importKpjApply': async ({ previewId }) => {
      const pv = kpjPreviews.get(previewId);
      if (!pv) throw new SigapError('NOT_FOUND', 'Pratinjau sudah kedaluwarsa. Baca ulang berkas daftar peserta.');
      const r = await applyKpjImport(ctx, pv);
      kpjPreviews.delete(previewId);
      return r;
    },

    'bpjs.reconcile': async ({ token: t, month }) => {
      const path = chosen(t, 'bill');
      const r = await reconcileBill(ctx, path, month, await sigapBilledLines(ctx, month));
      return reconcileDto(ctx, r, (await listInvoices(ctx, { month, status: 'issued' })).length);
    },
  };
}
