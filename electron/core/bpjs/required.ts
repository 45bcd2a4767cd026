import { headerKey, type FieldId, type ProfileColumn } from '../../../shared/sipp-layouts';
import type { ContactField } from '../../../shared/person-contact';
import type { CheckedChange, ReportProblem } from './types';

/**
 * Which columns a profile requires. A clerk's profile marks them itself (`required` in columns_json);
 * the built-in registration layout requires STATUS_KAWIN and LOKASI_PEKERJAAN as the portal's mass
 * upload does (domain.md section 8 [L]: a public mock of the portal marks them required, and not the
 * mother's name, address or birth place).
 */
export const BUILTIN_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  'sipp-tk-baru': ['STATUS_KAWIN', 'LOKASI_PEKERJAAN'],
};

/** A column as profiles.ts stores it: a field, or a constant, and whether the portal requires it. */
export interface RequirableColumn extends ProfileColumn {
  value?: string;
  required?: boolean;
}

/** The built-in profile's columns with its required marks. */
export function markBuiltinRequired<C extends RequirableColumn>(profileName: string, columns: C[]): C[] {
  const req = new Set((BUILTIN_REQUIRED[profileName] ?? []).map(headerKey));
  return columns.map((c) => (req.has(headerKey(c.header)) ? { ...c, required: true } : c));
}

/**
 * Fields the pre-flight checks in their own words (NIK, name, dates, wage...): a required mark on
 * them only turns a warning into an error, it adds no second problem.
 */
export const CHECKED_FIELDS: ReadonlySet<FieldId> = new Set<FieldId>([
  'nik', 'idNumber', 'kpj', 'fullName', 'birthDate', 'birthPlace', 'motherName', 'sex', 'address', 'wage', 'income', 'eventDate',
]);

/** Person fields the clerk can set in one step for everyone missing them (shared/person-contact.ts). */
export const FILLABLE: Partial<Record<FieldId, ContactField>> = {
  maritalStatus: 'maritalStatus', workLocation: 'workLocation', postalCode: 'postalCode', email: 'email',
};

export const REQUIRED_EMPTY = 'REQUIRED_EMPTY';

/** The fields a profile requires (a required column with a constant is always filled). */
export function requiredFields(columns: readonly RequirableColumn[]): Set<FieldId> {
  return new Set(columns.filter((c) => c.required && c.field !== null && !(c.value ?? '').trim()).map((c) => c.field!));
}

/**
 * One error per required column the row would leave empty, naming the column. Fields with their own
 * check (CHECKED_FIELDS) are left to it; a required column filled by nothing at all is said once for
 * the profile (preflight.ts, profileWarnings).
 */
export function requiredProblems(columns: readonly RequirableColumn[], values: Record<FieldId, string>): ReportProblem[] {
  const out: ReportProblem[] = [];
  for (const c of columns) {
    if (!c.required || c.field === null || (c.value ?? '').trim() !== '' || CHECKED_FIELDS.has(c.field)) continue;
    if (values[c.field].trim() !== '') continue;
    out.push({ code: REQUIRED_EMPTY, field: c.field, column: c.header, message: `${c.header} wajib diisi untuk portal SIPP dan masih kosong.`, severity: 'error' });
  }
  return out;
}

/** One line of the pre-flight: "STATUS_KAWIN kosong untuk 40 orang", and whether one step fills it. */
export interface RequiredMissing {
  column: string;
  field: FieldId;
  count: number;
  /** The person field the one-step fill writes (null: fix it on each person's page). */
  fillable: ContactField | null;
}

/** Counts, per required column, the people whose row leaves it empty. */
export function missingCounter(): { add: (c: CheckedChange) => void; lines: () => RequiredMissing[] } {
  const by = new Map<string, RequiredMissing>();
  return {
    add(c) {
      for (const p of c.problems) {
        if (p.code !== REQUIRED_EMPTY) continue;
        const line = by.get(p.column) ?? { column: p.column, field: p.field, count: 0, fillable: FILLABLE[p.field] ?? null };
        line.count++;
        by.set(p.column, line);
      }
    },
    lines: () => [...by.values()],
  };
}
