/**
 * What each unit name read from an SK becomes: a known unit (exact name, code or remembered alias),
 * a proposal the clerk must confirm, or a new unit the clerk must ask for. The preview reports it;
 * the apply step takes the clerk's choices and refuses to guess.
 */
import type { CoreContext } from '../context';
import { SigapError } from '../errors';
import { unitKey } from '../../../shared/person-fields';
import { createOpd } from '../roster/units';
import { saveUnitAlias, unitMatcher } from '../roster/unit-aliases';
import type { MatchVia } from '../roster/unit-match';
import type { ParsedRow } from './types';
import type { Queries } from '../store/store';
import { skImport } from './import-repository';
import { unitRepo } from '../roster/unit-repository';

export interface UnitMapping {
  /** The name as first written in the file. */
  read: string;
  /** Valid rows carrying this name (any spelling with the same key). */
  rows: number;
  /** `exact`/`alias`: known, nothing to decide. `proposed`: a likely unit to confirm. `new`: no likely unit. */
  status: 'exact' | 'alias' | 'proposed' | 'new';
  opdId: number | null;
  opdName: string | null;
  /** 1 for exact and alias, the proposal's score for `proposed`, 0 for `new`. */
  confidence: number;
  via: MatchVia | null;
}

/** The clerk's decision per name read: an existing unit's id, or `new` to create a unit with that name. */
export type UnitChoices = Record<string, number | 'new'>;

export interface UnitDecisions {
  units?: UnitChoices;
  /** Create every name with no proposal (status `new`) as a new unit. */
  createUnits?: boolean;
  /** Take every proposal as it stands. */
  acceptProposals?: boolean;
}

export async function mapUnits(ctx: CoreContext, rows: ParsedRow[]): Promise<UnitMapping[]> {
  const byKey = new Map<string, { read: string; rows: number }>();
  for (const r of rows) {
    if (r.invalid || !r.unit) continue;
    const k = unitKey(r.unit);
    const had = byKey.get(k);
    if (had) had.rows++;
    else byKey.set(k, { read: r.unit, rows: 1 });
  }
  const matcher = await unitMatcher(ctx);
  const out: UnitMapping[] = [];
  for (const { read, rows: n } of byKey.values()) {
    const m = matcher.match(read);
    if (!m) out.push({ read, rows: n, status: 'new', opdId: null, opdName: null, confidence: 0, via: null });
    else {
      const known = m.via === 'exact' || m.via === 'code' ? 'exact' : m.via === 'alias' ? 'alias' : 'proposed';
      out.push({ read, rows: n, status: known, opdId: m.opdId, opdName: m.name, confidence: m.confidence, via: m.via });
    }
  }
  return out.sort((a, b) => a.read.localeCompare(b.read, 'id'));
}

type Decision = { opdId: number } | { create: true } | null;

function choiceFor(choices: UnitChoices | undefined, read: string): number | 'new' | undefined {
  if (!choices) return undefined;
  const k = unitKey(read);
  for (const [name, v] of Object.entries(choices)) if (unitKey(name) === k) return v;
  return undefined;
}

function decide(m: UnitMapping, d: UnitDecisions): Decision {
  const chosen = choiceFor(d.units, m.read);
  if (chosen === 'new') return { create: true };
  if (typeof chosen === 'number') return { opdId: chosen };
  if (m.status === 'exact' || m.status === 'alias') return { opdId: m.opdId! };
  if (m.status === 'proposed' && d.acceptProposals) return { opdId: m.opdId! };
  if (m.status === 'new' && d.createUnits) return { create: true };
  return null;
}

/** Names read that nobody decided about yet. */
export function pendingUnits(units: UnitMapping[], d: UnitDecisions): UnitMapping[] {
  return units.filter((m) => decide(m, d) === null);
}

/** The message that stops an apply with undecided names: which, what is proposed, how to decide. */
export function pendingUnitsMessage(pending: UnitMapping[]): string {
  const list = pending.map((m) => (m.status === 'proposed' ? `"${m.read}" (usulan: ${m.opdName})` : `"${m.read}" (belum ada)`)).join(', ');
  return (
    `${pending.length} nama unit kerja di lampiran belum dipastikan: ${list}. ` +
    'Pilih unit yang sudah ada atau centang "Buat unit baru" di bagian Unit kerja.'
  );
}

/**
 * Inside the apply transaction: every name's unit id, creating the units the clerk asked for and
 * remembering as aliases the names the clerk matched to a unit by hand or by accepting a proposal.
 * Returns unitKey(name read) -> unit id, and how many units were created.
 */
export async function resolveUnits(ctx: CoreContext, tx: Queries, units: UnitMapping[], d: UnitDecisions): Promise<{ keys: Map<string, number>; created: number }> {
  const pending = pendingUnits(units, d);
  if (pending.length > 0) throw new SigapError('INVALID_INPUT', pendingUnitsMessage(pending));
  const keys = new Map<string, number>();
  let created = 0;
  for (const m of units) {
    const dec = decide(m, d)!;
    const k = unitKey(m.read);
    if ('create' in dec) {
      // A unit of that name made since the preview is used, not made twice.
      const had = await skImport.opdIdByKey(tx, k);
      keys.set(k, had ?? (await createOpd(ctx, { name: m.read })));
      if (had === null) created++;
      continue;
    }
    if (!(await unitRepo.byId(tx, dec.opdId))) throw new SigapError('NOT_FOUND', `Unit kerja pilihan untuk "${m.read}" (#${dec.opdId}) tidak ada lagi. Baca ulang berkas.`);
    keys.set(k, dec.opdId);
    if (m.status !== 'exact' && !(m.status === 'alias' && m.opdId === dec.opdId)) await saveUnitAlias(ctx, m.read, dec.opdId);
  }
  return { keys, created };
}
