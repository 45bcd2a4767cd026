import { userInfo } from 'node:os';
import { openDatabase } from '../core/db/open';
import { resolveDbPath } from '../core/paths';
import { checkDatabaseToRead } from './db-guard';
import type { CoreContext } from '../core/context';
import type { Io } from './io';

export interface CliEnv {
  io: Io;
  env: NodeJS.ProcessEnv;
  clock: () => Date;
  /** Set to the command's name when it only reads: a missing database is refused, not created. */
  readOnly?: string;
}

function actor(env: NodeJS.ProcessEnv): string {
  try {
    return `cli:${env.SIGAP_USER ?? userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Opens the database named by `--db` (or SIGAP_DB, or the user-data default) for one command. */
export function openCli(dbFlag: string | undefined, cx: CliEnv): CoreContext & { close(): void; dbPath: string } {
  const path = resolveDbPath(dbFlag, cx.env);
  if (cx.readOnly) checkDatabaseToRead(path, cx.readOnly);
  const { db, backupPath } = openDatabase(path, { clock: cx.clock });
  if (backupPath) cx.io.err(`Cadangan sebelum pembaruan skema: ${backupPath}\n`);
  return { db, actor: actor(cx.env), clock: cx.clock, close: () => db.close(), dbPath: path };
}
