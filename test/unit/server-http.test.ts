import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../helpers';
import { adminClient, Client, httpsRequest, testServer, type TestServer } from '../server/server-client';
import { LATEST_VERSION } from '../../electron/core/db/migrations/index';
import { CHANNELS } from '../../shared/contract/index';
import { PUBLIC_CALLS } from '../../electron/core/auth/session';
import { SESSION_COOKIE } from '../../electron/server/server';

let ctx: TestContext;
let server: TestServer;
beforeEach(async () => {
  ctx = testContext();
  server = await testServer(ctx);
});
afterEach(async () => {
  await server.close();
  await ctx.close();
});

describe('sigap serve over HTTPS', () => {
  it('answers health without a session: engine and schema version', async () => {
    const r = await httpsRequest(server, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, value: { status: 'ok', engine: ctx.engine, schemaVersion: LATEST_VERSION, latestVersion: LATEST_VERSION, appVersion: '0.0.0' } });
  });

  it('signs in a browser with an HttpOnly, Secure, SameSite=Strict cookie and checks its CSRF token', async () => {
    const c = new Client(server, 'cookie');
    expect((await c.ok('auth.status')).needsSetup).toBe(true);
    const setup = await c.call('auth.setup', { username: 'admin', displayName: 'Admin Uji', password: 'sandi-uji-2026' });
    expect(setup.status).toBe(200);
    const set = String(setup.headers['set-cookie']);
    expect(set).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{40,};`));
    expect(set).toContain('HttpOnly');
    expect(set).toContain('Secure');
    expect(set).toContain('SameSite=Strict');
    expect(setup.headers['x-sigap-token']).toBeUndefined(); // a browser never sees its token
    expect(c.csrf).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect((await c.ok('roster.options')).opds).toEqual([]);
    // The same cookie without the CSRF header, with a wrong one, or from another site: refused.
    const csrf = c.csrf!;
    c.csrf = undefined;
    const none = await c.call('roster.options');
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('FORBIDDEN');
    expect(none.body.error.message).toContain('CSRF');
    c.csrf = 'x'.repeat(csrf.length);
    expect((await c.call('roster.options')).status).toBe(403);
    c.csrf = csrf;
    expect((await c.call('roster.options', {}, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await c.call('roster.options', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await c.call('roster.options', {}, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    // After a page reload the browser has the cookie only: /api/session gives the CSRF token back.
    const again = await c.req('GET', '/api/session');
    expect(again.body).toMatchObject({ ok: true, value: { csrf, status: { user: { username: 'admin', role: 'admin' } } } });
    // Signing out ends the session: the cookie is cleared and no longer works.
    const cookie = c.cookie!;
    const out = await c.call('auth.logout');
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    c.cookie = cookie;
    const after = await c.call('roster.options');
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ ok: false, error: { code: 'AUTH_REQUIRED', message: 'Silakan masuk terlebih dahulu.' } });
  });

  it('signs in the desktop with a bearer token; a token works only the way it was given', async () => {
    await adminClient(server, 'cookie');
    const d = new Client(server, 'bearer');
    const r = await d.call('auth.login', { username: 'admin', password: 'sandi-uji-2026' });
    expect(r.status).toBe(200);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(d.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect((await d.ok('auth.status')).user.username).toBe('admin');
    expect(await d.ok('roster.options')).toMatchObject({ opds: [] });
    // No CSRF token needed with a bearer token; the bearer token as a cookie is not a session.
    const asCookie = await httpsRequest(server, 'POST', '/api/call/roster.options', { headers: { cookie: `${SESSION_COOKIE}=${d.token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(asCookie.status).toBe(401);
    const wrong = await httpsRequest(server, 'POST', '/api/call/roster.options', { headers: { authorization: 'Bearer nope', 'content-type': 'application/json' }, body: '{}' });
    expect(wrong.status).toBe(401);
    // A wrong password gives no session.
    const bad = new Client(server, 'bearer');
    const failed = await bad.call('auth.login', { username: 'admin', password: 'salah-sekali-1' });
    expect(failed.status).toBe(401);
    expect(failed.body.error.code).toBe('AUTH_FAILED');
    expect(bad.token).toBeUndefined();
    expect(server.sessionCount()).toBe(2);
  });

  it('refuses every contract call but the public ones without a session, before looking at the input', async () => {
    await adminClient(server); // an account exists: the refusals are not "first run" answers
    let refused = 0;
    for (const name of CHANNELS) {
      if (PUBLIC_CALLS.has(name)) continue;
      for (const body of ['{}', 'null', JSON.stringify({ junk: 'x'.repeat(1000) })]) {
        const r = await httpsRequest(server, 'POST', `/api/call/${name}`, { headers: { 'content-type': 'application/json' }, body });
        expect(r.status, name).toBe(401);
        expect(r.body, name).toEqual({ ok: false, error: { code: 'AUTH_REQUIRED', message: 'Silakan masuk terlebih dahulu.' } });
      }
      refused++;
    }
    expect(refused).toBe(CHANNELS.length - PUBLIC_CALLS.size);
    expect(refused).toBeGreaterThan(40);
    // The other session-bound routes too.
    for (const [method, path] of [['GET', '/api/events'], ['GET', '/api/session'], ['GET', '/api/files/abc'], ['POST', '/api/upload?name=a.csv']] as const) {
      const r = await httpsRequest(server, method, path, { headers: method === 'POST' ? { 'content-type': 'application/octet-stream' } : {}, ...(method === 'POST' ? { body: 'a;b' } : {}) });
      expect(r.status, path).toBe(401);
      expect(r.body.error.code).toBe('AUTH_REQUIRED');
    }
  });
});
