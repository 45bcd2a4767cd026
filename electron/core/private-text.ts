/**
 * Free text that quotes a person's private values: an incident description a clerk typed ("ibu Suharti,
 * alamat Jl. …"), the reason an engagement ended, a BPJS check that says which phone is wrong. The
 * bridge's mask (shared/mask.ts) catches numbers and fields by name; this catches the person's own
 * mother's name, address, phone and birth date in the texts about that person, for the roles that may
 * not see them (ctx.seesIdentity === false).
 */
import type { CoreContext } from './context';
import { formatDateId } from '../../shared/dates';
import { HIDDEN } from '../../shared/mask';
import { storeOf } from './store/of-context';
import { personPrivateValues } from './private-text-repository';

/** Keys whose strings are prose a clerk or a check wrote, where a private value may be quoted. */
const FREE_TEXT = /^(description|place|summary|message|reason|endReason|note|notes|warnings)$/;

/** The ways a person's private values are written: as stored, the date also as `12 Mei 1990` and `12-05-1990`. */
export function privateForms(values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const raw of values) {
    const v = raw?.trim();
    if (!v || v.length < 3) continue;
    out.add(v);
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (date) {
      out.add(formatDateId(v));
      out.add(`${date[3]}-${date[2]}-${date[1]}`);
      out.add(`${date[3]}/${date[2]}/${date[1]}`);
    }
  }
  // Longest first, so an address is replaced whole before a shorter value inside it.
  return [...out].sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every form replaced by "disembunyikan", matched as whole words, any case. */
export function scrubText(text: string, forms: string[]): string {
  if (forms.length === 0) return text;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(re, HIDDEN);
}

/** Every string under a free-text key (at any depth below it) scrubbed; other strings left. */
export function scrubFreeText<T>(value: T, forms: string[], inText = false): T {
  if (typeof value === 'string') return (inText ? scrubText(value, forms) : value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubFreeText(v, forms, inText)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = scrubFreeText(v, forms, inText || FREE_TEXT.test(k));
  return out as T;
}

/** Whether any string sits under a free-text key (else there is nothing to scrub, and no need to read the person). */
function hasFreeText(v: unknown, inText = false): boolean {
  if (typeof v === 'string') return inText && v.length >= 3;
  if (Array.isArray(v)) return v.some((x) => hasFreeText(x, inText));
  if (v === null || typeof v !== 'object') return false;
  return Object.entries(v as Record<string, unknown>).some(([k, x]) => hasFreeText(x, inText || FREE_TEXT.test(k)));
}

/**
 * A reply as finance and viewer get it: inside each object that names a person (`personId`), the texts
 * no longer quote that person's private values. Runs before the bridge's mask, in the core, which can
 * read the person.
 */
export async function scrubReplyForRole<T>(ctx: CoreContext, value: T): Promise<T> {
  // The people first (a read per person, before any rewriting), then one synchronous walk.
  const ids = new Set<number>();
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(collect);
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    Object.values(o).forEach(collect);
    if (typeof o.personId === 'number' && hasFreeText(o)) ids.add(o.personId);
  };
  collect(value);
  if (ids.size === 0) return value;
  const forms = new Map<number, string[]>();
  const q = storeOf(ctx);
  for (const id of ids) {
    const r = await personPrivateValues(q, id);
    forms.set(id, r ? privateForms([r.address, r.phone, r.motherName, r.birthDate]) : []);
  }
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const inner: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) inner[k] = walk(x);
    return typeof o.personId === 'number' && hasFreeText(inner) ? scrubFreeText(inner, forms.get(o.personId) ?? []) : inner;
  };
  return walk(value) as T;
}
