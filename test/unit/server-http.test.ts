import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext, type TestContext } from '../helpers';
import { adminClient, Client, httpsRequest, testServer, type TestServer } from '../server/server-client';
import { LATEST_VERSION } from '../../electron/core/db/migrations/index';

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
});
