import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { seedDemo } from '../../electron/core/demo/index';
import type { z } from 'zod';
import { CHANNELS, contract } from '../../shared/contract/index';
import { mutate, rng } from '../fixtures/fuzz';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql, type SqlQuery } from '../../electron/core/store/sql';
import { bridge, testHost } from '../api-harness';

let ctx: ReturnType<typeof testContext>;
beforeEach(() => {
  ctx = testContext('2026-03-10T03:00:00Z');
});
afterEach(() => ctx.close());

describe('dispatch', () => {
  it('rejects unknown names and malformed input with clean Indonesian errors', async () => {
    const b = bridge(ctx);
    expect(await b.raw('fs.readFile', {})).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Perintah tidak dikenal.' } });
    expect(await b.raw('__proto__', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await b.raw('roster.list', { month: 'Maret' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/"month"/) } });
    expect(await b.raw('roster.list', { month: '2026-03', limit: 10_000 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await b.raw('person.get', { personId: '1; DROP TABLE person' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await b.raw('app.info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/extra/) } });
    expect(await b.raw('app.info', JSON.parse('{"__proto__": {"polluted": true}}'))).toMatchObject({ ok: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // A new seed each run (printed in the test name); SIGAP_FUZZ_SEED=<seed> replays a failure exactly.
  const SEED = Number(process.env.SIGAP_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const PER_CALL = 24;
  it(`survives seeded random, hostile payloads built from every call's input schema (seed ${SEED})`, { timeout: 120_000 }, async () => {
    // Printing is not what is fuzzed here: a payload that happens to be valid for a print call gets a
    // stub PDF instead of a headless Chromium each time (the print tests use the real one).
    const host = { ...testHost(), printToPdf: async () => Buffer.from('%PDF-1.4\n%%EOF\n') };
    const b = bridge(ctx, host);
    // Signed in as admin (the harness default), so every payload passes the session gate and reaches
    // the call's own validation: a refusal is INVALID_INPUT (or the call's own answer to a payload the
    // schema accepts), never AUTH_REQUIRED or FORBIDDEN.
    await b.ready;
    expect(b.gate.current()?.role).toBe('admin');
    const r = rng(SEED);
    const isDialog = (n: string) => n.endsWith('choose' + 'File') || n === 'settings.chooseLogo';
    const calls = CHANNELS.filter((n) => !isDialog(n));
    const SESSION_CODES = ['AUTH_REQUIRED', 'FORBIDDEN', 'LOCKED', 'PASSWORD_CHANGE_REQUIRED', 'INTERNAL'];
    let total = 0;
    let refused = 0;
    let accepted = 0;
    let reSignIns = 0;
    const started = Date.now();
    for (const name of calls) {
      const schema = contract[name].input as unknown as z.ZodType;
      for (let k = 0; k < PER_CALL; k++) {
        const p = mutate(schema, r);
        const valid = schema.safeParse(p.value).success;
        const res = await b.raw(name, p.value);
        const where = `${name} ${p.what} (seed ${SEED}, payload ${total})`;
        expect(res, where).toHaveProperty('ok');
        if (!valid) {
          // Refused by the contract with a clean, Indonesian validation message.
          expect(res, where).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/\S/) } });
          refused++;
        } else {
          // The schema takes it: the call runs and answers (ok, or its own error), never an internal error.
          // Only the sign-in calls may answer with a session code (a wrong unlock password ends the session).
          const own = name.startsWith('auth.') ? ['AUTH_REQUIRED', 'LOCKED'] : [];
          if (!res.ok) expect(SESSION_CODES.filter((c) => !own.includes(c)), `${where}: ${res.error.code} ${res.error.message}`).not.toContain(res.error.code);
          accepted++;
        }
        total++;
        // A payload that happens to be a valid sign-out, lock or wrong unlock ends the session: sign in again.
        const st = await b.gate.status();
        if (st.user?.role !== 'admin' || st.locked) {
          await b.signInAs('admin');
          reSignIns++;
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(b.gate.current()?.role).toBe('admin');
    expect(total).toBe(calls.length * PER_CALL);
    expect(refused).toBeGreaterThan(total / 2);
    console.info(`fuzz seed ${SEED}: ${calls.length} calls x ${PER_CALL} payloads = ${total} (${refused} refused as INVALID_INPUT, ${accepted} valid and answered, ${reSignIns} re-sign-ins) in ${Date.now() - started} ms`);
  });

  it('answers fixed hostile payloads at the top level of every call', async () => {
    const b = bridge(ctx, testHost());
    const hostile: unknown[] = [null, 0, -1, 1e308, NaN, '', 'x'.repeat(200_000), [], [1, 2], true, { constructor: { prototype: { x: 1 } } },
      JSON.parse('{"__proto__":{"admin":true}}'), { month: '2026-01', search: '%\'"; --' }, { personId: Number.MAX_SAFE_INTEGER }];
    await b.ready;
    let fuzzed = 0;
    for (const name of CHANNELS) {
      if (name.endsWith('choose' + 'File') || name === 'settings.chooseLogo') continue;
      for (const input of hostile) {
        const r = await b.raw(name, input);
        expect(r).toHaveProperty('ok');
        if (!r.ok) expect(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT']).toContain(r.error.code);
      }
      fuzzed++;
    }
    // Found by the seeded fuzz (seed 1959110646): a unit registration named with NUL characters broke the table's CHECK.
    expect(await b.raw('registration.save', { npp: 'NN000123', name: '\u0000'.repeat(8), jkkClass: 1 }))
      .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/karakter NUL/) } });
    // Found by the seeded fuzz (seed 2): a source of NUL characters passed the contract and broke the table's CHECK.
    expect(await b.raw('rates.save', { key: 'pu.jkk.3', effectiveMonth: '2026-03', value: 1, source: '\u0000'.repeat(64), confidence: 'H' }))
      .toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/karakter NUL/) } });
    expect(b.gate.current()?.role).toBe('admin');
    expect(fuzzed).toBe(CHANNELS.filter((n) => !n.endsWith('choose' + 'File') && n !== 'settings.chooseLogo').length);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe('the bridge on the real core', () => {
  it('lists, filters and pages the roster', async () => {
    await seedDemo(ctx, { persons: 500, year: 2026 });
    const b = bridge(ctx);
    const page = await b.ok('roster.list', { month: '2026-03', limit: 50, offset: 100, sort: 'name' });
    expect(page.total).toBe(500);
    expect(page.rows).toHaveLength(50);
    const names = page.rows.map((r) => r.name.toLowerCase());
    expect([...names].sort((a, b2) => a.localeCompare(b2))).toEqual(names);
    const nik = page.rows[0]!.nik;
    const found = await b.ok('roster.list', { month: '2026-03', search: nik.slice(0, 12) });
    expect(found.rows.map((r) => r.nik)).toContain(nik);
    const opts = await b.ok('roster.options', {});
    const sosial = opts.opds.find((o) => o.name === 'Dinas Sosial')!;
    const bySosial = await b.ok('roster.list', { month: '2026-03', opdId: sosial.id, limit: 1000 });
    expect(bySosial.rows.every((r) => r.opd === 'Dinas Sosial')).toBe(true);
    const summary = await b.ok('dashboard.summary', { month: '2026-03' });
    expect(summary.active).toBe(500);
    expect(summary.byOpd.reduce((s, o) => s + o.count, 0)).toBe(500);
    expect(summary.decreesThisYear).toBe(2);
  });

  it("adds, edits and ends a person with the importer's rules and an audit trail", async () => {
    await seedDemo(ctx, { persons: 10, year: 2026 });
    const b = bridge(ctx);
    const opts = await b.ok('roster.options', {});
    const pu = opts.categories.find((c) => c.segment === 'PU')!;
    const person = { nik: '1804015205900002', name: 'Siti Rahma', birthDate: '1990-05-12', sex: 'P' as const };
    const engagement = { opdId: opts.opds[0]!.id, categoryId: pu.id, honor: 1_500_000, startDate: '2026-03-01' };
    const bad = await b.call('person.create', { person: { ...person, nik: '1804013205900002' }, engagement });
    expect(bad).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/bukan tanggal yang sah/) } });
    const noHonor = await b.call('person.create', { person, engagement: { ...engagement, honor: 0 } });
    expect(noHonor).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Honor wajib/) } });
    const { personId, engagementId } = await b.ok('person.create', { person, engagement });
    const dup = await b.call('person.create', { person, engagement });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/sudah terdaftar atas nama Siti Rahma/) } });

    const badEdit = await b.call('person.update', { personId, person: { ...person, nik: '123' } });
    expect(badEdit).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/16 angka/) } });
    await b.ok('person.update', { personId, person: { ...person, name: 'Siti Rahmawati', motherName: 'Aminah' } });
    const end = await b.call('engagement.end', { engagementId, endDate: '2026-02-01', reason: 'Mengundurkan diri' });
    expect(end).toMatchObject({ ok: false, error: { message: expect.stringMatching(/sebelum tanggal mulai/) } });
    await b.ok('engagement.end', { engagementId, endDate: '2026-03-31', reason: 'Mengundurkan diri' });

    const detail = await b.ok('person.get', { personId });
    expect(detail.person).toMatchObject({ name: 'Siti Rahmawati', motherName: 'Aminah', sex: 'P' });
    expect(detail.engagements[0]).toMatchObject({ endDate: '2026-03-31', endReason: 'Mengundurkan diri' });
    expect(detail.audit.map((a) => a.action)).toEqual(['end', 'update', 'create', 'create']);
    expect(detail.audit[1]).toMatchObject({ before: { name: 'Siti Rahma', mother_name: null }, after: { name: 'Siti Rahmawati', mother_name: 'Aminah' } });
    const april = await b.ok('roster.list', { month: '2026-04', search: 'Rahmawati' });
    expect(april.total).toBe(0);
  });

  it('runs the SK wizard: choose, preview with progress, save problem rows, apply', async () => {
    const host = testHost();
    const b = bridge(ctx, host);
    const persons = fxPersons(40, ['Dinas Sosial', 'Inspektorat']);
    const w = await writeMessyAppendix(join(ctx.dir, 'lampiran.xlsx'), persons, {
      number: '800/12/KPTS/2026', date: '2026-03-01', twoRowHeader: true, numberRow: true,
      cell: (i, p) => (i === 3 ? { nik: Number(p.nik) } : i === 9 ? { honor: 'sejuta' } : {}),
    });
    expect(await b.ok('sk.chooseFile', {})).toBeNull();
    host.openQueue.push(w.path);
    const chosen = (await b.ok('sk.chooseFile', {}))!;
    expect(chosen.name).toBe('lampiran.xlsx');
    const pv = await b.ok('sk.preview', { token: chosen.token, tmt: '2026-03-01' });
    expect(pv.decree?.number).toBe('800/12/KPTS/2026');
    expect(pv.counts).toEqual({ rejected: 2, warnings: 0, added: 38, removed: 0, changed: 0 });
    expect(pv.rejected.map((p) => [p.row, p.column, p.code])).toEqual([[w.rows[3], 'C', 'NIK_NUMERIC'], [w.rows[9], 'I', 'HONOR_INVALID']]);

    host.saveQueue.push(join(ctx.dir, 'masalah.xlsx'));
    const saved = (await b.ok('sk.saveProblems', { previewId: pv.previewId }))!;
    expect(saved.rows).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved.path);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('NIK');
    expect(ws.getRow(2).getCell(3).value).toBe(String(Number(persons[3]!.nik)));
    expect(String(ws.getRow(2).getCell(ws.actualColumnCount).value)).toMatch(/MASALAH kolom C: NIK .* angka/);

    const refused = await b.call('sk.apply', { previewId: pv.previewId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'IMPORT_INVALID_ROWS' } });
    const res = await b.ok('sk.apply', { previewId: pv.previewId, skipInvalid: true, createUnits: true });
    expect(res.persons).toBe(38);
    expect(host.events.some((e) => e.task === 'sk.apply' && e.done === 38 && e.total === 38)).toBe(true);
    const decrees = await b.ok('decree.list', {});
    expect(decrees).toEqual([expect.objectContaining({ number: '800/12/KPTS/2026', persons: 38, active: 38 })]);
  });

  it('adjusts columns when detection is wrong', async () => {
    const host = testHost();
    const b = bridge(ctx, host);
    const { writeFileSync } = await import('node:fs');
    // "Kolom 2" is the NIK and "Kolom 3" the name: no header word gives them away.
    writeFileSync(join(ctx.dir, 'odd.csv'), 'Nama;Kolom 2;Kolom 3;Unit Kerja;Honor\nx;1804011205900001;Budi;Dinas Sosial;1000000\n');
    host.openQueue.push(join(ctx.dir, 'odd.csv'));
    const chosen = (await b.ok('sk.chooseFile', {}))!;
    const first = await b.call('sk.preview', { token: chosen.token, number: 'X/1', tmt: '2026-03-01' });
    expect(first).toMatchObject({ ok: false, error: { code: 'NO_NIK_COLUMN' } });
    const fixed = await b.ok('sk.preview', { token: chosen.token, number: 'X/1', tmt: '2026-03-01', overrides: { odd: { headerRow: 1, columns: { nik: 1, name: 2, unit: 3, honor: 4 } } } });
    expect(fixed.accepted).toBe(1);
    expect(fixed.diff.added).toEqual([{ nik: '1804011205900001', name: 'Budi', opd: 'Dinas Sosial', honor: 1_000_000 }]);
  });

  it('saves the Pemda profile and OPD officials', async () => {
    const host = testHost();
    const b = bridge(ctx, host);
    await b.ok('settings.saveEmployer', { name: 'Pemerintah Kabupaten Lampung Barat', npp: '18040012', address: 'Liwa', jkkClass: 1 });
    const png = join(ctx.dir, 'logo.png');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]));
    host.openQueue.push(png);
    const logo = (await b.ok('settings.chooseLogo', {}))!;
    expect(logo).toMatch(/^data:image\/png;base64,/);
    await b.ok('settings.saveEmployer', { name: 'Pemerintah Kabupaten Lampung Barat', npp: '18040012', address: 'Liwa', jkkClass: 1, logo });
    expect((await b.ok('settings.employer', {}))!.logo).toBe(logo);
    const { id } = await b.ok('opd.save', { code: '01', name: 'Dinas Sosial', kind: 'opd', headName: 'Drs. A', headNip: '197001012000011001', pptkName: 'B', treasurerName: 'C' });
    const badNip = await b.call('opd.save', { id, code: '01', name: 'Dinas Sosial', kind: 'opd', headNip: '123' });
    expect(badNip).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const clash = await b.call('opd.save', { code: '01', name: 'Dinas Lain', kind: 'opd' });
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await b.ok('opd.list', {})).toEqual([expect.objectContaining({ id, headName: 'Drs. A', headNip: '197001012000011001', active: 0 })]);
  });

  it('refuses a logo that is too large or not PNG/JPEG', async () => {
    const host = testHost();
    const b = bridge(ctx, host);
    const { writeFileSync } = await import('node:fs');
    const big = join(ctx.dir, 'besar.png');
    writeFileSync(big, Buffer.concat([Buffer.from([0x89, 0x50]), Buffer.alloc(700_000)]));
    const gif = join(ctx.dir, 'logo.gif');
    writeFileSync(gif, Buffer.from('GIF89a'));
    host.openQueue.push(big, gif);
    expect(await b.call('settings.chooseLogo', {})).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Logo terlalu besar (maksimal 700 KB).' } });
    expect(await b.call('settings.chooseLogo', {})).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Logo harus berkas PNG atau JPEG.' } });
    expect(await b.ok('settings.chooseLogo', {})).toBeNull(); // the clerk cancelled
  });

  it('counts people, decrees and units for app.info, and the staff in force per unit for opd.list', async () => {
    await seedDemo(ctx, { persons: 40, year: 2026 });
    const b = bridge(ctx);
    const info = await b.ok('app.info', {});
    const n = async (q: SqlQuery) => (await storeOf(ctx).one<{ n: number }>(q))!.n;
    expect(info.counts).toEqual({ persons: 40, decrees: await n(sql`SELECT count(*) AS n FROM decree`), opds: await n(sql`SELECT count(*) AS n FROM opd`) });
    expect(info.counts.decrees).toBeGreaterThan(0);
    expect(info.today).toBe('2026-03-10');
    const units = await b.ok('opd.list', {});
    expect(units).toHaveLength(info.counts.opds);
    // Everyone of the demo is in force mid-March: the per-unit counts add up to the people.
    expect(units.reduce((s, u) => s + u.active, 0)).toBe(40);
  });
});
