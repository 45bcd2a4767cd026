import type { CoreContext } from '../context';
import { columnLetter } from './cells';
import { isIsoDate, dayBefore, formatDateId } from '../../../shared/dates';
import { unitKey } from '../../../shared/person-fields';
import { findCategory, listCategories, type CategoryRow } from '../roster/units';
import { mapUnits, type UnitMapping } from './unit-resolve';
import type { Problem, ReadResult, ParsedRow } from './types';
import { TEMPLATE_GUIDE_SHEET } from './template';

export interface DecreeInput {
  number?: string;
  date?: string;
  subject?: string;
  signatory?: string;
  tmt?: string;
  tmtEnd?: string;
  category?: string;
  /** `replace`: the SK is the whole roster of its category (people not in it are ended). `amend`: adds or changes only those listed. */
  mode?: 'replace' | 'amend';
}

export interface DiffPerson {
  nik: string;
  name: string;
  opd: string;
  honor: number;
}

export interface DiffChange {
  nik: string;
  name: string;
  fromOpd: string;
  toOpd: string;
  fromHonor: number;
  toHonor: number;
  moved: boolean;
  honorChanged: boolean;
}

export interface ImportDiff {
  added: DiffPerson[];
  removed: DiffPerson[];
  changed: DiffChange[];
  unchanged: number;
}

export interface ResolvedDecree {
  number: string;
  date: string | null;
  subject: string | null;
  signatory: string | null;
  tmtStart: string;
  tmtEnd: string;
  category: CategoryRow;
  mode: 'replace' | 'amend';
}

export interface Preview {
  read: ReadResult;
  input: DecreeInput;
  /** The database's change counters when the preview was made (see `dbVersion`). */
  dbVersion: string;
  /** Null when something blocks the import as a whole (see `blocking`). */
  decree: ResolvedDecree | null;
  /** Reasons the SK cannot be applied at all (missing number, already imported, ...). */
  blocking: { code: string; message: string }[];
  accepted: number;
  rejected: Problem[];
  warnings: Problem[];
  /** Unit names in the file that match no OPD yet; applying creates them. */
  newUnits: string[];
  /** Per distinct unit name read: the known unit it is, the one proposed for it, or none (see unit-resolve.ts). */
  units: UnitMapping[];
  diff: ImportDiff;
  /** Current engagements the apply step ends, with the person they belong to. */
  toEnd: { engagementId: number; personId: number; nik: string; removed: boolean }[];
}

export interface CurrentEngagement {
  id: number;
  person_id: number;
  nik: string;
  name: string;
  opd: string;
  honor: number;
  start_date: string;
  end_date: string | null;
  decree_number: string | null;
}

/** The category's roster just before `tmt`: engagements active the day before, or on, the TMT. */
export function currentRoster(ctx: CoreContext, categoryId: number, tmt: string): CurrentEngagement[] {
  return ctx.db
    .prepare(
      `SELECT e.id, e.person_id, p.nik, p.name, o.name AS opd, e.honor, e.start_date, e.end_date, d.number AS decree_number
       FROM engagement e JOIN person p ON p.id = e.person_id JOIN opd o ON o.id = e.opd_id
       LEFT JOIN decree d ON d.id = e.decree_id
       WHERE e.category_id = ? AND e.start_date <= ? AND (e.end_date IS NULL OR e.end_date >= ?)
       ORDER BY e.start_date`,
    )
    .all(categoryId, tmt, dayBefore(tmt)) as CurrentEngagement[];
}

export function resolveDecree(ctx: CoreContext, read: ReadResult, input: DecreeInput): { decree: ResolvedDecree | null; blocking: Preview['blocking'] } {
  const blocking: Preview['blocking'] = [];
  const number = (input.number ?? read.title.number ?? '').trim();
  if (number === '') blocking.push({ code: 'DECREE_NUMBER_MISSING', message: 'Nomor SK tidak ditemukan di baris judul lampiran (baris "NOMOR : ..." di atas judul kolom). Isi kotak "Nomor SK" pada bagian Data SK.' });
  const date = input.date ?? read.title.date ?? null;
  if (date !== null && !isIsoDate(date)) blocking.push({ code: 'DECREE_DATE_INVALID', message: `Tanggal SK "${date}" tidak sah (format YYYY-MM-DD).` });
  const tmt = input.tmt ?? read.title.tmt ?? date ?? null;
  if (tmt === null) blocking.push({ code: 'TMT_MISSING', message: 'TMT (terhitung mulai tanggal) SK tidak diketahui: tidak ada di judul lampiran dan tanggal SK pun tidak ada. Isi kotak "TMT (terhitung mulai tanggal)" pada bagian Data SK.' });
  else if (!isIsoDate(tmt)) blocking.push({ code: 'TMT_INVALID', message: `TMT "${tmt}" tidak sah (format YYYY-MM-DD).` });
  const tmtEnd = input.tmtEnd ?? (tmt && isIsoDate(tmt) ? `${tmt.slice(0, 4)}-12-31` : null);
  if (tmtEnd !== null && tmt !== null && (!isIsoDate(tmtEnd) || tmtEnd < tmt)) {
    blocking.push({ code: 'TMT_END_INVALID', message: `Akhir masa berlaku SK "${tmtEnd}" tidak sah atau sebelum TMT.` });
  }
  const category = findCategory(ctx, input.category);
  if (!category) {
    const names = listCategories(ctx).map((c) => c.name).join(', ');
    blocking.push({ code: 'CATEGORY_UNKNOWN', message: `Kategori "${input.category}" tidak dikenal. Pilihan: ${names}.` });
  }
  if (number !== '') {
    // A withdrawn SK gives its number and its file back: the corrected SK comes in under the same number.
    const same = ctx.db.prepare("SELECT number FROM decree WHERE number = ? AND status = 'applied'").get(number);
    if (same) blocking.push({ code: 'DECREE_EXISTS', message: `SK nomor ${number} sudah pernah diimpor.` });
  }
  const sameFile = ctx.db.prepare("SELECT number FROM decree WHERE source_sha256 = ? AND status = 'applied'").get(read.sha256) as { number: string } | undefined;
  if (sameFile) blocking.push({ code: 'DECREE_FILE_EXISTS', message: `Berkas ini sudah pernah diimpor sebagai SK nomor ${sameFile.number}.` });
  if (blocking.length > 0 || !category || tmt === null || tmtEnd === null) return { decree: null, blocking };
  return {
    decree: {
      number, date, tmtStart: tmt, tmtEnd, category,
      subject: input.subject ?? read.title.subject ?? null,
      signatory: input.signatory ?? read.title.signatory ?? null,
      mode: input.mode ?? 'replace',
    },
    blocking,
  };
}

/** Checks the rows against the database and works out the difference from the current roster. */
/**
 * Changes whenever the database does: this connection's change counter, and SQLite's data_version for
 * commits by other connections (another process such as the CLI).
 */
/**
 * Changes when anything may have changed the database since: this connection's writes, other
 * connections' commits (data_version) or a different connection altogether (a restore swaps it).
 */
export function dbVersion(ctx: CoreContext): string {
  const t = ctx.db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${connectionSerial(ctx.db)}:${t}:${ctx.db.pragma('data_version', { simple: true })}`;
}

const serials = new WeakMap<object, number>();
let nextSerial = 1;
function connectionSerial(db: object): number {
  let n = serials.get(db);
  if (n === undefined) serials.set(db, (n = nextSerial++));
  return n;
}

export function previewImport(ctx: CoreContext, read: ReadResult, input: DecreeInput): Preview {
  const version = dbVersion(ctx);
  const { decree, blocking } = resolveDecree(ctx, read, input);
  // Sigap's own template carries an instruction sheet: not a sheet the clerk needs to hear was skipped.
  const problems = read.problems.filter((p) => !(p.code === 'NO_HEADER' && p.sheet === TEMPLATE_GUIDE_SHEET));
  const empty: ImportDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  if (decree) checkRows(ctx, read.rows, decree, problems, read);
  const rejected = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const valid = read.rows.filter((r) => !r.invalid);
  const units = mapUnits(ctx, read.rows);
  const newUnits = units.filter((u) => u.status === 'proposed' || u.status === 'new').map((u) => u.read).sort();
  // The diff speaks of the unit each name resolves to (or is proposed as), so "DINKES" is no move from Dinas Kesehatan.
  const resolvedName = new Map(units.map((u) => [unitKey(u.read), u.opdName ?? u.read]));
  const unitOf = (u: string) => resolvedName.get(unitKey(u)) ?? u;
  if (!decree) return { read, input, dbVersion: version, decree, blocking, accepted: valid.length, rejected, warnings, newUnits, units, diff: empty, toEnd: [] };

  const current = currentRoster(ctx, decree.category.id, decree.tmtStart);
  const later = ctx.db
    .prepare(
      `SELECT d.number, e.start_date FROM engagement e LEFT JOIN decree d ON d.id = e.decree_id
       WHERE e.category_id = ? AND e.start_date >= ? AND e.end_date IS NOT e.start_date LIMIT 1`,
    )
    .get(decree.category.id, decree.tmtStart) as { number: string | null; start_date: string } | undefined;
  if (later && decree.mode === 'replace') {
    blocking.push({
      code: 'DECREE_OVERLAP',
      message: `Sudah ada SK kategori ini dengan TMT yang sama atau lebih baru (${later.number ?? 'input manual'}, TMT ${later.start_date}). SK pengganti harus ber-TMT setelahnya.`,
    });
  }
  const latest = new Map<string, CurrentEngagement>();
  for (const c of current) latest.set(c.nik, c);
  const diff: ImportDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const r of valid) {
    seen.add(r.nik);
    const before = latest.get(r.nik);
    const honor = r.honor ?? 0;
    if (!before) diff.added.push({ nik: r.nik, name: r.name, opd: unitOf(r.unit!), honor });
    else {
      const moved = unitKey(before.opd) !== unitKey(unitOf(r.unit!));
      const honorChanged = before.honor !== honor;
      if (moved || honorChanged) {
        diff.changed.push({ nik: r.nik, name: r.name, fromOpd: before.opd, toOpd: unitOf(r.unit!), fromHonor: before.honor, toHonor: honor, moved, honorChanged });
      } else diff.unchanged++;
    }
  }
  const toEnd: Preview['toEnd'] = [];
  for (const c of current) {
    const inFile = seen.has(c.nik);
    if (!inFile && decree.mode === 'amend') continue;
    if (!inFile && latest.get(c.nik) === c) diff.removed.push({ nik: c.nik, name: c.name, opd: c.opd, honor: c.honor });
    if (c.start_date >= decree.tmtStart && !blocking.some((b) => b.code === 'DECREE_OVERLAP')) {
      blocking.push({ code: 'DECREE_OVERLAP', message: `${c.name} (NIK ${c.nik}) sudah memiliki keterlibatan mulai ${c.start_date} (SK ${c.decree_number ?? 'input manual'}); TMT SK ini harus setelahnya.` });
    }
    if (c.end_date === null || c.end_date >= decree.tmtStart) toEnd.push({ engagementId: c.id, personId: c.person_id, nik: c.nik, removed: !inFile });
  }
  return { read, input, dbVersion: version, decree, blocking, accepted: valid.length, rejected, warnings, newUnits, units, diff, toEnd };
}

/**
 * Each dead person's earliest recorded death by NIK: a death in the incident log, or an engagement ended
 * with a reason starting "Meninggal" (a death entered on the roster without an incident).
 */
function recordedDeaths(ctx: CoreContext): Map<string, { date: string; incidentId: number | null; reason: string | null }> {
  const rows = ctx.db
    .prepare(
      `SELECT p.nik, i.date, i.id AS incidentId, NULL AS reason FROM incident i JOIN person p ON p.id = i.person_id
       WHERE i.kind IN ('death', 'work_death')
       UNION ALL
       SELECT p.nik, e.end_date, NULL, e.end_reason FROM engagement e JOIN person p ON p.id = e.person_id
       WHERE e.end_date IS NOT NULL AND e.end_reason LIKE 'Meninggal%'`,
    )
    .all() as { nik: string; date: string; incidentId: number | null; reason: string | null }[];
  const out = new Map<string, { date: string; incidentId: number | null; reason: string | null }>();
  for (const r of rows) {
    const had = out.get(r.nik);
    // The earliest date wins; on the same date the incident (with its number) is the better reference.
    if (!had || r.date < had.date || (r.date === had.date && had.incidentId === null && r.incidentId !== null)) out.set(r.nik, r);
  }
  return out;
}

/** Row checks that need the database: NIK of a dead person, NIK active in another category, honor required for wage earners. */
function checkRows(ctx: CoreContext, rows: ParsedRow[], decree: ResolvedDecree, problems: Problem[], read: ReadResult): void {
  const others = ctx.db
    .prepare(
      `SELECT p.nik, c.name AS category, o.name AS opd, d.number
       FROM engagement e JOIN person p ON p.id = e.person_id JOIN category c ON c.id = e.category_id
       JOIN opd o ON o.id = e.opd_id LEFT JOIN decree d ON d.id = e.decree_id
       WHERE e.category_id <> ? AND e.start_date <= ? AND (e.end_date IS NULL OR e.end_date >= ?)`,
    )
    .all(decree.category.id, decree.tmtEnd, decree.tmtStart) as { nik: string; category: string; opd: string; number: string | null }[];
  const otherByNik = new Map(others.map((o) => [o.nik, o]));
  const deaths = recordedDeaths(ctx);
  const nikCol = (sheet: string) => {
    const l = read.sheets.find((s) => s.sheet === sheet)!;
    const idx = l.columns.nik!;
    return { column: columnLetter(idx), columnName: l.labels.find((x) => x.index === idx)?.label ?? 'NIK' };
  };
  for (const r of rows) {
    if (r.invalid) continue;
    // The start the apply step gives the row (apply.ts): its own TMT when inside the SK's term.
    const start = r.tmt && r.tmt > decree.tmtStart && r.tmt <= decree.tmtEnd ? r.tmt : decree.tmtStart;
    const death = deaths.get(r.nik);
    if (death && death.date < start) {
      r.invalid = true;
      const source = death.incidentId !== null ? `kejadian #${death.incidentId}` : `penugasan diakhiri dengan alasan "${death.reason}"`;
      problems.push({
        sheet: r.sheet, row: r.row, ...nikCol(r.sheet), code: 'NIK_DECEASED', severity: 'error', nik: r.nik, name: r.name,
        message: `NIK ${r.nik} tercatat meninggal dunia pada ${formatDateId(death.date)} (${source}). Hapus dari lampiran SK, atau perbaiki catatan kejadian bila keliru.`,
      });
      continue;
    }
    const o = otherByNik.get(r.nik);
    if (o) {
      r.invalid = true;
      problems.push({
        sheet: r.sheet, row: r.row, ...nikCol(r.sheet), code: 'NIK_ACTIVE_OTHER', severity: 'error', nik: r.nik, name: r.name,
        message: `NIK ${r.nik} masih aktif sebagai ${o.category} di ${o.opd}${o.number ? ` (SK ${o.number})` : ''}. Akhiri keterlibatan itu dahulu.`,
      });
      continue;
    }
    if (decree.category.segment === 'PU' && (r.honor === null || r.honor === 0)) {
      const l = read.sheets.find((s) => s.sheet === r.sheet)!;
      const idx = l.columns.honor;
      r.invalid = true;
      problems.push({
        sheet: r.sheet, row: r.row, column: idx === undefined ? '' : columnLetter(idx), columnName: idx === undefined ? '' : (l.labels.find((x) => x.index === idx)?.label ?? ''),
        code: 'HONOR_EMPTY', severity: 'error', nik: r.nik, name: r.name,
        message: 'Honor kosong. Pegawai penerima upah (PU) memerlukan honor per bulan sebagai dasar iuran.',
      });
    }
  }
}
