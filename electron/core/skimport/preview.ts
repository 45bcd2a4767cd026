import type { CoreContext } from '../context';
import { columnLetter } from '../sheets/cells';
import { isIsoDate, dayBefore, formatDateId } from '../../../shared/dates';
import { unitKey } from '../../../shared/person-fields';
import { findCategory, listCategories, type CategoryRow } from '../roster/units';
import { mapUnits, type UnitMapping } from './unit-resolve';
import type { Problem, ReadResult, ParsedRow } from './types';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { skImport, type CurrentEngagement, type RecordedDeath } from './import-repository';
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
  /**
   * The rows the apply writes: read without a problem and passing the database's checks. The rows as
   * read (`read.rows`) are never marked by those checks, so checking again after the roster moved (the
   * apply's re-check) starts from the file as read and finds the same problems again.
   */
  valid: ParsedRow[];
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

export type { CurrentEngagement } from './import-repository';

/** The category's roster just before `tmt`: engagements active the day before, or on, the TMT. */
export function currentRoster(q: Queries, categoryId: number, tmt: string): Promise<CurrentEngagement[]> {
  return skImport.currentRoster(q, categoryId, tmt, dayBefore(tmt));
}

export async function resolveDecree(ctx: CoreContext, read: ReadResult, input: DecreeInput): Promise<{ decree: ResolvedDecree | null; blocking: Preview['blocking'] }> {
  const q = storeOf(ctx);
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
  const category = await findCategory(ctx, input.category);
  if (!category) {
    const names = (await listCategories(ctx)).map((c) => c.name).join(', ');
    blocking.push({ code: 'CATEGORY_UNKNOWN', message: `Kategori "${input.category}" tidak dikenal. Pilihan: ${names}.` });
  }
  if (number !== '') {
    // A withdrawn SK gives its number and its file back: the corrected SK comes in under the same number.
    if (await skImport.appliedNumberExists(q, number)) blocking.push({ code: 'DECREE_EXISTS', message: `SK nomor ${number} sudah pernah diimpor.` });
  }
  const sameFile = await skImport.appliedNumberOfFile(q, read.sha256);
  if (sameFile !== null) blocking.push({ code: 'DECREE_FILE_EXISTS', message: `Berkas ini sudah pernah diimpor sebagai SK nomor ${sameFile}.` });
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

/**
 * Changes when anything may have changed the database since: this connection's writes, other
 * connections' commits (data_version) or a different connection altogether (a restore swaps it).
 */
export async function dbVersion(q: Queries, store: object): Promise<string> {
  return `${connectionSerial(store)}:${await skImport.changeCounters(q)}`;
}

const serials = new WeakMap<object, number>();
let nextSerial = 1;
function connectionSerial(store: object): number {
  let n = serials.get(store);
  if (n === undefined) serials.set(store, (n = nextSerial++));
  return n;
}

/**
 * Checks the rows against the database and works out the difference from the current roster. One read
 * transaction, so the figures agree with each other and with `dbVersion` (inside the apply's write
 * transaction it is a savepoint of that one).
 */
export function previewImport(ctx: CoreContext, read: ReadResult, input: DecreeInput): Promise<Preview> {
  const store = storeOf(ctx);
  return store.tx('read', async (q) => previewIn(ctx, q, await dbVersion(q, store), read, input));
}

async function previewIn(ctx: CoreContext, q: Queries, version: string, read: ReadResult, input: DecreeInput): Promise<Preview> {
  const { decree, blocking } = await resolveDecree(ctx, read, input);
  // Sigap's own template carries an instruction sheet: not a sheet the clerk needs to hear was skipped.
  const problems = read.problems.filter((p) => !(p.code === 'NO_HEADER' && p.sheet === TEMPLATE_GUIDE_SHEET));
  const empty: ImportDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  const failedChecks = decree ? await checkRows(q, read.rows, decree, problems, read) : new Set<ParsedRow>();
  const rejected = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const valid = read.rows.filter((r) => !r.invalid && !failedChecks.has(r));
  const units = await mapUnits(ctx, valid);
  const newUnits = units.filter((u) => u.status === 'proposed' || u.status === 'new').map((u) => u.read).sort();
  // The diff speaks of the unit each name resolves to (or is proposed as), so "DINKES" is no move from Dinas Kesehatan.
  const resolvedName = new Map(units.map((u) => [unitKey(u.read), u.opdName ?? u.read]));
  const unitOf = (u: string) => resolvedName.get(unitKey(u)) ?? u;
  if (!decree) return { read, input, dbVersion: version, decree, blocking, accepted: valid.length, valid, rejected, warnings, newUnits, units, diff: empty, toEnd: [] };

  const current = await currentRoster(q, decree.category.id, decree.tmtStart);
  const later = await skImport.laterEngagement(q, decree.category.id, decree.tmtStart);
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
  return { read, input, dbVersion: version, decree, blocking, accepted: valid.length, valid, rejected, warnings, newUnits, units, diff, toEnd };
}

/**
 * Each dead person's earliest recorded death by NIK: a death in the incident log, or an engagement ended
 * with a reason starting "Meninggal" (a death entered on the roster without an incident).
 */
async function recordedDeaths(q: Queries): Promise<Map<string, RecordedDeath>> {
  const out = new Map<string, RecordedDeath>();
  for (const r of await skImport.recordedDeaths(q)) {
    const had = out.get(r.nik);
    // The earliest date wins; on the same date the incident (with its number) is the better reference.
    if (!had || r.date < had.date || (r.date === had.date && had.incidentId === null && r.incidentId !== null)) out.set(r.nik, r);
  }
  return out;
}

/**
 * Row checks that need the database: NIK of a dead person, NIK active in another category, honor
 * required for wage earners. Returns the rows that failed one (the rows themselves are left as read).
 */
async function checkRows(q: Queries, rows: ParsedRow[], decree: ResolvedDecree, problems: Problem[], read: ReadResult): Promise<Set<ParsedRow>> {
  const failed = new Set<ParsedRow>();
  const others = await skImport.activeElsewhere(q, decree.category.id, decree.tmtStart, decree.tmtEnd);
  const otherByNik = new Map(others.map((o) => [o.nik, o]));
  const deaths = await recordedDeaths(q);
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
      failed.add(r);
      const source = death.incidentId !== null ? `kejadian #${death.incidentId}` : `penugasan diakhiri dengan alasan "${death.reason}"`;
      problems.push({
        sheet: r.sheet, row: r.row, ...nikCol(r.sheet), code: 'NIK_DECEASED', severity: 'error', nik: r.nik, name: r.name,
        message: `NIK ${r.nik} tercatat meninggal dunia pada ${formatDateId(death.date)} (${source}). Hapus dari lampiran SK, atau perbaiki catatan kejadian bila keliru.`,
      });
      continue;
    }
    const o = otherByNik.get(r.nik);
    if (o) {
      failed.add(r);
      problems.push({
        sheet: r.sheet, row: r.row, ...nikCol(r.sheet), code: 'NIK_ACTIVE_OTHER', severity: 'error', nik: r.nik, name: r.name,
        message: `NIK ${r.nik} masih aktif sebagai ${o.category} di ${o.opd}${o.number ? ` (SK ${o.number})` : ''}. Akhiri keterlibatan itu dahulu.`,
      });
      continue;
    }
    if (decree.category.segment === 'PU' && (r.honor === null || r.honor === 0)) {
      const l = read.sheets.find((s) => s.sheet === r.sheet)!;
      const idx = l.columns.honor;
      failed.add(r);
      problems.push({
        sheet: r.sheet, row: r.row, column: idx === undefined ? '' : columnLetter(idx), columnName: idx === undefined ? '' : (l.labels.find((x) => x.index === idx)?.label ?? ''),
        code: 'HONOR_EMPTY', severity: 'error', nik: r.nik, name: r.name,
        message: 'Honor kosong. Pegawai penerima upah (PU) memerlukan honor per bulan sebagai dasar iuran.',
      });
    }
  }
  return failed;
}
