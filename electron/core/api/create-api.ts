import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { storeOf } from '../store/of-context';
import { activePersonsByOpd, rosterCounts } from '../roster/counts-repository';
import { logoDataUrl } from '../settings/logo-file';
import { SigapError } from '../../../shared/errors';
import type { Handlers } from './dispatch';
import type { HostServices } from './host';
import { queryRoster } from '../roster/query';
import { listCategories, listOpds } from '../roster/units';
import { deleteUnitAlias, listUnitAliases, saveUnitAlias } from '../roster/unit-aliases';
import { categoryInfos, employerJkkClass, saveCategory } from '../roster/categories';
import { createPerson, endEngagement, updatePerson } from '../roster/person';
import { personDetail } from '../roster/detail';
import { dashboardSummary, listDecrees } from '../roster/overview';
import { getEmployer, saveEmployer, saveOpd } from '../settings/employer';
import { exportRoster } from '../roster/export';
import { previewSk, applyImport, type Preview } from '../skimport/index';
import { previewDto } from '../skimport/preview-view';
import { sheetHeads } from '../skimport/read';
import { writeProblemRows } from '../skimport/problems-file';
import { writeSkTemplate } from '../skimport/template';
import { autoBackup } from '../backup/auto';
import { billingHandlers } from './handlers/billing-handlers';
import { reportingHandlers } from './handlers/reporting-handlers';
import { reportingFillHandlers } from './handlers/reporting-fill-handlers';
import { securityHandlers } from './handlers/security-handlers';
import { printHandlers } from './handlers/print-handlers';
import { coverageHandlers } from './handlers/coverage-handlers';
import { bpjsPaymentHandlers } from './handlers/bpjs-payment-handlers';
import { registrationHandlers } from './handlers/registration-handlers';
import { personBillingHandlers } from './handlers/person-billing-handlers';
import { decreeHandlers } from './handlers/decree-handlers';
import { scrubReplyForRole } from '../private-text';
import { rosterBulkHandlers } from './handlers/roster-bulk-handlers';
import { filesHandlers } from './handlers/files-handlers';
import { personHandlers } from './handlers/person-handlers';
import { SavedFiles, withFileId } from '../files/saved-files';

const token = () => randomBytes(16).toString('hex');

/**
 * Every bridge call, implemented on the core. Electron's main process and the E2E harness both use this.
 * For a caller that may not see identity, each reply's free text about a person loses that person's
 * private values (private-text.ts); the bridge then masks the rest (shared/mask.ts, dispatch.ts).
 */
export function createApi(ctx: CoreContext, host: HostServices): Handlers {
  // Written files by id, so a reply's `fileId` can be revealed later without the renderer naming a path.
  const saved = new SavedFiles();
  const handlers = coreHandlers(ctx, host, saved);
  const scrubbed = {} as Record<string, (input: unknown) => unknown>;
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown) => unknown][]) {
    scrubbed[name] = async (input) => {
      // Read before the call: a sign-in or sign-out during an awaited call must not change this reply.
      const masked = ctx.seesIdentity === false;
      const value = withFileId(await handler(input), saved);
      return masked ? await scrubReplyForRole(ctx, value) : value;
    };
  }
  return scrubbed as unknown as Handlers;
}

function coreHandlers(ctx: CoreContext, host: HostServices, saved: SavedFiles): Handlers {
  const files = new Map<string, string>();
  const previews = new Map<string, { preview: Preview; path: string }>();
  const chosenPath = (t: string): string => {
    const path = files.get(t);
    if (!path) throw new SigapError('NOT_FOUND', 'Berkas belum dipilih atau sudah kedaluwarsa. Pilih berkas lagi.');
    return path;
  };
  const SHEETS = [{ name: 'Lampiran SK (Excel atau CSV)', extensions: ['xlsx', 'xlsm', 'csv'] }];

  return {
    'app.info': async () => ({
      version: host.appVersion,
      today: await todayIso(ctx),
      employer: await getEmployer(ctx),
      counts: await rosterCounts(storeOf(ctx)),
    }),
    'dashboard.summary': async ({ month }) => await dashboardSummary(ctx, month),
    'roster.list': async (f) => await queryRoster(ctx, { ...f, limit: f.limit ?? 200 }),
    'roster.saveXlsx': async ({ columns, ...filter }) => {
      const path = await host.chooseSaveFile({ title: 'Simpan daftar pegawai', defaultName: `daftar-pegawai-${filter.month}.xlsx`, filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
      if (!path) return null;
      return { path, rows: await exportRoster(ctx, filter, columns ?? [], path) };
    },
    'roster.options': async () => ({
      opds: (await listOpds(ctx)).map((o) => ({ id: o.id, code: o.code, name: o.name, kind: o.kind })),
      categories: (await listCategories(ctx)).map((c) => ({ id: c.id, name: c.name, segment: c.segment, programs: c.programs })),
      today: await todayIso(ctx),
    }),
    'person.get': async ({ personId }) => await personDetail(ctx, personId),
    'person.create': async ({ person, engagement }) => await createPerson(ctx, person, engagement),
    'person.update': async ({ personId, person }) => {
      await updatePerson(ctx, personId, person);
      return null;
    },
    'engagement.end': async ({ engagementId, endDate, reason }) => {
      await endEngagement(ctx, engagementId, endDate, reason);
      return null;
    },
    'decree.list': async () => await listDecrees(ctx, await todayIso(ctx)),
    'sk.chooseFile': async () => {
      const path = await host.chooseOpenFile({ title: 'Pilih lampiran SK', filters: SHEETS });
      if (!path) return null;
      const t = token();
      files.set(t, path);
      return { token: t, name: basename(path), size: statSync(path).size };
    },
    'sk.inspect': async ({ token: t }) => {
      const path = chosenPath(t);
      return { sheets: await sheetHeads(path, basename(path)) };
    },
    'sk.preview': async ({ token: t, categoryId, ...rest }) => {
      const path = chosenPath(t);
      const category = categoryId === undefined ? undefined : (await listCategories(ctx)).find((c) => c.id === categoryId)?.name;
      const pv = await previewSk(ctx, {
        path,
        label: basename(path),
        ...rest,
        ...(category ? { category } : {}),
        onReadProgress: (done) => host.progress({ task: 'sk.preview', phase: 'Membaca berkas', done, total: null }),
      });
      const id = token();
      previews.clear(); // one wizard at a time; a new preview replaces the old one
      previews.set(id, { preview: pv, path });
      return previewDto(id, pv);
    },
    'sk.apply': async ({ previewId, skipInvalid, units, createUnits, acceptProposals }) => {
      const p = previews.get(previewId);
      if (!p) throw new SigapError('NOT_FOUND', 'Pratinjau sudah kedaluwarsa. Baca ulang berkas.');
      if (host.backupDir) {
        host.progress({ task: 'sk.apply', phase: 'Mencadangkan basis data', done: 0, total: null });
        await autoBackup(ctx, host.backupDir, 'sebelum-sk');
      }
      const res = await applyImport(ctx, p.preview, {
        skipInvalid: Boolean(skipInvalid),
        // The clerk's unit decisions from the wizard's Unit kerja section.
        ...(units ? { units } : {}),
        createUnits: Boolean(createUnits),
        acceptProposals: Boolean(acceptProposals),
        onProgress: (done, total) => host.progress({ task: 'sk.apply', phase: 'Menyimpan', done, total }),
      });
      previews.delete(previewId);
      return res;
    },
    'sk.saveProblems': async ({ previewId }) => {
      const p = previews.get(previewId);
      if (!p) throw new SigapError('NOT_FOUND', 'Pratinjau sudah kedaluwarsa. Baca ulang berkas.');
      const out = await host.chooseSaveFile({ title: 'Simpan baris bermasalah', defaultName: `masalah-${basename(p.path).replace(/\.(xlsx|xlsm|csv)$/i, '')}.xlsx`, filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
      if (!out) return null;
      return { path: out, rows: await writeProblemRows(p.path, p.preview, out) };
    },
    'sk.saveTemplate': async () => {
      const out = await host.chooseSaveFile({ title: 'Simpan templat lampiran SK', defaultName: 'templat-lampiran-sk.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
      if (!out) return null;
      await writeSkTemplate(out, { pemda: (await getEmployer(ctx))?.name ?? null });
      return { path: out };
    },
    'settings.employer': async () => await getEmployer(ctx),
    'settings.saveEmployer': async (e) => {
      await saveEmployer(ctx, e);
      return null;
    },
    'settings.chooseLogo': async () => {
      const path = await host.chooseOpenFile({ title: 'Pilih logo Pemda', filters: [{ name: 'Gambar', extensions: ['png', 'jpg', 'jpeg'] }] });
      return path ? await logoDataUrl(path) : null;
    },
    'opd.list': async () => {
      const active = await activePersonsByOpd(storeOf(ctx), await todayIso(ctx));
      return (await listOpds(ctx)).map((o) => ({
        id: o.id, code: o.code, name: o.name, kind: o.kind, budgetAccount: o.budget_account, address: o.address,
        headName: o.head_name, headNip: o.head_nip, headTitle: o.head_title, pptkName: o.pptk_name, pptkNip: o.pptk_nip,
        treasurerName: o.treasurer_name, treasurerNip: o.treasurer_nip, active: active.get(o.id) ?? 0, registrationId: o.registration_id,
      }));
    },
    'opd.save': async (o) => ({ id: await saveOpd(ctx, { ...o, headNip: o.headNip || null, pptkNip: o.pptkNip || null, treasurerNip: o.treasurerNip || null }) }),
    'opd.aliases': async () => (await listUnitAliases(ctx)).map(({ aliasKey: _k, ...a }) => a),
    // The alias's checks (taken, unit exists) and its write under one write lock.
    'opd.saveAlias': async ({ alias, opdId }) => ({ id: await storeOf(ctx).tx('write', async () => (await saveUnitAlias(ctx, alias, opdId)).id) }),
    'opd.deleteAlias': async ({ id }) => {
      await storeOf(ctx).tx('write', async () => await deleteUnitAlias(ctx, id));
      return null;
    },
    'category.list': async () => ({ employerJkkClass: await employerJkkClass(ctx), categories: await categoryInfos(ctx) }),
    'category.save': async (c) => await saveCategory(ctx, c),
    ...billingHandlers(ctx, host),
    ...reportingHandlers(ctx, host),
    ...reportingFillHandlers(ctx),
    ...securityHandlers(ctx, host),
    ...printHandlers(ctx, host),
    ...coverageHandlers(ctx, host),
    ...bpjsPaymentHandlers(ctx, host),
    ...registrationHandlers(ctx),
    ...personBillingHandlers(ctx),
    ...decreeHandlers(ctx, host),
    ...rosterBulkHandlers(ctx),
    ...filesHandlers(saved, host),
    ...personHandlers(ctx, host),
  };
}
