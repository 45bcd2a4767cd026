#!/usr/bin/env node
// The `sigap` command. It runs the prebuilt JavaScript in out/cli/ (`npm run build:cli`) when that is
// at least as new as every source file, and otherwise the TypeScript core directly through tsx, so a
// developer's edit is never hidden behind a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `sigap arrears | head`: the reader closed the pipe, which is not an error of ours.
process.stdout.on('error', (e) => {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const built = join(root, 'out/cli/main.mjs');

/** The newest modification time of the TypeScript sources the build is made from. */
function newestSource(dir, newest = 0) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = newestSource(p, newest);
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function buildIsFresh() {
  if (process.env.SIGAP_CLI_SOURCE === '1' || !existsSync(built)) return false;
  const sources = [join(root, 'electron/cli'), join(root, 'electron/core'), join(root, 'shared')].filter(existsSync);
  // An installed copy without sources (a package) has only the build.
  if (sources.length === 0) return true;
  const at = statSync(built).mtimeMs;
  return sources.every((d) => newestSource(d) <= at);
}

let main;
if (buildIsFresh()) {
  ({ main } = await import(pathToFileURL(built).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
