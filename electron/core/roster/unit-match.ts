/**
 * Matches a unit name read from an SK appendix ("DINKES", "KEC. BALIK BUKIT", "DINAS PENDIDIKAN") to
 * the units Sigap knows. Pure: the caller passes the units and the remembered aliases. It only
 * proposes; creating a unit is the clerk's decision (see skimport/unit-resolve.ts).
 */
import { unitKey } from '../../../shared/person-fields';
import { UNIT_ABBREVIATIONS, UNIT_FILLER_WORDS, UNIT_KIND_CLASS, UNIT_KIND_WORDS } from './unit-abbreviations';

export interface KnownUnit {
  id: number;
  code: string;
  name: string;
}

export type MatchVia = 'exact' | 'code' | 'alias' | 'abbreviation' | 'similar';

export interface UnitProposal {
  opdId: number;
  name: string;
  /** 1 for an exact name, code or remembered alias; below 1 for a proposal. */
  confidence: number;
  via: MatchVia;
}

/** Below this a candidate is not proposed at all: the name is treated as a new unit. */
export const MIN_CONFIDENCE = 0.6;

/** The normalised words of a name with abbreviations expanded: `KEC. BALIK BUKIT` -> KECAMATAN BALIK BUKIT. */
export function expandUnitWords(name: string): string[] {
  // "SATPOL PP" is the one common two-word short form; "PP" alone means other things.
  const key = unitKey(name.replace(/&/g, ' DAN ')).replace(/\bSATPOL PP\b/g, 'SATPOLPP');
  const out: string[] = [];
  for (const w of key.split(' ')) {
    if (w === '') continue;
    out.push(...(UNIT_ABBREVIATIONS[w] ?? w).split(' '));
  }
  return out;
}

const weightOf = (w: string) => (UNIT_FILLER_WORDS.has(w) ? 0 : UNIT_KIND_WORDS.has(w) ? 0.25 : 1);

/** Edit distance, stopped early above `max` (typos only need a small one). */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return false;
    prev = cur;
  }
  return prev[b.length]! <= max;
}

/** How well one word matches another: 1 equal, 0.85 a typo of a long word, 0 otherwise. */
function wordMatch(a: string, b: string): number {
  if (a === b) return 1;
  const n = Math.min(a.length, b.length);
  if (n < 5) return 0;
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  let m = typoCache.get(key);
  if (m === undefined) {
    if (typoCache.size > 100_000) typoCache.clear();
    typoCache.set(key, (m = withinEdits(a, b, n >= 9 ? 2 : 1) ? 0.85 : 0));
  }
  return m;
}
const typoCache = new Map<string, number>();

/** The word with up to `depth` letters left out: two words within that many edits share one (SymSpell). */
function deletions(w: string, depth: number): Set<string> {
  const out = new Set([w]);
  let layer = [w];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const x of layer) for (let i = 0; i < x.length; i++) {
      const v = x.slice(0, i) + x.slice(i + 1);
      if (!out.has(v)) {
        out.add(v);
        next.push(v);
      }
    }
    layer = next;
  }
  return out;
}
const typoDepth = (w: string) => (w.length >= 9 ? 2 : w.length >= 5 ? 1 : 0);

interface Words {
  words: string[];
  /** The kinds of unit the name says it is (see UNIT_KIND_CLASS). */
  kinds: Set<string>;
  total: number;
  /** Weight of the words that name the unit rather than its kind. */
  distinctive: number;
}

function words(name: string): Words {
  const ws = [...new Set(expandUnitWords(name))];
  let total = 0;
  let distinctive = 0;
  for (const w of ws) {
    total += weightOf(w);
    if (weightOf(w) === 1) distinctive += 1;
  }
  const kinds = new Set(ws.map((w) => UNIT_KIND_CLASS[w]).filter((k): k is string => k !== undefined));
  return { words: ws, kinds, total, distinctive };
}

/** The weight of `a`'s words found in `b`, and the weight of its distinctive words found. */
function covered(a: Words, b: Words): { weight: number; distinctive: number } {
  let weight = 0;
  let distinctive = 0;
  for (const w of a.words) {
    const wt = weightOf(w);
    if (wt === 0) continue;
    const m = Math.max(0, ...b.words.map((x) => wordMatch(w, x)));
    weight += wt * m;
    if (wt === 1) distinctive += m;
  }
  return { weight, distinctive };
}

/**
 * A score in 0..1 for how likely `read` names `known`. Full containment of the distinctive words one
 * way ("DINAS PENDIDIKAN" in "Dinas Pendidikan dan Kebudayaan", or "Dinas Kesehatan" in "DINAS
 * KESEHATAN KAB. LAMPUNG BARAT") scores high; otherwise a weighted overlap of words in both directions
 * (Dice), so sharing only "Dinas" ("Dinas Sosial" against "Dinas Kesehatan") scores low.
 */
function unitSimilarity(read: Words, known: Words): number {
  if (read.distinctive === 0 || known.distinctive === 0) return 0;
  const r = covered(read, known);
  const k = covered(known, read);
  if (r.distinctive === 0) return 0;
  const dice = (r.weight + k.weight) / (read.total + known.total);
  const readInKnown = r.distinctive / read.distinctive;
  const knownInRead = k.distinctive / known.distinctive;
  const containment = Math.max(readInKnown, knownInRead);
  const score = containment >= 0.999 ? Math.min(0.95, 0.7 + 0.3 * dice) : dice * Math.min(readInKnown, knownInRead) ** 0.5;
  // A puskesmas is not the village it stands in: different kinds of unit halve the score.
  const kindsClash = read.kinds.size > 0 && known.kinds.size > 0 && ![...read.kinds].some((k) => known.kinds.has(k));
  return kindsClash ? score * 0.5 : score;
}

/** Holds the known units' expanded words, so a file with many unit names compares cheaply. */
export class UnitMatcher {
  private readonly byKey = new Map<string, KnownUnit>();
  /** Expanded words without spaces, so "SUMBERJAYA" meets "Sumber Jaya". */
  private readonly byExpanded = new Map<string, KnownUnit[]>();
  private readonly prepared: { unit: KnownUnit; words: Words }[];
  /** A word, or a word with letters left out, -> the units whose names hold it: only they are scored. */
  private readonly byWord = new Map<string, Set<number>>();

  constructor(
    private readonly units: readonly KnownUnit[],
    /** unitKey(alias) -> unit id, as the clerk confirmed them. */
    private readonly aliases: ReadonlyMap<string, number> = new Map(),
  ) {
    for (const u of units) {
      this.byKey.set(unitKey(u.code), u);
    }
    // Names after codes: a unit's own name wins over another unit's code spelled the same.
    for (const u of units) this.byKey.set(unitKey(u.name), u);
    this.prepared = units.map((u) => ({ unit: u, words: words(u.name) }));
    this.prepared.forEach((p, i) => {
      const k = expandUnitWords(p.unit.name).filter((w) => weightOf(w) > 0).join('');
      this.byExpanded.set(k, [...(this.byExpanded.get(k) ?? []), p.unit]);
      for (const w of p.words.words) {
        if (weightOf(w) === 0) continue;
        for (const v of deletions(w, typoDepth(w))) {
          const set = this.byWord.get(v) ?? new Set<number>();
          set.add(i);
          this.byWord.set(v, set);
        }
      }
    });
  }

  /** Units sharing a word (or a typo of one) with a distinctive word of the name read. */
  private candidates(mine: Words): { unit: KnownUnit; words: Words }[] {
    const hit = new Set<number>();
    for (const w of mine.words) {
      if (weightOf(w) !== 1) continue;
      for (const v of deletions(w, typoDepth(w))) for (const i of this.byWord.get(v) ?? []) hit.add(i);
    }
    return [...hit].map((i) => this.prepared[i]!);
  }

  match(read: string): UnitProposal | null {
    const key = unitKey(read);
    if (key === '') return null;
    const exact = this.byKey.get(key);
    if (exact) return { opdId: exact.id, name: exact.name, confidence: 1, via: unitKey(exact.name) === key ? 'exact' : 'code' };
    const aliased = this.aliases.get(key);
    const aliasUnit = aliased === undefined ? undefined : this.units.find((u) => u.id === aliased);
    if (aliasUnit) return { opdId: aliasUnit.id, name: aliasUnit.name, confidence: 1, via: 'alias' };

    const expanded = expandUnitWords(read).filter((w) => weightOf(w) > 0).join('');
    const same = this.byExpanded.get(expanded);
    if (same && same.length === 1) return { opdId: same[0]!.id, name: same[0]!.name, confidence: 0.97, via: 'abbreviation' };

    const mine = words(read);
    const scored = this.candidates(mine)
      .map((p) => ({ unit: p.unit, score: unitSimilarity(mine, p.words) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.unit.name.length - b.unit.name.length);
    const best = scored[0];
    if (!best) return null;
    // Two units equally likely ("PUSKESMAS" against several UPTD Puskesmas) is no proposal; nearly as
    // likely lowers the confidence.
    const gap = best.score - (scored[1]?.score ?? 0);
    if (gap < 0.01) return null;
    const confidence = gap < 0.08 ? best.score * 0.8 : best.score;
    if (confidence < MIN_CONFIDENCE) return null;
    return { opdId: best.unit.id, name: best.unit.name, confidence: Math.round(confidence * 100) / 100, via: 'similar' };
  }
}
