import { createApi } from '../electron/core/api/create-api';
import { dispatch, type Handlers } from '../electron/core/api/dispatch';
import type { HostServices } from '../electron/core/api/host';
import type { ChannelName, Input, Output, ProgressEvent, Reply } from '../shared/contract/index';
import type { CoreContext } from '../electron/core/context';
import { printWithChromium } from '../electron/cli/chromium-pdf';
import { sessionFor } from '../electron/core/auth/session';
import type { Role } from '../shared/roles';

/** The administrator every harness creates through the real first-run path, unless told otherwise. */
export const TEST_ADMIN = { username: 'admin', displayName: 'Admin Uji', password: 'sandi-uji-2026' } as const;
/** The password the harness gives accounts of other roles after their first sign-in. */
export const TEST_PASSWORD = 'sandi-peran-2026';

export interface BridgeOptions {
  /** Who is signed in when the test body starts: a role (default admin) or nobody. */
  as?: Role | 'signedOut';
}

const signIns = new WeakMap<object, Promise<void>>();

type Dispatch = (name: string, input: unknown) => Promise<Reply<unknown>>;

/**
 * Signs in through the real calls: `auth.setup` on an empty database (else `auth.login` as the test
 * admin), then for another role creates that account as admin, signs in with its temporary password
 * and sets TEST_PASSWORD, as a person would on first use.
 */
export async function signInAs(d: Dispatch, who: Role | 'signedOut'): Promise<void> {
  const must = async (name: string, input: unknown) => {
    const r = await d(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const status = (await must('auth.status', {})) as { needsSetup: boolean };
  if (status.needsSetup) await must('auth.setup', TEST_ADMIN);
  else await must('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  if (who === 'admin') return;
  if (who === 'signedOut') {
    await must('auth.logout', {});
    return;
  }
  const username = `uji-${who}`;
  const users = (await must('users.list', {})) as { username: string; id: number }[];
  let temp: string;
  const known = users.find((u) => u.username === username);
  if (known) temp = ((await must('users.resetPassword', { id: known.id })) as { temporaryPassword: string }).temporaryPassword;
  else temp = ((await must('users.create', { username, displayName: `Uji ${who}`, role: who })) as { temporaryPassword: string }).temporaryPassword;
  await must('auth.logout', {});
  await must('auth.login', { username, password: temp });
  await must('auth.changePassword', { oldPassword: temp, newPassword: TEST_PASSWORD });
}

export interface TestHost extends HostServices {
  openQueue: (string | null)[];
  saveQueue: (string | null)[];
  folderQueue: (string | null)[];
  /** Paths the core asked to show in their folder ("Buka folder"), in order. */
  revealed: string[];
  events: ProgressEvent[];
}

export function testHost(): TestHost {
  const h: TestHost = {
    appVersion: '0.0.0-test',
    backupDir: null,
    openQueue: [],
    saveQueue: [],
    folderQueue: [],
    revealed: [],
    events: [],
    chooseOpenFile: async () => h.openQueue.shift() ?? null,
    chooseSaveFile: async () => h.saveQueue.shift() ?? null,
    chooseFolder: async () => h.folderQueue.shift() ?? null,
    showInFolder: async (path) => void h.revealed.push(path),
    printToPdf: (html, opts) => printWithChromium(html, opts),
    progress: (e) => void h.events.push(e),
  };
  return h;
}

/**
 * The bridge exactly as the renderer sees it: raw input in, Reply out, through the session gate, output
 * checked against the contract. Signed in as an administrator by default (see BridgeOptions); calls
 * wait for the sign-in, so tests use it as before.
 */
export function bridge(ctx: CoreContext, host: HostServices = testHost(), opts: BridgeOptions = {}) {
  const handlers: Handlers = createApi(ctx, host);
  const gate = sessionFor(ctx);
  // SIGAP_TEST_SHOW_INTERNAL=1 prints what an INTERNAL reply hides (the app logs it; tests otherwise see only the code).
  const onInternalError = process.env.SIGAP_TEST_SHOW_INTERNAL ? (name: string, e: unknown) => console.error(`[internal] ${name}:`, e) : undefined;
  const direct: Dispatch = (name, input) => dispatch(handlers, name, input, { checkOutput: true, gate, onInternalError });
  // Bridges over the same core share one session: their sign-ins run one after another.
  const ready = (signIns.get(gate) ?? Promise.resolve()).catch(() => undefined).then(() => signInAs(direct, opts.as ?? 'admin'));
  signIns.set(gate, ready);
  const gated: Dispatch = async (name, input) => {
    await ready;
    return direct(name, input);
  };
  const call = <K extends ChannelName>(name: K, input: Input<K>) => gated(name, input) as Promise<Reply<Output<K>>>;
  const ok = async <K extends ChannelName>(name: K, input: Input<K>): Promise<Output<K>> => {
    const r = await call(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  return {
    handlers,
    gate,
    ready,
    call,
    ok,
    raw: (name: unknown, input: unknown) => gated(name as string, input),
    /** Signs out and in again as another role (or nobody). */
    signInAs: async (who: Role | 'signedOut') => {
      await ready;
      await direct('auth.logout', {});
      await signInAs(direct, who);
    },
  };
}
