import { userInfo } from 'node:os';
import { isPostgresUrl, openStore } from '../core/store/open-store';
import type { Engine } from '../core/store/store';
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

/** `dbPath` is the `--db` argument as given: a file path, or a PostgreSQL URL when `engine` says so. */
export type CliContext = CoreContext & { close(): Promise<void>; dbPath: string; engine: Engine };

/**
 * Opens the database named by `--db` (or SIGAP_DB, or the user-data default) for one command.
 * Asynchronous, as a database server's connection will be; `close()` ends the store's work first.
 */
export async function openCli(dbFlag: string | undefined, cx: CliEnv): Promise<CliContext> {
  const path = resolveDbPath(dbFlag, cx.env);
  const pg = isPostgresUrl(path);
  if (cx.readOnly && !pg) checkDatabaseToRead(path, cx.readOnly);
  const opened = await openStore(path, { clock: cx.clock, poolMax: 2 });
  if (opened.backupPath) cx.io.err(`Cadangan sebelum pembaruan skema: ${opened.backupPath}\n`);
  const ctx: CoreContext = { ...opened.context, actor: actor(cx.env), clock: cx.clock };
  return { ...ctx, close: () => storeOf(ctx).close(), dbPath: path, engine: opened.engine };
}
