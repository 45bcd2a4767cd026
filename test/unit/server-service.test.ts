/**
 * The service recipes for `sigap serve` (resources/server/): the systemd unit and the NSSM script for
 * Windows, read as the service managers read them, so that a change to the server (its command, its
 * options, how long a stop waits) cannot leave them wrong unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SERVE_USAGE, STOP_WAIT_MS } from '../../electron/cli/commands/serve';
import { DB_ENV } from '../../electron/core/paths';

const DIR = join(__dirname, '../../resources/server');
/** What a service manager must wait beyond sigap serve's own wait: the store's close, the log's end. */
const MARGIN_MS = 10_000;

/** A systemd unit file: sections of keys, each key with all its values in order (Environment= repeats). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | null = null;
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = pending + raw.trim();
    pending = '';
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.endsWith('\\')) {
      pending = `${line.slice(0, -1)} `;
      continue;
    }
    const head = /^\[(.+)\]$/.exec(line);
    if (head) {
      current = new Map();
      sections.set(head[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 1) throw new Error(`not a unit line: ${line}`);
    const key = line.slice(0, eq).trim();
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return sections;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, sec: 1, m: 60, min: 60, h: 3600 };

/** systemd's time spans: "330", "330s", "5min 30s", "infinity". */
function seconds(span: string): number {
  if (span === 'infinity') return Infinity;
  let total = 0;
  for (const part of span.split(/\s+/)) {
    const m = /^(\d+)(s|sec|m|min|h)?$/.exec(part);
    if (!m) throw new Error(`not a time span: ${span}`);
    total += Number(m[1]) * UNIT_SECONDS[m[2] ?? 's']!;
  }
  return total;
}

/** `KEY=value` lines of an environment file (comments and blanks skipped). */
function envFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    out.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return out;
}

/** The options `sigap serve` takes, read from its usage line: a recipe may use no other. */
const SERVE_OPTIONS = Object.fromEntries([...SERVE_USAGE.matchAll(/--([a-z-]+)/g)].map((m) => [m[1]!, { type: 'string' as const }]));

describe('the systemd unit (resources/server/sigap.service)', () => {
  const unit = parseUnit(readFileSync(join(DIR, 'sigap.service'), 'utf8'));
  const service = unit.get('Service')!;
  const one = (key: string) => {
    const v = service.get(key);
    expect(v, key).toHaveLength(1);
    return v![0]!;
  };
  const env = new Map((service.get('Environment') ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] as const));

  it('runs `sigap serve` with options it knows, logging to a file in its logs folder', () => {
    const argv = one('ExecStart').split(/\s+/);
    expect(argv[0]).toMatch(/^\/\S+\/node$/);
    expect(argv[1]).toMatch(/\/electron\/cli\/bin\.js$/);
    expect(argv[2]).toBe('serve');
    // The options parse as sigap serve parses them (unknown ones throw), after systemd's ${VAR} expansion.
    const expanded = argv.slice(3).map((a) => a.replace(/^\$\{(\w+)\}$/, (_m, k: string) => env.get(k) ?? ''));
    const { values } = parseArgs({ args: expanded, options: SERVE_OPTIONS, strict: true });
    expect(values.host).toBe('0.0.0.0');
    expect(Number(values.port)).toBeGreaterThan(1023); // no privilege needed to listen
    expect(values.log).toBe(`/var/log/${one('LogsDirectory')}/sigap-server.log`);
    // The database comes from the environment file: SIGAP_DB, which sigap reads when there is no --db.
    expect(values.db).toBeUndefined();
    expect(one('EnvironmentFile')).toBe('/etc/sigap/sigap.env');
  });

  it('runs as a user of its own, restarts after a crash, and keeps its certificate in its state folder', () => {
    expect(one('User')).toMatch(/^[a-z_][a-z0-9_-]*$/);
    expect(one('User')).not.toBe('root');
    expect(one('Group')).toBe(one('User'));
    expect(one('Restart')).toBe('on-failure');
    expect(seconds(one('RestartSec'))).toBeGreaterThan(0);
    // A server on PostgreSQL keeps its certificate under XDG_CONFIG_HOME: the state folder, kept across restarts.
    expect(env.get('XDG_CONFIG_HOME')).toBe(`/var/lib/${one('StateDirectory')}`);
    expect(one('StateDirectoryMode')).toBe('0700');
    expect(unit.get('Install')!.get('WantedBy')).toEqual(['multi-user.target']);
    expect(unit.get('Unit')!.get('After')![0]).toContain('network-online.target');
  });

  it('stops with SIGTERM and waits longer than sigap serve waits for running calls', () => {
    expect(one('KillSignal')).toBe('SIGTERM');
    expect(one('KillMode')).toBe('mixed');
    expect(seconds(one('TimeoutStopSec')) * 1000).toBeGreaterThanOrEqual(STOP_WAIT_MS + MARGIN_MS);
    // Not "forever" either: a hung process is killed in the end.
    expect(seconds(one('TimeoutStopSec'))).toBeLessThan(Infinity);
  });

  it('its environment file gives the database under the name sigap reads', () => {
    const sample = envFile(readFileSync(join(DIR, 'sigap.env'), 'utf8'));
    expect(sample.get(DB_ENV)).toMatch(/^postgres:\/\//);
    for (const [, arg] of one('ExecStart').matchAll(/\$\{(\w+)\}/g)) expect(sample.has(arg!) || env.has(arg!), arg).toBe(true);
  });
});

describe('the Windows service script (resources/server/sigap-service.cmd, NSSM)', () => {
  const file = readFileSync(join(DIR, 'sigap-service.cmd'), 'utf8');
  const text = file.replace(/\r\n/g, '\n');
  const vars = new Map([...text.matchAll(/^set "(\w+)=([^"]*)"$/gm)].map((m) => [m[1]!, m[2]!] as const));
  const expand = (s: string) => s.replace(/%(\w+)%/g, (_m, k: string) => vars.get(k) ?? `%${k}%`);
  /** `"%NSSM%" set Sigap <Param> <value…>`: each parameter's arguments, quotes taken off. */
  const settings = new Map<string, string[][]>();
  for (const m of text.matchAll(/^"%NSSM%" set Sigap (\w+) (.+)$/gm)) {
    const args = [...m[2]!.matchAll(/"([^"]*)"|(\S+)/g)].map((a) => expand(a[1] ?? a[2]!));
    settings.set(m[1]!, [...(settings.get(m[1]!) ?? []), args]);
  }
  const one = (key: string) => {
    const v = settings.get(key);
    expect(v, key).toHaveLength(1);
    return v![0]!;
  };

  it('installs Node running `sigap serve` with options it knows, logging to a file', () => {
    // cmd.exe reads a batch file line by line as Windows writes them.
    expect(file.split('\n').slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true);
    expect(text).toMatch(/^"%NSSM%" install Sigap "%NODE%"$/m);
    const [params] = one('AppParameters');
    const argv = params!.split(' ');
    expect(argv[0]).toMatch(/\\electron\\cli\\bin\.js$/);
    expect(argv[1]).toBe('serve');
    const { values } = parseArgs({ args: argv.slice(2), options: SERVE_OPTIONS, strict: true });
    expect(values.log).toMatch(/^C:\\ProgramData\\Sigap\\logs\\sigap-server\.log$/);
    expect(values.host).toBe('0.0.0.0');
    // The firewall opens the port it listens on.
    expect(text).toContain(`localport=${values.port}`);
    expect(one('AppEnvironmentExtra').some((e) => e.startsWith(`${DB_ENV}=`))).toBe(true);
  });

  it('runs as its own account, restarts after a crash but not after a stop', () => {
    const [account] = one('ObjectName');
    expect(account).toMatch(/^\.\\\w+$/);
    expect(account!.toLowerCase()).not.toMatch(/localsystem|administrator/);
    expect(settings.get('AppExit')).toEqual([['Default', 'Restart'], ['0', 'Exit']]);
    expect(Number(one('AppRestartDelay')[0])).toBeGreaterThan(0);
  });

  it('stops with Ctrl+C (SIGINT) first and waits longer than sigap serve waits for running calls', () => {
    expect(one('AppStopMethodSkip')).toEqual(['0']);
    expect(Number(one('AppStopMethodConsole')[0])).toBeGreaterThanOrEqual(STOP_WAIT_MS + MARGIN_MS);
  });
});
