/**
 * The browser's bridge (renderer/src/web-bridge.ts) without a server: the requests it builds (CSRF,
 * uploads, JSON), the calls that open a file input, which calls are retried after a lost connection,
 * the banner, and that a write is never sent twice. The real server is in test/e2e/web-two-offices.spec.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/names';
import { callRequest, createWebApi, fileAccept, isRetryableRead, LOST_MESSAGE, parseDownloads, uploadRequest } from '../../renderer/src/web-bridge';

type Api = Record<string, (input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>>;

const json = (body: unknown, headers: Record<string, string> = {}, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

afterEach(() => {
  document.body.innerHTML = '';
});

describe('web bridge requests', () => {
  it('posts JSON to /api/call/<name> with the CSRF token and the uploads', () => {
    const r = callRequest('roster.list', { month: '2026-03' }, 'tok', ['a', 'b']);
    expect(r.url).toBe('/api/call/roster.list');
    expect(r.init.method).toBe('POST');
    expect(r.init.headers).toEqual({ 'content-type': 'application/json', 'x-sigap-csrf': 'tok', 'x-sigap-upload': 'a,b' });
    expect(r.init.body).toBe('{"month":"2026-03"}');
    expect(callRequest('auth.status', undefined, null).init.headers).toEqual({ 'content-type': 'application/json' });
    expect(callRequest('auth.status', undefined, null).init.body).toBe('{}');
  });

  it('uploads raw bytes with the file name in the query', () => {
    const r = uploadRequest({ name: 'lampiran SK maret.xlsx' }, new Blob(['x']), 'tok');
    expect(r.url).toBe('/api/upload?name=lampiran%20SK%20maret.xlsx');
    expect(r.init.headers).toEqual({ 'content-type': 'application/octet-stream', 'x-sigap-csrf': 'tok' });
  });

  it('knows the dialog-backed calls and what they accept', () => {
    expect(fileAccept('sk.chooseFile', {})).toContain('.xlsx');
    expect(fileAccept('backup.chooseFile', {})).toBe('.sigapdb,.sigapenc');
    expect(fileAccept('decree.attachScan', { decreeId: 1 })).toContain('.pdf');
    expect(fileAccept('decree.attachScan', { decreeId: 1, token: 't' })).toBeNull();
    expect(fileAccept('bpjs.chooseFile', { purpose: 'template' })).toBe('.xlsx,.xlsm');
    expect(fileAccept('roster.list', {})).toBeNull();
  });

  it('retries reads only', () => {
    expect(isRetryableRead('roster.list')).toBe(true);
    expect(isRetryableRead('auth.status')).toBe(true);
    expect(isRetryableRead('decree.records')).toBe(true);
    for (const w of ['person.create', 'billing.run', 'payment.record', 'sk.apply', 'auth.login', 'auth.logout', 'invoice.issue', 'users.create', 'roster.saveXlsx', 'bpjsPayment.readBill', 'sk.chooseFile']) expect(isRetryableRead(w), w).toBe(false);
  });

  it('reads the downloads header and ignores a bad one', () => {
    expect(parseDownloads('[{"token":"t","name":"a.xlsx","bytes":3,"inline":false}]')).toEqual([{ token: 't', name: 'a.xlsx', bytes: 3, inline: false }]);
    expect(parseDownloads('not json')).toEqual([]);
    expect(parseDownloads(null)).toEqual([]);
  });
});

describe('web bridge behaviour', () => {
  it('has every contract call and onProgress, like the preload', () => {
    const api = createWebApi({ fetch: vi.fn(), document });
    for (const n of CHANNEL_NAMES) expect(typeof api[n], n).toBe('function');
    expect(typeof api.onProgress).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('asks /api/session once for the CSRF token, keeps the one a sign-in gives, and sends it', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      seen.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
      if (url === '/api/session') return json({ ok: true, value: { status: {}, csrf: 'from-session' } });
      if (url === '/api/call/auth.login') return json({ ok: true, value: {} }, { 'x-sigap-csrf': 'from-login' });
      return json({ ok: true, value: [] });
    });
    const api = createWebApi({ fetch: fetch as unknown as typeof globalThis.fetch, document }) as unknown as Api;
    await api['roster.options']!({});
    await api['opd.list']!({});
    expect(seen.filter((s) => s.url === '/api/session')).toHaveLength(1);
    expect(seen.find((s) => s.url === '/api/call/opd.list')!.headers['x-sigap-csrf']).toBe('from-session');
    await api['auth.login']!({ username: 'a', password: 'b' });
    await api['opd.list']!({});
    expect(seen.at(-1)!.headers['x-sigap-csrf']).toBe('from-login');
  });

  it('a lost connection shows the banner; a read is retried until the server answers, then the banner goes', async () => {
    let up = false;
    let tries = 0;
    const fetch = vi.fn(async (url: string) => {
      if (url === '/api/session') return json({ ok: false, error: { code: 'AUTH_REQUIRED', message: '' } }, {}, 401);
      tries++;
      if (!up) throw new TypeError('Failed to fetch');
      return json({ ok: true, value: ['x'] });
    });
    const api = createWebApi({ fetch: fetch as unknown as typeof globalThis.fetch, document, retryMs: 5 }) as unknown as Api;
    const pending = api['opd.list']!({});
    await vi.waitFor(() => expect(document.body.textContent).toContain(LOST_MESSAGE));
    await vi.waitFor(() => expect(tries).toBeGreaterThan(2));
    up = true;
    expect(await pending).toEqual({ ok: true, value: ['x'] });
    expect(document.querySelector('[role=alert]')).toBeNull();
  });

  it('a write whose connection fails is sent once and answered with a clear error', async () => {
    let calls = 0;
    const fetch = vi.fn(async (url: string) => {
      if (url === '/api/session') return json({ ok: true, value: { csrf: 'c' } });
      calls++;
      throw new TypeError('Failed to fetch');
    });
    const api = createWebApi({ fetch: fetch as unknown as typeof globalThis.fetch, document, retryMs: 5 }) as unknown as Api;
    const r = await api['payment.record']!({ invoiceId: 1 });
    expect(calls).toBe(1);
    expect(r.ok).toBe(false);
    expect(r.error!.message).toMatch(/terputus/);
    expect(document.body.textContent).toContain(LOST_MESSAGE);
  });

  it('a dialog-backed call opens a file input; cancelled, it answers null without calling the server', async () => {
    const fetch = vi.fn(async () => json({ ok: true, value: { csrf: 'c' } }));
    const api = createWebApi({ fetch: fetch as unknown as typeof globalThis.fetch, document }) as unknown as Api;
    const pending = api['sk.chooseFile']!({});
    const input = await vi.waitFor(() => {
      const el = document.querySelector('input[type=file]') as HTMLInputElement | null;
      expect(el).not.toBeNull();
      return el!;
    });
    expect(input.accept).toContain('.xlsx');
    input.dispatchEvent(new Event('cancel'));
    expect(await pending).toEqual({ ok: true, value: null });
    expect(fetch.mock.calls.map((c) => (c as unknown[])[0])).toEqual(['/api/session']);
  });
});
