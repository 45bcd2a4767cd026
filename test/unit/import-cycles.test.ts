/**
 * No import loops (issue "One store behind one seam"): a module graph with a cycle has no order in
 * which each module is whole when another uses it, and the rooms it joins are no longer separate.
 * Walks every relative import (static, dynamic and `export … from`) under electron/, shared/ and
 * renderer/src, type-only imports included, and lists each cycle found.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const DIRS = ['electron', 'shared', 'renderer/src'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'node_modules' ? [] : files(p);
    return /\.(ts|tsx)$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of DIRS.flatMap((d) => files(join(ROOT, d)))) {
    const src = readFileSync(f, 'utf8');
    const deps = new Set<string>();
    for (const m of src.matchAll(IMPORT)) {
      const target = resolveImport(f, (m[1] ?? m[2])!);
      if (target) deps.add(target);
    }
    graph.set(f, [...deps]);
  }
  return graph;
}

/** Strongly connected components of more than one module (Tarjan), as sorted relative paths. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.map((c) => relative(ROOT, c)).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('import loops', () => {
  it('finds a loop when there is one (the detector works)', () => {
    const g = new Map([['/a', ['/b']], ['/b', ['/c']], ['/c', ['/a']], ['/d', ['/a']]]);
    expect(cycles(g)).toHaveLength(1);
    expect(cycles(g)[0]).toHaveLength(3);
  });
  it('there are none in electron/, shared/ and renderer/src', () => {
    expect(cycles(importGraph())).toEqual([]);
  });
});
