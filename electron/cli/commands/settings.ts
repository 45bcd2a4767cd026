import { parseArgs } from 'node:util';
import { getEmployer, saveEmployer, type Employer, type SigningInput } from '../../core/settings/employer';
import { coverageSettings, saveCoverageSettings, type CoverageSettings } from '../../core/coverage/settings';
import { lockMinutes, setLockMinutes } from '../../core/auth/session';
import { SigapError } from '../../../shared/errors';
import { isZone } from '../../../shared/zone';
import { printJson } from '../io';
import { openCli, type CliEnv } from '../context';

/**
 * Every setting the app's Pengaturan screens hold, by the key the command line uses. The app's own
 * core functions save them (saveEmployer, saveCoverageSettings, setLockMinutes), so the same rules,
 * checks and audit rows apply as in the app.
 */
type Area = 'pemda' | 'signing' | 'coverage' | 'session';
interface Key {
  area: Area;
  field: string;
  label: string;
  kind: 'text' | 'number';
}

const KEYS: Record<string, Key> = {
  'pemda.nama': { area: 'pemda', field: 'name', label: 'Nama Pemda (pemberi kerja)', kind: 'text' },
  'pemda.npp': { area: 'pemda', field: 'npp', label: 'NPP BPJS Ketenagakerjaan', kind: 'text' },
  'pemda.alamat': { area: 'pemda', field: 'address', label: 'Alamat', kind: 'text' },
  'pemda.kelas-jkk': { area: 'pemda', field: 'jkkClass', label: 'Kelas risiko JKK (1-5)', kind: 'number' },
  'pemda.zona-waktu': { area: 'pemda', field: 'zone', label: 'Zona waktu: WIB, WITA atau WIT', kind: 'text' },
  'ttd.tempat': { area: 'signing', field: 'place', label: 'Tempat penandatanganan', kind: 'text' },
  'ttd.kantor': { area: 'signing', field: 'office', label: 'Kantor keuangan', kind: 'text' },
  'ttd.kepala-nama': { area: 'signing', field: 'headName', label: 'Kepala kantor keuangan: nama', kind: 'text' },
  'ttd.kepala-nip': { area: 'signing', field: 'headNip', label: 'Kepala kantor keuangan: NIP', kind: 'text' },
  'ttd.kepala-jabatan': { area: 'signing', field: 'headTitle', label: 'Kepala kantor keuangan: jabatan', kind: 'text' },
  'ttd.pembuat-nama': { area: 'signing', field: 'preparerName', label: 'Pembuat rekapitulasi: nama', kind: 'text' },
  'ttd.pembuat-nip': { area: 'signing', field: 'preparerNip', label: 'Pembuat rekapitulasi: NIP', kind: 'text' },
  'ttd.pembuat-jabatan': { area: 'signing', field: 'preparerTitle', label: 'Pembuat rekapitulasi: jabatan', kind: 'text' },
  'cakupan.kuota-desa': { area: 'coverage', field: 'villageQuota', label: 'Kuota pekerja rentan per desa', kind: 'number' },
  'cakupan.tahun-semesta': { area: 'coverage', field: 'semestaYear', label: 'Tahun data semesta pekerja', kind: 'number' },
  'cakupan.semesta-pekerja': { area: 'coverage', field: 'semestaPekerja', label: 'Semesta pekerja', kind: 'number' },
  'cakupan.peserta-pu-wilayah': { area: 'coverage', field: 'regionCoveredPu', label: 'Peserta PU di wilayah', kind: 'number' },
  'cakupan.peserta-bpu-wilayah': { area: 'coverage', field: 'regionCoveredBpu', label: 'Peserta BPU di wilayah', kind: 'number' },
  'kejadian.batas-hari-kerja': { area: 'coverage', field: 'incidentDeadlineDays', label: 'Batas hari kerja pelaporan kejadian', kind: 'number' },
  'anggaran.kenaikan-batas-jp': { area: 'coverage', field: 'jpCapGrowthPct', label: 'Asumsi kenaikan batas upah JP (%)', kind: 'number' },
  'sesi.kunci-menit': { area: 'session', field: 'lockMinutes', label: 'Kunci otomatis setelah tidak aktif (menit, 0 = tidak)', kind: 'number' },
};

const HELP = `Penggunaan:
  sigap settings show [--json] [--db PATH]
  sigap settings set KUNCI=NILAI [KUNCI=NILAI ...] [--db PATH]

Nilai kosong (KUNCI=) mengosongkan isian yang boleh kosong. Kunci:
${Object.entries(KEYS).map(([k, v]) => `  ${k.padEnd(28)} ${v.label}`).join('\n')}

Contoh:
  sigap settings set pemda.nama="Pemerintah Kabupaten Lampung Barat" pemda.npp=NN123456 pemda.kelas-jkk=1
`;

type Values = Record<string, string | number | null>;

function current(employer: Employer | null, cov: CoverageSettings, lock: number): Values {
  const out: Values = {};
  for (const [key, k] of Object.entries(KEYS)) {
    let v: string | number | null;
    if (k.area === 'pemda') v = employer ? ((employer as unknown as Record<string, string | number | null>)[k.field] ?? null) : null;
    else if (k.area === 'signing') v = employer ? ((employer.signing as unknown as Record<string, string | null>)[k.field] ?? null) : null;
    else if (k.area === 'coverage') v = (cov as unknown as Record<string, number | null>)[k.field] ?? null;
    else v = lock;
    out[key] = v;
  }
  return out;
}

/** `KEY=VALUE` pairs checked against the table before anything is written. */
function parsePairs(pairs: string[]): Map<string, string | number | null> {
  if (pairs.length === 0) throw new SigapError('INVALID_INPUT', 'Tuliskan sedikitnya satu KUNCI=NILAI, mis. pemda.npp=NN123456 (daftar kunci: sigap settings --help).');
  const out = new Map<string, string | number | null>();
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new SigapError('INVALID_INPUT', `"${p}" bukan KUNCI=NILAI (mis. pemda.npp=NN123456).`);
    const key = p.slice(0, eq).trim().toLowerCase();
    const raw = p.slice(eq + 1).trim();
    const k = KEYS[key];
    if (!k) throw new SigapError('INVALID_INPUT', `Kunci "${key}" tidak dikenal. Daftar kunci: sigap settings --help.`);
    if (raw === '') out.set(key, null);
    else if (k.kind === 'number') {
      const n = Number(raw.replace(',', '.'));
      if (!Number.isFinite(n)) throw new SigapError('INVALID_INPUT', `${k.label} (${key}) harus angka; tertulis "${raw}".`);
      out.set(key, n);
    } else out.set(key, raw);
  }
  return out;
}

export async function settingsCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    cx.io.out(HELP);
    return 0;
  }
  if (sub !== 'show' && sub !== 'set') {
    cx.io.err(HELP);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, db: { type: 'string' } } });
  if (sub === 'show' && positionals.length > 0) {
    cx.io.err(HELP);
    return 2;
  }
  // Checked before the database is opened: a typing mistake changes nothing.
  const changes = sub === 'set' ? parsePairs(positionals) : null;
  const ctx = await openCli(values.db, cx);
  try {
    if (changes) {
      const employer = await getEmployer(ctx);
      const byArea = (area: Area) => [...changes].filter(([key]) => KEYS[key]!.area === area).map(([key, v]) => [KEYS[key]!.field, v] as const);
      const pemda = byArea('pemda');
      const signing = byArea('signing');
      if (pemda.length > 0 || signing.length > 0) {
        const patch = Object.fromEntries(pemda) as Record<string, string | number | null>;
        const name = patch.name !== undefined ? patch.name : employer?.name;
        if (typeof name !== 'string' || name.trim() === '') {
          throw new SigapError('INVALID_INPUT', 'Nama Pemda belum diisi: sertakan pemda.nama="Pemerintah Kabupaten ..." pada perintah ini.');
        }
        const jkkClass = patch.jkkClass !== undefined ? patch.jkkClass : (employer?.jkkClass ?? 1);
        if (typeof jkkClass !== 'number' || !Number.isInteger(jkkClass) || jkkClass < 1 || jkkClass > 5) {
          throw new SigapError('INVALID_INPUT', 'Kelas risiko JKK (pemda.kelas-jkk) harus 1 sampai 5.');
        }
        const zone = patch.zone === undefined ? undefined : String(patch.zone ?? '').toUpperCase();
        if (zone !== undefined && !isZone(zone)) throw new SigapError('INVALID_INPUT', `Zona waktu (pemda.zona-waktu) harus WIB, WITA atau WIT; tertulis "${patch.zone ?? ''}".`);
        await saveEmployer(ctx, {
          zone,
          name: String(name),
          npp: patch.npp !== undefined ? (patch.npp === null ? null : String(patch.npp)) : (employer?.npp ?? null),
          address: patch.address !== undefined ? (patch.address === null ? null : String(patch.address)) : (employer?.address ?? null),
          jkkClass,
          signing: signing.length > 0 ? ({ ...(employer?.signing ?? {}), ...Object.fromEntries(signing.map(([f, v]) => [f, v === null ? null : String(v)])) } as SigningInput) : undefined,
        });
      }
      const cov = byArea('coverage');
      if (cov.length > 0) await saveCoverageSettings(ctx, Object.fromEntries(cov) as Partial<CoverageSettings>);
      const lock = changes.get('sesi.kunci-menit');
      if (lock !== undefined) {
        if (lock === null) throw new SigapError('INVALID_INPUT', 'sesi.kunci-menit wajib diisi (0 = tidak pernah terkunci).');
        await setLockMinutes(ctx, Number(lock));
      }
    }
    const shown = current(await getEmployer(ctx), await coverageSettings(ctx), await lockMinutes(ctx));
    if (values.json) printJson(cx.io, { settings: shown });
    else {
      const w = Math.max(...Object.keys(KEYS).map((k) => k.length));
      cx.io.out(`${Object.entries(shown).map(([k, v]) => `${k.padEnd(w)}  ${v === null ? '(kosong)' : String(v)}`).join('\n')}\n`);
      if (changes) cx.io.err(`${changes.size} pengaturan disimpan.\n`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
