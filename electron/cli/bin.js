#!/usr/bin/env node
// The `sigap` command: runs the TypeScript core directly through tsx, the same code the app uses.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
