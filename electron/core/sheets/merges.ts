import type { Cell, SheetRow } from './cells';

/** A merged range: rows 1-based as the clerk sees them, columns 0-based. */
export interface MergeRange {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** `B7:B13` -> a range; null for anything else. */
export function parseRange(ref: string): MergeRange | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const a = { c: columnIndex(m[1]!), r: Number(m[2]) };
  const b = m[3] ? { c: columnIndex(m[3]), r: Number(m[4]) } : a;
  return { r1: Math.min(a.r, b.r), c1: Math.min(a.c, b.c), r2: Math.max(a.r, b.r), c2: Math.max(a.c, b.c) };
}

/** 0-based index of a column name (`A` -> 0, `AA` -> 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & 0xdf) - 64);
  return n - 1;
}

/**
 * Carries the value of a merge spanning several rows down its first column, as `row.merged`: an OPD
 * merged over seven rows shows on seven rows in Excel, so it is one OPD for seven people. Only the
 * vertical extent is carried: a title merged across A:H stays one cell, so title and group rows read as
 * they did. Rows must arrive in ascending order; a range is started when its top row passes.
 */
export class VerticalMerges {
  private pending: MergeRange[] = [];
  private sorted = true;
  private active: { c: number; r2: number; value: Cell }[] = [];

  add(range: MergeRange): void {
    if (range.r2 <= range.r1) return;
    this.pending.push(range);
    this.sorted = false;
  }

  get size(): number {
    return this.pending.length + this.active.length;
  }

  apply(row: SheetRow): void {
    if (!this.sorted) {
      // Ranges come in any order from <mergeCells>; sorted by top row, they are started in order.
      this.pending.sort((a, b) => a.r1 - b.r1);
      this.sorted = true;
    }
    if (this.active.length > 0) {
      this.active = this.active.filter((a) => a.r2 >= row.row);
      for (const a of this.active) {
        row.merged ??= [];
        row.merged[a.c] = a.value;
      }
    }
    while (this.pending.length > 0 && this.pending[0]!.r1 <= row.row) {
      const m = this.pending.shift()!;
      // The top row was not in the file (an empty row): there is nothing to carry.
      if (m.r1 === row.row) this.active.push({ c: m.c1, r2: m.r2, value: row.cells[m.c1] ?? null });
    }
  }
}

/** The row as the clerk sees it: cells covered by a merge from above show the merge's value. */
export function withMerged(row: SheetRow): SheetRow {
  if (!row.merged) return row;
  const cells = row.cells.slice();
  row.merged.forEach((v, i) => {
    if (v === undefined) return;
    while (cells.length <= i) cells.push(null);
    cells[i] = v;
  });
  return { ...row, cells };
}
