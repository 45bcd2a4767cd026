import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext, type TestContext } from '../helpers';
import { adminClient, roleClient, testServer, type Client, type TestServer } from '../server/server-client';
import { fxPersons, writeMessyAppendix } from '../fixtures/sk-workbook';
import { RESTORE_WORD } from '../../shared/contract/security-calls';

let ctx: TestContext;
let server: TestServer;
beforeEach(async () => {
  ctx = testContext('2026-03-10T03:00:00Z');
  server = await testServer(ctx);
});
afterEach(async () => {
  await server.close();
  await ctx.close();
});

/** The session's event stream (Server-Sent Events), collected as text. */
function events(c: Client): { text: () => string; close: () => void; opened: Promise<void> } {
  let text = '';
  let close = () => {};
  const opened = new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: c.headers(), rejectUnauthorized: false, agent: false }, (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
        resolve();
      });
    });
    req.on('error', reject);
    close = () => req.destroy();
    req.end();
  });
  return { text: () => text, close: () => close(), opened };
}

const upload = (c: Client, name: string, bytes: Buffer) => c.req('POST', `/api/upload?name=${encodeURIComponent(name)}`, { headers: { 'content-type': 'application/octet-stream' }, body: bytes });

describe('files and progress over sigap serve', () => {
  it('an uploaded SK goes through the wizard with progress on the session\'s event stream', async () => {
    const admin = await adminClient(server);
    const persons = fxPersons(30, ['Dinas Sosial', 'Inspektorat']);
    const w = await writeMessyAppendix(join(ctx.dir, 'lampiran.xlsx'), persons, { number: '800/12/KPTS/2026', date: '2026-03-01', twoRowHeader: true });
    // Without an upload the call says so in words; a wrong kind of file is refused.
    const none = await admin.call('sk.chooseFile');
    expect(none.status).toBe(404);
    expect(none.body.error.message).toMatch(/^Berkas belum diunggah/);
    const txt = await upload(admin, 'catatan.txt', Buffer.from('bukan SK'));
    expect(txt.status).toBe(200);
    const wrongKind = await admin.call('sk.chooseFile', {}, { 'x-sigap-upload': txt.body.value.token });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.message).toContain('.xlsx');

    const up = await upload(admin, 'lampiran.xlsx', readFileSync(w.path));
    expect(up.body).toMatchObject({ ok: true, value: { name: 'lampiran.xlsx', bytes: readFileSync(w.path).length } });
    const chosen = await admin.ok('sk.chooseFile', {}, { 'x-sigap-upload': up.body.value.token });
    expect(chosen.name).toBe('lampiran.xlsx');

    const stream = events(admin);
    await stream.opened;
    const pv = await admin.ok('sk.preview', { token: chosen.token, tmt: '2026-03-01' });
    expect(pv.counts.added).toBe(30);
    const applied = await admin.ok('sk.apply', { previewId: pv.previewId, createUnits: true });
    expect(applied).toBeTruthy();
    await expect.poll(() => stream.text()).toContain('"task":"sk.apply"');
    stream.close();
    expect(stream.text()).toMatch(/event: progress\ndata: \{"task":"sk.apply","phase":"[A-Z]/);
    // The SK's people are on the roster.
    expect((await admin.ok('roster.list', { month: '2026-03', status: 'all' })).total).toBe(30);
  });

  it('a written file comes back as a download of this session only; the reply names no server path', async () => {
    const admin = await adminClient(server);
    const hr = await roleClient(server, admin, 'hr');
    const r = await hr.call('sk.saveTemplate');
    expect(r.status).toBe(200);
    expect(r.body.value.path).toBe('templat-lampiran-sk.xlsx');
    const downloads = JSON.parse(String(r.headers['x-sigap-downloads']));
    expect(downloads).toEqual([{ token: expect.any(String), name: 'templat-lampiran-sk.xlsx', bytes: expect.any(Number), inline: false }]);
    const file = await hr.req('GET', `/api/files/${downloads[0].token}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="templat-lampiran-sk.xlsx"; filename*=UTF-8''templat-lampiran-sk.xlsx`);
    expect(file.raw.subarray(0, 2).toString()).toBe('PK');
    expect(file.raw.length).toBe(downloads[0].bytes);
    // The admin's session cannot fetch the clerk's file; a made-up token is unknown.
    expect((await admin.req('GET', `/api/files/${downloads[0].token}`)).status).toBe(404);
    expect((await hr.req('GET', '/api/files/tidak-ada')).body.error.message).toMatch(/^Berkas unduhan tidak ditemukan/);
    // "Buka folder" on a file this session wrote offers it again.
    const again = await hr.call('files.reveal', { fileId: r.body.value.fileId });
    expect(again.status).toBe(200);
    expect(JSON.parse(String(again.headers['x-sigap-downloads']))[0].name).toBe('templat-lampiran-sk.xlsx');
  });

  it('a restore is not made through the server', async () => {
    const admin = await adminClient(server);
    const r = await admin.call('backup.restore', { source: { kind: 'auto', name: 'x.sigapdb' }, confirm: RESTORE_WORD });
    expect(r.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^Memulihkan cadangan tidak dilakukan lewat server/) } });
  });
});
