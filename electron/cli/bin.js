#!/usr/bin/env node
// The `sigap` command: runs the TypeScript core directly through tsx, the same code the app uses.
import { register } from 'tsx/esm/api';

// `sigap arrears | head`: the reader closed the pipe, which is not an error of ours.
process.stdout.on('error', (e) => {
  if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
