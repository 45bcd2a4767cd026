import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../helpers';
import type { z } from 'zod';
import { adminClient, httpsRequest, testServer, type Client, type TestServer } from '../server/server-client';
import { CHANNELS, contract } from '../../shared/contract/index';
import { mutate, rng } from '../fixtures/fuzz';
import { TEST_ADMIN } from '../api-harness';

let ctx: TestContext;
let server: TestServer;
let admin: Client;
beforeEach(async () => {
  ctx = testContext();
  server = await testServer(ctx, { bodyLimit: 64 * 1024 });
  admin = await adminClient(server);
});
afterEach(async () => {
  await server.close();
  await ctx.close();
});

/** An Indonesian refusal, never a stack trace or a framework's English. */
function expectIndonesianRefusal(r: { status: number; body: any; text: string }, status: number) {
  expect(r.status, r.text).toBe(status);
  expect(r.body.ok).toBe(false);
  expect(Object.keys(r.body).sort()).toEqual(['error', 'ok']);
  expect(typeof r.body.error.code).toBe('string');
  expect(r.body.error.message).toMatch(/[a-z]/);
  expect(r.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|Error:|FST_|Unexpected token|Body is too large|Route .* not found/);
}

describe('sigap serve refuses bad requests in Indonesian and stays up', () => {
  it('wrong types, missing fields, unknown keys, unknown calls and routes', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['roster.list', { month: 202603 }, 400, /^Masukan tidak sah: "month"/],
      ['roster.list', {}, 400, /^Masukan tidak sah/],
      ['roster.list', { month: '2026-03', limit: 'semua' }, 400, /^Masukan tidak sah: "limit"/],
      ['roster.list', [1, 2, 3], 400, /^Masukan tidak sah/],
      ['roster.list', 'teks', 400, /^Masukan tidak sah/],
      ['person.get', { personId: -1, extra: true }, 400, /^Masukan tidak sah/],
      ['opd.saveAlias', { alias: 'x'.repeat(50_000), opdId: 1 }, 400, /^Masukan tidak sah/],
      ['auth.login', { username: 7 }, 400, /^Masukan tidak sah/],
      ['tidak.ada', {}, 404, /^Perintah tidak dikenal/],
      ['__proto__', {}, 404, /^Perintah tidak dikenal/],
    ];
    for (const [name, input, status, message] of cases) {
      const r = await admin.call(name, input);
      expectIndonesianRefusal(r, status);
      expect(r.body.error.message, name).toMatch(message);
    }
    for (const [method, path] of [['GET', '/api'], ['GET', '/api/'], ['GET', '/api/nope'], ['POST', '/api/call'], ['POST', '/'], ['DELETE', '/api/call/roster.list'], ['GET', '/api/call/roster.list']] as const) {
      const r = await admin.req(method, path);
      expectIndonesianRefusal(r, 404);
      expect(r.body.error.message).toBe('Alamat tidak dikenal di server Sigap.');
    }
    // Other GETs are the renderer's (web.ts: the page, or the page saying the web build is missing), never a file outside it.
    for (const path of ['/', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const r = await admin.req('GET', path);
      expect([200, 503], path).toContain(r.status);
      expect(r.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(r.text, path).not.toContain('root:');
    }
  });

  it('garbage JSON 400, a wrong content type 415, a huge body 413, prototype keys refused', async () => {
    const post = (body: string | Buffer, type = 'application/json') => admin.req('POST', '/api/call/roster.list', { headers: { 'content-type': type }, body });
    for (const garbage of ['{', '{"month":', 'null null', '\u0000\u0001', '{"month": "2026-03",}', "{'month':'2026-03'}"]) {
      const r = await post(garbage);
      expectIndonesianRefusal(r, 400);
      expect(r.body.error.message).toBe('Isi permintaan bukan JSON yang sah.');
    }
    const proto = await post('{"month":"2026-03","__proto__":{"admin":true}}');
    expectIndonesianRefusal(proto, 400);
    const form = await post('month=2026-03', 'application/x-www-form-urlencoded');
    expectIndonesianRefusal(form, 415);
    expect(form.body.error.message).toMatch(/^Jenis isi permintaan tidak didukung/);
    const text = await post('{"month":"2026-03"}', 'text/plain');
    expectIndonesianRefusal(text, 415);
    // Raw bytes go to /api/upload only; a call refuses them.
    expectIndonesianRefusal(await post('{"month":"2026-03"}', 'application/octet-stream'), 415);
    const huge = await post(JSON.stringify({ month: '2026-03', q: 'x'.repeat(200 * 1024) }));
    expectIndonesianRefusal(huge, 413);
    expect(huge.body.error.message).toBe('Permintaan terlalu besar (batas 64 KB).');
    // Random bytes of random lengths at random calls.
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 40; i++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256)));
      const r = await admin.req('POST', `/api/call/${['roster.list', 'person.get', 'auth.login', 'payment.record', 'users.create'][i % 5]}`, { headers: { 'content-type': 'application/json' }, body: bytes });
      expect(r.status, r.text).toBeGreaterThanOrEqual(400);
      expect(r.status, r.text).toBeLessThan(500);
      expect(r.body.ok).toBe(false);
    }
    // Still up, and the session still works.
    expect((await httpsRequest(server, 'GET', '/api/health')).status).toBe(200);
    expect((await admin.ok('auth.status')).user.username).toBe('admin');
  });

  // A new seed each run (printed in the test name); SIGAP_FUZZ_SEED=<seed> replays a failure exactly.
  const SEED = Number(process.env.SIGAP_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const PER_CALL = 12;
  it(`seeded hostile payloads built from every call's input schema, as JSON over HTTP (seed ${SEED})`, { timeout: 300_000 }, async () => {
    // The bridge fuzz (bridge.test.ts) over the wire: what travels is the payload's JSON, so validity
    // is judged on what the server receives. Printing gets a stub PDF; the address throttle is out of
    // the way (fuzzed sign-ins fail on purpose, and the admin signs in again after a fuzzed sign-out).
    await server.close();
    server = await testServer(ctx, { printToPdf: async () => Buffer.from('%PDF-1.4\n%%EOF\n'), addressFailures: 1_000_000 });
    admin = await adminClient(server);
    const LIMIT = 2 * 1024 * 1024;
    const r = rng(SEED);
    const isDialog = (n: string) => n.endsWith('choose' + 'File') || n === 'settings.chooseLogo';
    const calls = CHANNELS.filter((n) => !isDialog(n));
    const SESSION_CODES = ['AUTH_REQUIRED', 'FORBIDDEN', 'LOCKED', 'PASSWORD_CHANGE_REQUIRED', 'INTERNAL'];
    const tally = { total: 0, refused: 0, accepted: 0, tooLarge: 0, protoKeys: 0, deep: 0, reSignIns: 0 };
    for (const name of calls) {
      const schema = contract[name].input as unknown as z.ZodType;
      for (let k = 0; k < PER_CALL; k++) {
        const p = mutate(schema, r);
        // What a client can put on the wire: JSON (undefined as null; a bigint, which JSON cannot hold, as its digits).
        let body: string;
        let deep = false;
        try {
          body = JSON.stringify(p.value) ?? 'null';
        } catch (e) {
          if (e instanceof RangeError) {
            // Nested too deep for this process to write out (the 5,000-deep array): sent as such a text, at the top.
            body = `${'['.repeat(5000)}${']'.repeat(5000)}`;
            deep = true;
          } else body = JSON.stringify(p.value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
        }
        const res = await admin.req('POST', `/api/call/${name}`, { headers: { 'content-type': 'application/json' }, body });
        const where = `${name} ${p.what} (seed ${SEED}, payload ${tally.total})`;
        tally.total++;
        expect(res.status, where).not.toBe(500);
        expect(res.text, where).not.toMatch(/\bat [\w.<>]+ \(|node_modules|FST_|Unexpected token/);
        if (deep) {
          expect(schema.safeParse([[[]]]).success, where).toBe(false);
          expectIndonesianRefusal(res, 400);
          tally.deep++;
        } else if (Buffer.byteLength(body) > LIMIT) {
          expectIndonesianRefusal(res, 413);
          tally.tooLarge++;
        } else if (/"__proto__"|"constructor":\{"prototype"/.test(body)) {
          // A prototype key never reaches a handler: refused as bad JSON (or by the call's schema). A key
          // named "constructor" without a prototype in it is an ordinary key (a sheet may be so named in
          // an SK's layout overrides): judged by the schema below, like any other.
          expect(res.status, where).toBe(400);
          expect(res.body.error.code, where).toBe('INVALID_INPUT');
          tally.protoKeys++;
        } else if (!schema.safeParse(JSON.parse(body)).success) {
          expectIndonesianRefusal(res, 400);
          expect(res.body.error.code, where).toBe('INVALID_INPUT');
          tally.refused++;
        } else {
          // The schema takes it: the call runs and answers, never an internal error nor a session code
          // (but a sign-in call's own: a wrong unlock password ends the session).
          expect(typeof res.body?.ok, `${where}: ${res.text}`).toBe('boolean');
          const own = name.startsWith('auth.') ? ['AUTH_REQUIRED', 'LOCKED'] : [];
          if (!res.body.ok) expect(SESSION_CODES.filter((c) => !own.includes(c)), `${where}: ${res.text}`).not.toContain(res.body.error.code);
          tally.accepted++;
        }
        // A payload that happened to sign out, lock or change the session: the admin signs in again.
        const st = await admin.call('auth.status');
        if (st.status !== 200 || st.body.value.user?.role !== 'admin' || st.body.value.locked) {
          await admin.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
          tally.reSignIns++;
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('admin');
    expect(tally.total).toBe(calls.length * PER_CALL);
    expect(tally.refused + tally.protoKeys + tally.deep).toBeGreaterThan(tally.total / 2);
    expect((await httpsRequest(server, 'GET', '/api/health')).status).toBe(200);
    console.info(`server fuzz seed ${SEED}: ${calls.length} calls x ${PER_CALL} = ${tally.total} payloads over HTTP (${tally.refused} refused by the schema, ${tally.protoKeys} with prototype keys, ${tally.tooLarge} too large, ${tally.deep} nested 5,000 deep, ${tally.accepted} valid and answered, ${tally.reSignIns} re-sign-ins)`);
  });
});
