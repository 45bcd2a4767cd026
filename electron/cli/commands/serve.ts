import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { resolveDbPath } from '../../core/paths';
import { redactUrl } from '../../core/store/open-store';
import { dataDirFor, startServer, type SigapServer } from '../../server/server';
import { printWithChromium } from '../chromium-pdf';
import type { CliEnv } from '../context';

/**
 * How long a stop waits for the calls already running (a billing run, an SK import). After that the
 * process ends anyway: a call still running is cut, and its transaction is rolled back whole, as after
 * a power cut. The service recipes give the service manager longer than this (resources/server/,
 * checked by test/unit/server-service.test.ts).
 */
export const STOP_WAIT_MS = 5 * 60_000;

/** The exit code of a stop that did not wait for every running call (STOP_WAIT_MS passed). */
export const FORCED_STOP = 1;

export const SERVE_USAGE = `sigap serve [--db PATH|postgres://...] [--host 127.0.0.1] [--port 8443] [--cert FILE --key FILE] [--log FILE]`;

/** Resolves when the service is asked to stop: SIGTERM (systemd, Windows service wrappers) or SIGINT (Ctrl+C). */
function stopSignal(): Promise<string> {
  return new Promise((done) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGTERM', term);
      process.off('SIGINT', int);
      done(sig);
    };
    const term = () => on('SIGTERM');
    const int = () => on('SIGINT');
    process.on('SIGTERM', term);
    process.on('SIGINT', int);
  });
}

/**
 * `sigap serve`: the core as an HTTPS service for the Pemda's offices (electron/server/). Prints the
 * address and the certificate's SHA-256 fingerprint for clients to compare, then serves until SIGTERM
 * or SIGINT; running calls finish before the store closes, and the exit code is 0 (FORCED_STOP when
 * they outlast STOP_WAIT_MS).
 */
export async function serveCommand(args: string[], cx: CliEnv): Promise<number> {
  const code = await runServe(args, cx, stopSignal());
  // A forced stop leaves calls running and their connections open: the process ends now.
  if (code === FORCED_STOP) process.exit(code);
  return code;
}

export async function runServe(args: string[], cx: CliEnv, stop: Promise<unknown>, started?: (s: SigapServer) => void, stopWaitMs = STOP_WAIT_MS): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, log: { type: 'string' } },
  });
  const port = values.port === undefined ? 8443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    cx.io.err(`Port tidak sah: ${values.port}.\nPenggunaan:\n  ${SERVE_USAGE}\n`);
    return 2;
  }
  if (Boolean(values.cert) !== Boolean(values.key)) {
    cx.io.err(`--cert dan --key dipakai bersama.\nPenggunaan:\n  ${SERVE_USAGE}\n`);
    return 2;
  }
  const db = resolveDbPath(values.db, cx.env);
  const server = await startServer({
    db,
    host: values.host ?? '127.0.0.1',
    port,
    ...(values.cert && values.key ? { cert: { certPath: resolve(values.cert), keyPath: resolve(values.key) } } : {}),
    dataDir: dataDirFor(db, cx.env),
    ...(values.log ? { logFile: resolve(values.log) } : {}),
    printToPdf: (html, o) => printWithChromium(html, o),
    appVersion: cx.env.npm_package_version ?? '0.1.0',
    clock: () => new Date(),
  });
  const origin = { created: 'dibuat sekarang', reused: 'dipakai ulang', given: 'dari --cert' }[server.certificate.origin];
  cx.io.out(
    `Server Sigap berjalan di ${server.url} (basis data ${server.engine === 'postgres' ? redactUrl(db) : db}).\n` +
      `Sertifikat (${origin}): ${server.certificate.certPath}\n` +
      `Sidik jari SHA-256: ${server.certificate.fingerprint}\n` +
      `Log: ${server.logFile ?? '-'}\n`,
  );
  started?.(server);
  await stop;
  cx.io.err('Menghentikan server: menunggu perintah yang sedang berjalan selesai...\n');
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), stopWaitMs)));
  const how = await Promise.race([server.close().then(() => 'closed' as const), waited]);
  clearTimeout(timer);
  if (how === 'late') {
    cx.io.err(`Server dihentikan setelah menunggu ${Math.round(stopWaitMs / 1000)} detik: perintah yang masih berjalan tidak diselesaikan (perubahannya tersimpan utuh atau tidak sama sekali).\n`);
    return FORCED_STOP;
  }
  cx.io.err('Server berhenti.\n');
  return 0;
}
