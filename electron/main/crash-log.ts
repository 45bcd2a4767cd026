import type { App, RenderProcessGoneDetails } from 'electron';
import type { Activity } from './activity';

export interface Logger {
  info(...a: unknown[]): void;
  warn(...a: unknown[]): void;
  error(...a: unknown[]): void;
}

type ProcessLike = Pick<NodeJS.Process, 'on'>;

/**
 * Logs every way Sigap can fall over, each with what the clerk was doing: an uncaught exception or
 * unhandled rejection in main, a renderer or helper process gone. The core worker's error and exit are
 * logged by its client (see index.ts) with the same `activity`.
 */
export function installCrashLogging(proc: ProcessLike, app: Pick<App, 'on'>, log: Logger, activity: Activity): void {
  proc.on('uncaughtException', (e: Error) => log.error(`uncaughtException (${activity.describe()})`, e));
  proc.on('unhandledRejection', (reason: unknown) => log.error(`unhandledRejection (${activity.describe()})`, reason));
  app.on('render-process-gone', (_e: unknown, _wc: unknown, d: RenderProcessGoneDetails) =>
    log.error(`render-process-gone: ${d.reason} (exit code ${d.exitCode}) (${activity.describe()})`),
  );
  app.on('child-process-gone', (_e: unknown, d: { type: string; reason: string; exitCode: number }) =>
    log.error(`child-process-gone: ${d.type} ${d.reason} (exit code ${d.exitCode}) (${activity.describe()})`),
  );
}
