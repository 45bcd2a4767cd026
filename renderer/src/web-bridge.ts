/**
 * The browser's `window.sigap`: the same shape as the preload's (a function per contract name, and
 * onProgress), but every call goes to `sigap serve` over HTTPS (electron/server/README.md):
 * `POST /api/call/<name>` with the session's CSRF token; a call that would open a file dialog in the
 * app shows an `<input type=file>`, uploads the file (`POST /api/upload`) and names it in
 * `x-sigap-upload`; files a call wrote come back in `x-sigap-downloads` and are downloaded with an
 * `<a download>`; progress comes from `EventSource('/api/events')`. The renderer cannot tell it from
 * the desktop bridge. A lost connection shows a banner; reads are retried, writes never blindly.
 */
import { CHANNEL_NAMES } from '../../shared/contract/names';
import { mayCall } from '../../shared/roles';
import './styles/connection.css';

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** The calls that open a file in the app (a native dialog there): what the file input accepts. */
export function fileAccept(name: string, input: unknown): string | null {
  const sheets = '.xlsx,.xls,.xlsm,.ods,.csv';
  switch (name) {
    case 'sk.chooseFile':
      return sheets;
    case 'settings.chooseLogo':
      return '.png,.jpg,.jpeg';
    case 'decree.chooseScan':
      return '.pdf,.jpg,.jpeg,.png';
    case 'decree.attachScan':
      return (input as { token?: unknown } | null)?.token ? null : '.pdf,.jpg,.jpeg,.png';
    case 'person.completion.chooseFile':
    case 'bpjsPayment.readBill':
      return '.xlsx,.xls,.ods,.csv';
    case 'backup.chooseFile':
      return '.sigapdb,.sigapenc';
    case 'bpjs.chooseFile':
      return (input as { purpose?: unknown } | null)?.purpose === 'template' ? '.xlsx,.xlsm' : '.xlsx,.xlsm,.csv';
    default:
      return null;
  }
}

// A verb that changes something or writes a file: the whole last name part, or its first camelCase word.
const WRITE_WORDS = /^(save|create|update|set|add|delete|remove|end|apply|record|pay|issue|run|write|import|attach|undo|cancel|restore|backup|regenerate|generate|change|reset|lock|unlock|touch|read|choose|print|show|open|export|mark|confirm|close|reopen|void|assign|link|merge|move|rename|upload|store|send|submit|approve|reject)([A-Z_]|$)/;

/** A call safe to send again after a lost connection: one every role may make that only reads. */
export function isRetryableRead(name: string): boolean {
  if (name.startsWith('auth.')) return name === 'auth.status';
  const verb = name.slice(name.lastIndexOf('.') + 1);
  return mayCall('viewer', name) && !WRITE_WORDS.test(verb);
}

/** The request of one call: what the unit tests check. */
export function callRequest(name: string, input: unknown, csrf: string | null, uploads: string[] = []): { url: string; init: RequestInit } {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrf) headers['x-sigap-csrf'] = csrf;
  if (uploads.length) headers['x-sigap-upload'] = uploads.join(',');
  return {
    url: `/api/call/${encodeURIComponent(name)}`,
    init: { method: 'POST', headers, body: JSON.stringify(input === undefined ? {} : input), credentials: 'same-origin', cache: 'no-store' },
  };
}

export function uploadRequest(file: { name: string }, body: BodyInit, csrf: string | null): { url: string; init: RequestInit } {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (csrf) headers['x-sigap-csrf'] = csrf;
  return { url: `/api/upload?name=${encodeURIComponent(file.name)}`, init: { method: 'POST', headers, body, credentials: 'same-origin', cache: 'no-store' } };
}

export interface Download {
  token: string;
  name: string;
  bytes: number;
  inline: boolean;
}

/** The downloads a reply announces; an unreadable header is none. */
export function parseDownloads(header: string | null): Download[] {
  if (!header) return [];
  try {
    const list = JSON.parse(header) as unknown;
    return Array.isArray(list) ? list.filter((d): d is Download => typeof d?.token === 'string' && typeof d?.name === 'string') : [];
  } catch {
    return [];
  }
}

export const LOST_MESSAGE = 'Sambungan ke server Sigap terputus; mencoba lagi…';
const WRITE_LOST = 'Sambungan ke server Sigap terputus sebelum jawaban diterima. Periksa hasilnya setelah sambungan pulih sebelum mengulang.';

export interface WebDeps {
  fetch: typeof fetch;
  document: Document;
  EventSource?: typeof EventSource;
  /** Wait between retries of a read (ms). */
  retryMs?: number;
}

/** Whether this page came from a Sigap server (and has no preload bridge). */
export function servedByServer(loc: Location = window.location): boolean {
  return loc.protocol === 'https:' || loc.protocol === 'http:';
}

export function createWebApi(deps: WebDeps): Record<string, unknown> {
  const { document: doc } = deps;
  const retryMs = deps.retryMs ?? 2000;
  let csrf: string | null = null;
  // After a reload the cookie is there but not the token: asked once before the first call.
  let ready: Promise<void> | null = null;
  const sessionReady = (): Promise<void> =>
    (ready ??= deps
      .fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' })
      .then(async (res) => {
        const body = (await res.json().catch(() => null)) as { ok?: boolean; value?: { csrf?: string } } | null;
        if (body?.ok && body.value?.csrf) csrf = body.value.csrf;
      })
      .catch(() => {
        ready = null; // not reachable now: try again at the next call
      }));

  // The banner of a lost connection, outside React (the renderer does not know this bridge).
  let banner: HTMLElement | null = null;
  const showLost = (lost: boolean) => {
    if (lost && !banner) {
      banner = doc.createElement('div');
      banner.className = 'sigap-connection-lost';
      banner.setAttribute('role', 'alert');
      banner.textContent = LOST_MESSAGE;
      doc.body.appendChild(banner);
    } else if (!lost && banner) {
      banner.remove();
      banner = null;
    }
  };

  const send = async (url: string, init: RequestInit, retry: boolean): Promise<Response> => {
    for (;;) {
      try {
        const res = await deps.fetch(url, init);
        showLost(false);
        return res;
      } catch (e) {
        showLost(true);
        if (!retry) throw e;
        await new Promise((r) => setTimeout(r, retryMs));
      }
    }
  };

  const pickFile = (accept: string): Promise<File | null> =>
    new Promise((done) => {
      const input = doc.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.className = 'sigap-file-input';
      input.addEventListener('change', () => {
        input.remove();
        done(input.files?.[0] ?? null);
      });
      input.addEventListener('cancel', () => {
        input.remove();
        done(null);
      });
      doc.body.appendChild(input);
      input.click();
    });

  const download = (d: Download) => {
    const a = doc.createElement('a');
    a.href = `/api/files/${encodeURIComponent(d.token)}`;
    if (d.inline) {
      a.target = '_blank';
      a.rel = 'noopener';
    } else a.download = d.name;
    a.className = 'sigap-file-input';
    doc.body.appendChild(a);
    a.click();
    a.remove();
  };

  const call = async (name: string, input: unknown): Promise<Reply> => {
    try {
      if (!name.startsWith('auth.login') && name !== 'auth.setup') await sessionReady();
      const uploads: string[] = [];
      const accept = fileAccept(name, input);
      if (accept) {
        const file = await pickFile(accept);
        if (!file) return { ok: true, value: null }; // a cancelled picker, as a cancelled dialog
        const up = uploadRequest(file, file, csrf);
        const res = await send(up.url, up.init, false);
        const body = (await res.json()) as { ok: true; value: { token: string } } | Reply;
        if (!body.ok) return body;
        uploads.push((body.value as { token: string }).token);
      }
      const req = callRequest(name, input, csrf, uploads);
      const res = await send(req.url, req.init, isRetryableRead(name));
      const token = res.headers.get('x-sigap-csrf');
      if (token) csrf = token;
      for (const d of parseDownloads(res.headers.get('x-sigap-downloads'))) download(d);
      const reply = (await res.json()) as Reply;
      if (name === 'auth.logout' || (!reply.ok && reply.error.code === 'AUTH_REQUIRED')) {
        csrf = null;
        ready = null;
        closeEvents();
      } else if (reply.ok) openEvents();
      return reply;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: WRITE_LOST } };
    }
  };

  // Progress: one event stream while signed in, shared by every listener.
  const listeners = new Set<(e: unknown) => void>();
  let events: EventSource | null = null;
  const openEvents = () => {
    if (events || !deps.EventSource || !csrf) return;
    events = new deps.EventSource('/api/events', { withCredentials: true });
    events.addEventListener('progress', (m) => {
      let payload: unknown;
      try {
        payload = JSON.parse((m as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const l of listeners) l(payload);
    });
  };
  const closeEvents = () => {
    events?.close();
    events = null;
  };

  const api: Record<string, unknown> = {};
  for (const name of CHANNEL_NAMES) api[name] = (input: unknown) => call(name, input);
  api.onProgress = (listener: (e: unknown) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return Object.freeze(api);
}
