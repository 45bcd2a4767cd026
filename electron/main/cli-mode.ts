/**
 * `Sigap.exe --cli roster ...`: the installed app's own executable runs the `sigap` command, so the IT
 * office can script Sigap without Node. Not ELECTRON_RUN_AS_NODE, which the fuses turn off: this is the
 * ordinary Electron main process that, seeing the flag, never creates a window or takes the
 * single-instance lock (a script may run while a clerk has the app open).
 */
export const CLI_FLAG = '--cli';

/** The CLI's arguments when the flag is there (anything before it is Electron's or Chromium's), else null. */
export function cliArgv(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG);
  return at < 0 ? null : argv.slice(at + 1);
}

export interface CliModeDeps {
  /** The built CLI's `main` (electron/cli/main.ts; bundled into out/main by electron-vite). */
  load: () => Promise<{ main(argv: string[]): Promise<number> }>;
  /** app.exit: quits at once with the code, without the window-closing events. */
  exit: (code: number) => void;
  stdout: Pick<NodeJS.WriteStream, 'write' | 'on'>;
  stderr: Pick<NodeJS.WriteStream, 'write'>;
}

/** Waits until what was written has left the process: exiting right away could cut a piped report short. */
const drained = (s: Pick<NodeJS.WriteStream, 'write'>) => new Promise<void>((resolve) => void s.write('', () => resolve()));

/** Runs the CLI and exits with its code. A defect in loading it is one sentence, not a stack trace. */
export async function runCliMode(argv: string[], d: CliModeDeps): Promise<number> {
  // `Sigap.exe --cli arrears | more` closed early: the reader's choice, not an error of ours.
  d.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') d.exit(0);
  });
  let code: number;
  try {
    const { main } = await d.load();
    code = await main(argv);
  } catch (e) {
    d.stderr.write(`Galat: perintah sigap tidak dapat dijalankan: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
    code = 1;
  }
  await Promise.all([drained(d.stdout), drained(d.stderr)]);
  d.exit(code);
  return code;
}
