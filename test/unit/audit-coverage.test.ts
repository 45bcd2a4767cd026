/**
 * Every writing bridge call leaves an audit row: signed in as the administrator on a small demo
 * Pemda, one happy-path call of each writer, each checked for at least one new audit_log row naming
 * the right kind of data (and the row's id where the call returns one) with the signed-in username
 * as the actor, and no row under anyone else. Every contract call is classified here as a writer
 * (exercised) or not, so a call added later fails this test until it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '../../electron/core/demo/index';
import { CHANNELS, type ChannelName } from '../../shared/contract/index';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { writeKpjList, writeTemplate } from '../fixtures/bpjs-files';
import { dumpStore, testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { auditLog } from '../../electron/core/audit-repository';
import { listDecrees } from '../../electron/core/roster/overview';
import { bridge, testHost, TEST_ADMIN, type TestHost } from '../api-harness';

/** Calls that change nothing in the database (reads, dialogs, previews, files written elsewhere). */
const NOT_WRITERS: Record<string, string> = {
  'app.info': 'read', 'dashboard.summary': 'read', 'roster.list': 'read', 'roster.options': 'read', 'roster.saveXlsx': 'writes a file of the list on screen, not the database', 'person.get': 'read',
  'decree.list': 'read', 'sk.chooseFile': 'dialog', 'sk.inspect': 'read', 'sk.preview': 'preview held in memory',
  'sk.saveProblems': 'writes a file of the rejected rows, not the database', 'sk.saveTemplate': 'writes a blank appendix template, not the database',
  'settings.employer': 'read', 'settings.chooseLogo': 'dialog', 'opd.list': 'read', 'opd.aliases': 'read', 'category.list': 'read',
  'billing.months': 'read', 'billing.arrears': 'read', 'invoice.list': 'read', 'invoice.get': 'read', 'invoice.lines': 'read',
  'invoice.saveXlsx': 'writes a file', 'rates.list': 'read',
  'bpjsPayment.month': 'read', 'bpjsPayment.history': 'read', 'bpjsPayment.readBill': 'dialog; the bill total is held in memory until recorded',
  'bpjs.preflight': 'read', 'bpjs.pending': 'read', 'bpjs.profiles': 'read', 'bpjs.batches': 'read', 'bpjs.batch': 'read',
  'bpjs.batchRegenerate': 'rewrites the batch files from the frozen rows', 'bpjs.chooseFile': 'dialog',
  'bpjs.importKpjPreview': 'preview held in memory', 'bpjs.reconcile': 'read (compares a file)',
  'bpjs.naReasons': 'read', 'bpjs.requiredPeople': 'read', 'bpjs.profileCheck': 'read',
  'auth.status': 'read', 'auth.setup': 'covered by security-first-run (user create under its own name)',
  'auth.login': 'sign-in attempts are audited (security-first-run)', 'auth.logout': 'session only', 'auth.unlock': 'session only',
  'auth.touch': 'session only', 'users.list': 'read',
  'backup.list': 'read', 'backup.chooseFolder': 'dialog', 'backup.chooseFile': 'dialog', 'backup.inspect': 'read',
  'backup.createTo': 'a file in a chosen folder', 'backup.restore': 'replaces the database (security-backup)',
  'audit.list': 'read', 'audit.export': 'writes a file', 'settings.lockMinutes': 'read',
  'print.invoice': 'read', 'print.invoicePdf': 'writes a file', 'print.recap': 'read', 'print.recapPdf': 'writes a file',
  'print.reminder': 'read', 'print.reminderPdf': 'writes a file',
  'coverage.summary': 'read', 'coverage.settings': 'read', 'coverage.report': 'read', 'coverage.reportPdf': 'writes a file',
  'coverage.yearly': 'read', 'coverage.yearlyDoc': 'read', 'coverage.yearlyPdf': 'writes a file', 'coverage.yearlyXlsx': 'writes a file',
  'forecast.run': 'read', 'forecast.doc': 'read', 'forecast.pdf': 'writes a file', 'forecast.xlsx': 'writes a file',
  'registration.list': 'read',
  'incident.list': 'read', 'person.billing': 'read',
  'decree.records': 'read', 'decree.chooseScan': 'dialog (the scan is held in memory until attached)', 'decree.viewScan': 'read (shows the scan)',
  'decree.saveScan': 'writes a file of the scan, not the database', 'decree.undoCheck': 'read',
  'roster.bulkPreview': 'preview held in memory', 'files.reveal': 'shows a written file in its folder',
  'person.completion.template': 'writes workbooks to a chosen folder', 'person.completion.chooseFile': 'dialog', 'person.completion.preview': 'preview held in memory',
};

interface Expect {
  entity: string;
  entityId?: number;
}

let ctx: ReturnType<typeof testContext>;
let host: TestHost;
let api: ReturnType<typeof bridge>;
beforeAll(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  await seedDemo(ctx, { persons: 30, year: 2026 });
  host = testHost();
  host.backupDir = join(ctx.dir, 'cadangan');
  mkdirSync(host.backupDir, { recursive: true });
  api = bridge(ctx, host);
  await api.ready;
});
afterAll(() => ctx.close());

const lastAuditId = async () => (await auditLog.page(storeOf(ctx), {}, 1, 0))[0]?.id ?? 0;

describe('the audit trail covers every writer', () => {
  const exercised: ChannelName[] = [];
  const ids: Record<string, number> = {};
  const folder = (name: string) => {
    const d = join(ctx.dir, name);
    mkdirSync(d, { recursive: true });
    return d;
  };

  /** The writers in an order where each finds what it needs; each returns the audit row it must leave. */
  const WRITERS: [ChannelName, () => Promise<Expect>][] = [
    ['person.create', async () => {
      const opts = await api.ok('roster.options', {});
      const pu = opts.categories.find((c) => c.segment === 'PU')!;
      const r = await api.ok('person.create', {
        person: { nik: '1804015205900002', name: 'Siti Rahma', birthDate: '1990-05-12', sex: 'P' },
        engagement: { opdId: opts.opds[0]!.id, categoryId: pu.id, honor: 1_500_000, startDate: '2026-03-01' },
      });
      ids.person = r.personId;
      ids.engagement = r.engagementId;
      return { entity: 'person', entityId: r.personId };
    }],
    ['person.update', async () => {
      await api.ok('person.update', { personId: ids.person!, person: { nik: '1804015205900002', name: 'Siti Rahmawati', birthDate: '1990-05-12', sex: 'P', motherName: 'Aminah' } });
      return { entity: 'person', entityId: ids.person! };
    }],
    ['person.completion.apply', async () => {
      const file = join(ctx.dir, 'lengkapi.csv');
      writeFileSync(file, 'NIK;Kode pos\n1804015205900002;34812\n');
      host.openQueue.push(file);
      const chosen = (await api.ok('person.completion.chooseFile', {}))!;
      const pv = await api.ok('person.completion.preview', { token: chosen.token });
      await api.ok('person.completion.apply', { previewId: pv.previewId });
      return { entity: 'person', entityId: ids.person! };
    }],
    ['person.addException', async () => {
      const r = await api.ok('person.addException', { personId: ids.person!, fromMonth: '2026-03', jkkClass: 3, reason: 'Tugas lapangan', source: 'SK 1/2026' });
      ids.exception = r.id;
      return { entity: 'person_exception', entityId: r.id };
    }],
    ['person.endException', async () => {
      await api.ok('person.endException', { id: ids.exception!, lastMonth: '2026-06' });
      return { entity: 'person_exception', entityId: ids.exception! };
    }],
    ['roster.bulkApply', async () => {
      const pv = await api.ok('roster.bulkPreview', { selection: { kind: 'ids', personIds: [ids.person!] }, field: 'maritalStatus', value: 'Y' });
      await api.ok('roster.bulkApply', { previewId: pv.previewId });
      return { entity: 'person', entityId: ids.person! };
    }],
    ['engagement.end', async () => {
      await api.ok('engagement.end', { engagementId: ids.engagement!, endDate: '2026-03-31', reason: 'Mengundurkan diri' });
      return { entity: 'engagement', entityId: ids.engagement! };
    }],
    ['sk.apply', async () => {
      const w = await writeMessyAppendix(join(ctx.dir, 'sk.xlsx'), fxPersons(3, ['Dinas Sosial']), { number: '800/99/KPTS/2026', date: '2026-03-01' });
      host.openQueue.push(w.path);
      const chosen = (await api.ok('sk.chooseFile', {}))!;
      const pv = await api.ok('sk.preview', { token: chosen.token, tmt: '2026-03-01', mode: 'amend' });
      await api.ok('sk.apply', { previewId: pv.previewId });
      return { entity: 'decree' };
    }],
    ['decree.attachScan', async () => {
      ids.scanDecree = (await listDecrees(ctx, '2026-03-10')).find((d) => d.number === '800/99/KPTS/2026')!.id;
      host.openQueue.push(join(__dirname, '../fixtures/files/sk-scan.pdf'));
      await api.ok('decree.attachScan', { decreeId: ids.scanDecree });
      return { entity: 'decree_attachment', entityId: ids.scanDecree };
    }],
    ['decree.undo', async () => {
      await api.ok('decree.undo', { decreeId: ids.scanDecree!, reason: 'Lampiran salah unggah' });
      return { entity: 'decree', entityId: ids.scanDecree! };
    }],
    ['settings.saveEmployer', async () => {
      await api.ok('settings.saveEmployer', {
        name: 'Pemerintah Kabupaten Lampung Barat', npp: '18040012', address: 'Liwa', jkkClass: 1,
        signing: { place: 'Liwa', headName: 'Drs. Hendra Wijaya, M.Si.', headNip: '197001011995031002', headTitle: 'Kepala BPKAD' },
      });
      return { entity: 'employer' };
    }],
    ['opd.save', async () => {
      const { id } = await api.ok('opd.save', { code: '99', name: 'Dinas Uji Audit', kind: 'opd', headName: 'Drs. A', headNip: '197001012000011001' });
      return { entity: 'opd', entityId: id };
    }],
    ['opd.saveAlias', async () => {
      const opd = (await api.ok('opd.list', {})).find((o) => o.name === 'Dinas Kesehatan')!;
      const { id } = await api.ok('opd.saveAlias', { alias: 'DINKES', opdId: opd.id });
      ids.alias = id;
      return { entity: 'unit_alias', entityId: id };
    }],
    ['opd.deleteAlias', async () => {
      await api.ok('opd.deleteAlias', { id: ids.alias! });
      return { entity: 'unit_alias', entityId: ids.alias! };
    }],
    ['category.save', async () => {
      const { id } = await api.ok('category.save', { name: 'Perangkat Desa', segment: 'PU', programs: ['JKK', 'JKM'], jkkClass: 1, enrolled: true });
      return { entity: 'category', entityId: id };
    }],
    ['rates.save', async () => {
      await api.ok('rates.save', { key: 'pu.jkm', effectiveMonth: '2027-01', value: 30, source: 'Uji audit', confidence: 'L' });
      return { entity: 'rate_param' };
    }],
    ['rates.delete', async () => {
      await api.ok('rates.delete', { key: 'pu.jkm', effectiveMonth: '2027-01' });
      return { entity: 'rate_param' };
    }],
    ['rates.saveBrackets', async () => {
      await api.ok('rates.saveBrackets', { effectiveMonth: '2027-01', source: 'Uji audit', confidence: 'M', brackets: [{ incomeFrom: 0, declaredIncome: 1_000_000 }, { incomeFrom: 1_500_000, declaredIncome: 1_500_000 }] });
      return { entity: 'bpu_bracket' };
    }],
    ['billing.run', async () => {
      await api.ok('billing.run', { month: '2026-02' });
      return { entity: 'billing_run' };
    }],
    ['invoice.issue', async () => {
      const [first] = (await api.ok('invoice.list', { month: '2026-02' })).rows;
      await api.ok('invoice.issue', { invoiceId: first!.id });
      ids.invoice = first!.id;
      return { entity: 'invoice', entityId: first!.id };
    }],
    ['billing.issueAll', async () => {
      await api.ok('billing.issueAll', { month: '2026-02' });
      return { entity: 'invoice' };
    }],
    ['payment.record', async () => {
      await api.ok('payment.record', { invoiceId: ids.invoice!, sp2d: '00123/SP2D/LS/2026', date: '2026-03-10', amount: 1_000 });
      return { entity: 'payment' };
    }],
    ['bpjsPayment.record', async () => {
      const r = await api.ok('bpjsPayment.record', { month: '2026-02', billTotal: 1_000 });
      return { entity: 'bpjs_payment', entityId: r.id };
    }],
    ['bpjs.export', async () => {
      host.folderQueue.push(folder('unggah'));
      const r = (await api.ok('bpjs.export', { kind: 'new', includeIncomplete: true }))!;
      expect(r.batchId).toBeTruthy();
      ids.batch = r.batchId!;
      return { entity: 'bpjs_batch', entityId: r.batchId! };
    }],
    ['bpjs.batchCancel', async () => {
      await api.ok('bpjs.batchCancel', { batchId: ids.batch!, reason: 'Ditolak portal' });
      return { entity: 'bpjs_batch', entityId: ids.batch! };
    }],
    ['bpjs.importKpjApply', async () => {
      const p = (await storeOf(ctx).one<{ nik: string; name: string }>(sql`SELECT nik, name FROM person WHERE kpj IS NULL ORDER BY id LIMIT 1`))!;
      const list = join(ctx.dir, 'peserta.xlsx');
      await writeKpjList(list, [{ nik: p.nik, name: p.name, kpj: '22222222001', since: '01-03-2026' }]);
      host.openQueue.push(list);
      const file = (await api.ok('bpjs.chooseFile', { purpose: 'kpj' }))!;
      const pv = await api.ok('bpjs.importKpjPreview', { token: file.token });
      expect((await api.ok('bpjs.importKpjApply', { previewId: pv.previewId })).applied).toBe(1);
      return { entity: 'bpjs_kpj_import' };
    }],
    ['bpjs.profileFromTemplate', async () => {
      const tpl = join(ctx.dir, 'templat.xlsx');
      await writeTemplate(tpl, 'TK_BARU_V2', ['NAMA_LENGKAP', 'NIK', 'TGL_LAHIR', 'NAMA_IBU']);
      host.openQueue.push(tpl);
      const file = (await api.ok('bpjs.chooseFile', { purpose: 'template' }))!;
      await api.ok('bpjs.profileFromTemplate', { token: file.token, name: 'Cabang Uji', kind: 'new' });
      return { entity: 'bpjs_profile' };
    }],
    ['bpjs.profileEdit', async () => {
      await api.ok('bpjs.profileEdit', { name: 'Cabang Uji', rowsPerFile: 5000 });
      return { entity: 'bpjs_profile' };
    }],
    ['bpjs.profileCopy', async () => {
      await api.ok('bpjs.profileCopy', { from: 'Cabang Uji', name: 'Cabang Uji Salinan' });
      return { entity: 'bpjs_profile' };
    }],
    ['bpjs.profileDelete', async () => {
      await api.ok('bpjs.profileDelete', { name: 'Cabang Uji' });
      return { entity: 'bpjs_profile' };
    }],
    ['bpjs.saveNaReason', async () => {
      await api.ok('bpjs.saveNaReason', { reason: 'contract_end', code: 'A3', source: 'Templat kantor cabang' });
      return { entity: 'bpjs_na_reason', entityId: 4 };
    }],
    ['bpjs.fillRequired', async () => {
      const p = (await storeOf(ctx).one<{ id: number }>(sql`SELECT id FROM person WHERE marital_status IS NULL ORDER BY id LIMIT 1`))!;
      expect((await api.ok('bpjs.fillRequired', { field: 'maritalStatus', entries: [{ personId: p.id, value: 'Y' }] })).changed).toBe(1);
      return { entity: 'person', entityId: p.id };
    }],
    ['users.create', async () => {
      const r = await api.ok('users.create', { username: 'rina', displayName: 'Rina', role: 'finance' });
      ids.user = r.user.id;
      return { entity: 'user', entityId: r.user.id };
    }],
    ['users.update', async () => {
      await api.ok('users.update', { id: ids.user!, displayName: 'Rina Keuangan', role: 'viewer', active: true });
      return { entity: 'user', entityId: ids.user! };
    }],
    ['users.resetPassword', async () => {
      await api.ok('users.resetPassword', { id: ids.user! });
      return { entity: 'user', entityId: ids.user! };
    }],
    ['auth.changePassword', async () => {
      await api.ok('auth.changePassword', { oldPassword: TEST_ADMIN.password, newPassword: 'sandi-baru-2026' });
      return { entity: 'user' };
    }],
    ['settings.setLockMinutes', async () => {
      await api.ok('settings.setLockMinutes', { minutes: 30 });
      return { entity: 'setting' };
    }],
    ['coverage.saveSettings', async () => {
      await api.ok('coverage.saveSettings', { villageQuota: 5 });
      return { entity: 'setting' };
    }],
    ['registration.save', async () => {
      const r = await api.ok('registration.save', { npp: '18040199', name: 'Pemerintah Desa Sebarus', jkkClass: 1 });
      ids.registration = r.id;
      return { entity: 'employer_registration', entityId: r.id };
    }],
    ['registration.delete', async () => {
      await api.ok('registration.delete', { id: ids.registration! });
      return { entity: 'employer_registration', entityId: ids.registration! };
    }],
    ['incident.save', async () => {
      const p = (await storeOf(ctx).one<{ personId: number }>(sql`SELECT person_id AS "personId" FROM engagement WHERE end_date >= ${'2026-03-01'} ORDER BY id LIMIT 1`))!.personId;
      const r = await api.ok('incident.save', { personId: p, kind: 'accident', date: '2026-03-02', place: 'Kantor' });
      ids.incident = r.id;
      return { entity: 'incident', entityId: r.id };
    }],
    ['incident.report', async () => {
      await api.ok('incident.report', { id: ids.incident!, reportedDate: '2026-03-03' });
      return { entity: 'incident', entityId: ids.incident! };
    }],
    ['backup.create', async () => {
      await api.ok('backup.create', {});
      return { entity: 'backup' };
    }],
  ];

  for (const [name, run] of WRITERS) {
    it(`${name} writes an audit row under the signed-in user`, async () => {
      const before = await lastAuditId();
      const want = await run();
      exercised.push(name);
      const rows = (await auditLog.page(storeOf(ctx), {}, 1_000_000, 0)).filter((r) => r.id > before);
      expect(rows.length, `${name} wrote no audit row`).toBeGreaterThan(0);
      expect(rows.filter((r) => r.entity === want.entity), `${name}: no row for ${want.entity}`).not.toHaveLength(0);
      if (want.entityId !== undefined) expect(rows.some((r) => r.entity === want.entity && r.entityId === want.entityId), `${name}: no row for ${want.entity} ${want.entityId}`).toBe(true);
      expect(new Set(rows.map((r) => r.actor)), `${name}: actor`).toEqual(new Set([TEST_ADMIN.username]));
    });
  }

  it('the file-writing calls named as not writing leave the data as it was', async () => {
    const data = async () => {
      const { audit_log: _audit, ...rest } = await dumpStore(ctx);
      return rest;
    };
    const before = await data();
    host.folderQueue.push(folder('ulang'));
    expect(await api.ok('bpjs.batchRegenerate', { batchId: ids.batch! })).not.toBeNull();
    host.saveQueue.push(join(ctx.dir, 'tagihan.xlsx'));
    expect(await api.ok('invoice.saveXlsx', { invoiceId: ids.invoice! })).not.toBeNull();
    host.saveQueue.push(join(ctx.dir, 'iuran.xlsx'));
    expect(await api.ok('coverage.yearlyXlsx', { year: 2026 })).not.toBeNull();
    host.saveQueue.push(join(ctx.dir, 'rka.xlsx'));
    expect(await api.ok('forecast.xlsx', { year: 2027 })).not.toBeNull();
    host.saveQueue.push(join(ctx.dir, 'pindaian.pdf'));
    expect(await api.ok('decree.saveScan', { decreeId: ids.scanDecree! })).not.toBeNull();
    expect(await data()).toEqual(before);
  });

  it('exercised every writer, and every contract call is either a writer here or named as not writing', () => {
    expect(exercised).toEqual(WRITERS.map(([n]) => n));
    const writers = new Set<string>(WRITERS.map(([n]) => n));
    const unclassified = CHANNELS.filter((c) => !writers.has(c) && !(c in NOT_WRITERS));
    expect(unclassified, 'calls neither exercised as writers nor named as not writing').toEqual([]);
    expect(CHANNELS.filter((c) => writers.has(c) && c in NOT_WRITERS)).toEqual([]);
    expect(Object.keys(NOT_WRITERS).filter((c) => !(CHANNELS as string[]).includes(c))).toEqual([]);
  });
});
