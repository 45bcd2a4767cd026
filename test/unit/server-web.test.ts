/**
 * `sigap serve` serving the renderer to browsers (electron/server/web.ts): the page under the app's
 * CSP with no framing, react-router routes falling back to index.html, assets cached, nothing outside
 * the build reachable, unknown /api routes still JSON, and an Indonesian page when the build is missing.
 * The page itself in Chromium against a real `sigap serve`: test/e2e/web-two-offices.spec.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteContext, type TestContext } from '../helpers';
import { httpsRequest, testServer, type TestServer } from '../server/server-client';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';

let ctx: TestContext;
let server: TestServer | null = null;

beforeEach(() => {
  ctx = sqliteContext();
});
afterEach(async () => {
  await server?.close();
  server = null;
  await ctx.close();
});

function fakeBuild(): string {
  const root = join(ctx.dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Sigap</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(root, 'assets/app.js'), 'console.log(1)');
  writeFileSync(join(ctx.dir, 'secret.txt'), 'rahasia');
  return root;
}

describe('sigap serve: the renderer for browsers', () => {
  it('serves the page with the CSP and security headers, and falls back to it for page routes', async () => {
    server = await testServer(ctx, { webRoot: fakeBuild() });
    for (const path of ['/', '/pegawai', '/pegawai/12', '/iuran/tagihan/3?x=1']) {
      const r = await httpsRequest(server, 'GET', path);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.text).toContain('<title>Sigap</title>');
      expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(r.headers['cache-control']).toBe('no-cache');
    }
    const js = await httpsRequest(server, 'GET', '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');
  });

  it('never serves a file outside the build; a missing asset is a 404; unknown API routes stay JSON', async () => {
    server = await testServer(ctx, { webRoot: fakeBuild() });
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/missing.js']) {
      const r = await httpsRequest(server, 'GET', path);
      expect(r.text, path).not.toContain('rahasia');
      expect([404, 200], path).toContain(r.status);
      if (r.status === 200) expect(r.text).toContain('<title>Sigap</title>');
    }
    expect((await httpsRequest(server, 'GET', '/assets/missing.js')).status).toBe(404);
    const api = await httpsRequest(server, 'GET', '/api/tidak-ada');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await httpsRequest(server, 'GET', '/api/health')).status).toBe(200);
  });

  it('without the web build, / says in Indonesian how to build it', async () => {
    server = await testServer(ctx, { webRoot: join(ctx.dir, 'tidak-ada') });
    const r = await httpsRequest(server, 'GET', '/');
    expect(r.status).toBe(503);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.text).toContain('Tampilan web Sigap belum dibuat');
    expect(r.text).toContain('npm run build:web');
    expect(r.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});
