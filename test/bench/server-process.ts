/**
 * `sigap serve` as its own process for the server bench, exactly as a Pemda runs it (the prebuilt
 * command, `electron/cli/bin.js serve`), and the things measured from outside it: the health round
 * trip (the floor of any call: TLS, HTTP, the event loop), its CPU time and peak memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:https';
import { pinnedAgent } from '../../electron/remote/pinned-agent';

export interface ServeProcess {
  port: number;
  fingerprint: string;
  pid: number;
  /** utime + stime of the server process so far, in ms (Linux /proc). */
  cpuMs(): number;
  /** Peak resident memory so far, MB (VmHWM). */
  peakRssMb(): number;
  /** SIGTERM (a graceful stop: running calls finish), SIGKILL after 20 s; resolves when it has exited. */
  stop(): Promise<number | null>;
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

export async function startServe(dbUrl: string, work: string, nodeArgs: string[] = []): Promise<ServeProcess> {
  const bin = join(process.cwd(), 'electron/cli/bin.js');
  // XDG_CONFIG_HOME: the certificate a PostgreSQL-backed server keeps in its user-data folder goes to the bench's folder.
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, bin, 'serve', '--db', dbUrl, '--port', '0', '--log', join(work, 'server.log')], {
    env: { ...process.env, XDG_CONFIG_HOME: join(work, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(killer);
    return code;
  };
  // Whatever happens to the bench, the server does not outlive it.
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  try {
    const started = await Promise.race([
      new Promise<{ port: number; fingerprint: string }>((resolve) => {
        const look = () => {
          const port = /berjalan di https:\/\/[^:]+:(\d+)/.exec(out)?.[1];
          const fp = /Sidik jari SHA-256: ([0-9A-F:]+)/.exec(out)?.[1];
          if (port && fp) resolve({ port: Number(port), fingerprint: fp });
        };
        child.stdout!.on('data', look);
      }),
      exited.then((code) => {
        throw new Error(`sigap serve stopped before it started (exit ${code}):\n${out}${err}`);
      }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`sigap serve did not start within 60 s:\n${out}${err}`)), 60_000).unref()),
    ]);
    const pid = child.pid!;
    const stat = () => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return {
      ...started,
      pid,
      // Fields 14 and 15 of /proc/pid/stat (utime, stime), counted after the ") " that ends the name.
      cpuMs: () => (Number(stat()[11]) + Number(stat()[12])) * TICK_MS,
      peakRssMb: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
      stop: async () => {
        const code = await stop();
        process.off('exit', onExit);
        return code;
      },
    };
  } catch (e) {
    await stop();
    process.off('exit', onExit);
    throw e;
  }
}

/** GET /api/health over a pinned keep-alive connection of its own, every `everyMs` until stopped: round-trip times. */
export function healthProbe(port: number, fingerprint: string, everyMs: number) {
  const address = new URL(`https://127.0.0.1:${port}/`);
  const agent = pinnedAgent(address, fingerprint, { maxSockets: 1 });
  const times: number[] = [];
  let failed = 0;
  let running = true;
  const once = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = request({ host: '127.0.0.1', port, path: '/api/health', method: 'GET', agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) times.push(performance.now() - t0);
          else failed++;
          resolve();
        });
      });
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end();
    });
  const loop = (async () => {
    while (running) {
      await once();
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    times,
    failed: () => failed,
    stop: async () => {
      running = false;
      await loop;
      agent.destroy();
    },
  };
}
