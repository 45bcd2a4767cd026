import type { z } from 'zod';
import { contract, type ChannelName, type Output, type ParsedInput, type Reply } from '../../../shared/contract/index';
import { SigapError } from '../../../shared/errors';
import { PUBLIC_CALLS, type SessionGate } from '../auth/session';
import { maskForRole, maskIdsInText } from '../../../shared/mask';
import { seesIdentity } from '../../../shared/roles';
import { faultToSigapError } from '../db/errors';

export type Handlers = { [K in ChannelName]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

export interface DispatchOptions {
  /**
   * The signed-in session every call is checked against (`sessionFor(ctx)`). Without one, only the
   * public calls (status, setup, sign-in) are answered: a caller that forgets the gate gets nothing.
   */
  gate?: SessionGate;
  /** Check replies against the output schema too (tests and development). */
  checkOutput?: boolean;
  onInternalError?: (name: string, error: unknown) => void;
}

const FIELD_WORDS: Record<string, string> = {
  too_big: 'terlalu panjang atau terlalu besar',
  too_small: 'terlalu pendek atau terlalu kecil',
  invalid_type: 'jenisnya salah',
  unrecognized_keys: 'berisi kunci yang tidak dikenal',
  invalid_format: 'formatnya salah',
  invalid_value: 'nilainya tidak diizinkan',
};

/** An Indonesian message naming the first bad field. */
export function describeIssues(issues: z.core.$ZodIssue[]): string {
  const i = issues[0];
  if (!i) return 'Masukan tidak sah.';
  const where = i.path.length ? `"${i.path.join('.')}"` : 'masukan';
  const keys = i.code === 'unrecognized_keys' ? ` (${(i as { keys: string[] }).keys.slice(0, 3).join(', ')})` : '';
  return `Masukan tidak sah: ${where} ${FIELD_WORDS[i.code] ?? 'tidak sah'}${keys}.`;
}

/** Whether a string anywhere in the input (to a sane depth) holds a NUL character. */
function carriesNul(x: unknown, depth = 0): boolean {
  if (typeof x === 'string') return x.includes('\u0000');
  if (depth > 8 || x === null || typeof x !== 'object') return false;
  return (Array.isArray(x) ? x : Object.values(x)).some((v) => carriesNul(v, depth + 1));
}

function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * Runs one bridge call: the name must be in the contract, the session must allow it (signed in, not
 * locked, the role may make it), the input is parsed from `unknown`, and the
 * reply is always `{ ok: true, value }` or `{ ok: false, error: { code, message } }`, never a throw.
 */
export async function dispatch(handlers: Handlers, name: unknown, raw: unknown, opts: DispatchOptions = {}): Promise<Reply<unknown>> {
  if (!isChannel(name)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Perintah tidak dikenal.' } };
  const spec = contract[name];
  // The session first: a caller without the right learns nothing about the call's input rules.
  try {
    // Awaited: the check reads the account as it is now (auth converts it to the async store).
    if (opts.gate) await opts.gate.check(name);
    else if (!PUBLIC_CALLS.has(name)) throw new SigapError('AUTH_REQUIRED', 'Silakan masuk terlebih dahulu.');
  } catch (e) {
    if (e instanceof SigapError) return { ok: false, error: { code: e.code, message: e.message } };
    opts.onInternalError?.(name, e);
    return { ok: false, error: { code: 'INTERNAL', message: 'Terjadi kesalahan internal. Rincian dicatat di log aplikasi.' } };
  }
  // Identity leaves the core masked for roles that may not see it, whatever the call (shared/mask.ts).
  // The reply goes to whoever made the call: the role signed in when it started, except for the public
  // calls (sign-in, first run, unlock), which answer the user they sign in. So a restore, which signs
  // everyone out, still answers its administrator in full. Nobody signed in sees nothing.
  const caller = opts.gate?.current() ?? null;
  const masked = (): boolean => {
    const user = PUBLIC_CALLS.has(name) ? (opts.gate?.current() ?? null) : caller;
    return Boolean(opts.gate) && !(user && seesIdentity(user.role));
  };
  // No text of any call carries a NUL character: SQLite cuts a text at it (so a name of NULs breaks a
  // table's CHECK) and PostgreSQL refuses it, so it is refused here, the same on both engines.
  if (carriesNul(raw)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Teks berisi karakter yang tidak sah (karakter NUL, mis. dari salinan berkas lain). Ketik ulang isiannya.' } };
  const parsed = spec.input.safeParse(raw === undefined ? {} : raw);
  if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: describeIssues(parsed.error.issues) } };
  try {
    const handler = handlers[name] as (i: unknown) => Promise<unknown> | unknown;
    const value = await handler(parsed.data);
    if (opts.checkOutput) {
      const out = spec.output.safeParse(value);
      if (!out.success) throw new Error(`reply of ${name} breaks the contract: ${JSON.stringify(out.error.issues.slice(0, 3))}`);
    }
    // NIK and KPJ in fields and texts, birth date cut to the year, mother's name, address and phone hidden.
    const shown = masked() ? maskForRole(value) : value;
    return { ok: true, value: shown === undefined ? null : shown };
  } catch (e) {
    const fault = faultToSigapError(e); // a locked database, a full disk, a read-only file: see db/errors.ts
    // A refusal's message may quote a NIK or KPJ from a file or the roster: masked like any reply.
    if (fault) return { ok: false, error: { code: fault.code, message: masked() ? maskIdsInText(fault.message) : fault.message } };
    opts.onInternalError?.(name, e);
    return { ok: false, error: { code: 'INTERNAL', message: 'Terjadi kesalahan internal. Rincian dicatat di log aplikasi.' } };
  }
}
