import { userInfo } from 'node:os';
import { openDatabase } from '../core/db/open';
import { resolveDbPath } from '../core/paths';
import { checkDatabaseToRead } from './db-guard';
import type { CoreContext } from '../core/context';
import { storeOf } from '../core/store/of-context';
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

export type CliContext = CoreContext & { close(): Promise<void>; dbPath: string };

/**
 * Opens the database named by `--db` (or SIGAP_DB, or the user-data default) for one command.
 * Asynchronous, as a database server's connection will be; `close()` ends the store's work first.
 */
export async function openCli(dbFlag: string | undefined, cx: CliEnv): Promise<CliContext> {
  const path = resolveDbPath(dbFlag, cx.env);
  if (cx.readOnly) checkDatabaseToRead(path, cx.readOnly);
  const { db, backupPath } = openDatabase(path, { clock: cx.clock });
  if (backupPath) cx.io.err(`Cadangan sebelum pembaruan skema: ${backupPath}\n`);
  const ctx: CoreContext = { db, actor: actor(cx.env), clock: cx.clock };
  return { ...ctx, close: () => storeOf(ctx).close(), dbPath: path };
}
