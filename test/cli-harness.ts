import { main } from '../electron/cli/main';
import type { Io } from '../electron/cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

/** Runs the `sigap` CLI in-process with captured output and a fixed clock. */
export async function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; at?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (t) => void (stdout += t), err: (t) => void (stderr += t), isTty: false };
  const at = new Date(opts.at ?? '2026-01-20T03:00:00Z');
  const code = await main(args, { io, env: opts.env ?? {}, clock: () => at });
  return { code, stdout, stderr, json: <T,>() => JSON.parse(stdout) as T };
}
