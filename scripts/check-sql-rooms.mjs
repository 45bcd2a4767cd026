#!/usr/bin/env node
/**
 * SQL lives in repository files only (issue #12): outside `*-repository.ts`, electron/core/store/ and
 * electron/core/db/, no file under electron/ or shared/ may call `.prepare(`, write a sql`…` template
 * or use the raw handle's `.transaction(` or `.pragma(`, and better-sqlite3 is imported only where the SQLite file is opened or adapted (ALLOWED
 * below). oxlint's no-restricted-imports says the same about better-sqlite3 in the editor; this check
 * also sees `import('better-sqlite3')` type references and the SQL itself, which oxlint cannot.
 *
 *   node scripts/check-sql-rooms.mjs [--root DIR]     exit 0 clean, 1 violations (listed, counted per area)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SCANNED = ['electron', 'shared'];
const EXTENSIONS = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
/** Where SQL text may be written. */
const SQL_ROOMS = [/-repository\.ts$/, /^electron\/core\/store\//, /^electron\/core\/db\//];
/**
 * Where the driver may be imported: the SQLite adapter and its file mechanics (store/sqlite*.ts: a
 * backup's snapshot, opening a backup file to check it), the opener and its migrations.
 */
const DRIVER_ROOMS = [/^electron\/core\/store\/sqlite[a-z-]*\.ts$/, /^electron\/core\/db\/open\.ts$/, /^electron\/core\/db\/immediate\.ts$/, /^electron\/core\/db\/migrations\//];

const RULES = [
  { name: 'prepare', re: /\.prepare\s*\(/g, allowed: SQL_ROOMS, message: '.prepare( outside a repository' },
  { name: 'sql', re: /\bsql\s*`/g, allowed: SQL_ROOMS, message: 'sql`…` outside a repository' },
  // The raw handle's own transactions and pragmas: a transaction is storeOf(ctx).tx(…), a pragma the store's.
  { name: 'transaction', re: /\.transaction\s*\(/g, allowed: SQL_ROOMS, message: 'a raw .transaction( outside the store: use storeOf(ctx).tx(mode, fn)' },
  { name: 'pragma', re: /\.pragma\s*\(/g, allowed: SQL_ROOMS, message: '.pragma( outside the store and db/' },
  {
    name: 'driver',
    re: /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]better-sqlite3['"]/g,
    allowed: DRIVER_ROOMS,
    message: 'better-sqlite3 imported outside store/sqlite*.ts and db/open.ts',
  },
];

/** The text with comments blanked (newlines kept, so line numbers stay): a comment may name `.prepare(`. */
export function blankComments(text) {
  let out = '';
  let i = 0;
  let quote = null;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (quote) {
      out += c;
      if (c === '\\') {
        out += next ?? '';
        i += 2;
        continue;
      }
      if (c === quote) quote = null;
      i++;
    } else if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      if (c === "'" || c === '"' || c === '`') quote = c;
      out += c;
      i++;
    }
  }
  return out;
}

function* files(root, dir) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') yield* files(root, path);
    } else if (EXTENSIONS.test(e.name) && !e.name.endsWith('.d.ts')) yield path;
  }
}

/** The room a file belongs to, for the counts: core/<area>, core, cli, main, preload, shared. */
export function areaOf(path) {
  const p = path.split('/');
  if (p[0] === 'electron' && p[1] === 'core') return p.length > 3 ? `core/${p[2]}` : 'core';
  return p[0] === 'electron' ? p[1] : p[0];
}

export function check(root) {
  const violations = [];
  for (const top of SCANNED) {
    for (const path of files(root, top)) {
      const applicable = RULES.filter((r) => !r.allowed.some((room) => room.test(path)));
      if (applicable.length === 0) continue;
      const text = blankComments(readFileSync(join(root, path), 'utf8'));
      const lineStarts = [0];
      for (let k = 0; k < text.length; k++) if (text[k] === '\n') lineStarts.push(k + 1);
      const lineOf = (index) => {
        let lo = 0;
        let hi = lineStarts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (lineStarts[mid] <= index) lo = mid;
          else hi = mid - 1;
        }
        return lo + 1;
      };
      for (const rule of applicable) {
        for (const m of text.matchAll(rule.re)) violations.push({ path, line: lineOf(m.index), rule: rule.name, message: rule.message });
      }
    }
  }
  violations.sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
  return violations;
}

function main(argv) {
  const at = argv.indexOf('--root');
  const root = at >= 0 ? argv[at + 1] : process.cwd();
  const violations = check(root);
  if (violations.length === 0) {
    console.log('check-sql-rooms: no SQL outside repositories, better-sqlite3 only in the store and the opener.');
    return 0;
  }
  for (const v of violations) console.error(`${v.path}:${v.line}: ${v.message}`);
  const perArea = new Map();
  for (const v of violations) perArea.set(areaOf(v.path), (perArea.get(areaOf(v.path)) ?? 0) + 1);
  console.error(`\ncheck-sql-rooms: ${violations.length} violation(s) in ${new Set(violations.map((v) => v.path)).size} file(s):`);
  for (const [area, n] of [...perArea].sort((a, b) => b[1] - a[1])) console.error(`  ${area.padEnd(18)} ${n}`);
  return 1;
}

if (process.argv[1] && relative(process.argv[1], new URL(import.meta.url).pathname) === '') process.exitCode = main(process.argv.slice(2));
