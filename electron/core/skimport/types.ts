import type { Field } from './header';

export type Severity = 'error' | 'warning';

export interface Problem {
  sheet: string;
  /** The spreadsheet's own row number; 0 for a problem of the whole file or sheet. */
  row: number;
  /** Column letter (`C`), or '' when the problem is not about one cell. */
  column: string;
  /** The column's header as written in the file. */
  columnName: string;
  code: string;
  message: string;
  severity: Severity;
  nik?: string;
  name?: string;
}

/** One person row read from the appendix, before it meets the database. */
export interface ParsedRow {
  sheet: string;
  row: number;
  nik: string;
  name: string;
  birthPlace: string | null;
  birthDate: string | null;
  sex: 'L' | 'P' | null;
  education: string | null;
  position: string | null;
  unit: string | null;
  honor: number | null;
  tmt: string | null;
  note: string | null;
  address: string | null;
  phone: string | null;
  mother: string | null;
  kpj: string | null;
  /** True when the row has an error and is not applied. */
  invalid: boolean;
}

export interface SheetLayout {
  sheet: string;
  headerRows: number[];
  columns: Partial<Record<Field, number>>;
  labels: { index: number; label: string; field: Field | null }[];
  /** How the paying unit was found on this sheet. */
  unitSource: 'column' | 'group-rows' | 'sheet-name' | 'default' | 'none';
  dataRows: number;
  /** A few raw rows under the header, for the wizard's column check. */
  sample: { row: number; cells: string[] }[];
}

/** Column mapping chosen by the clerk when detection was wrong, per sheet name. */
export interface LayoutOverride {
  /** 1-based header row; data starts below it (or below the row of column numbers). */
  headerRow?: number;
  columns?: Partial<Record<Field, number>>;
  /** Skip this sheet entirely. */
  skip?: boolean;
}

export interface DecreeTitle {
  number: string | null;
  date: string | null;
  subject: string | null;
  signatory: string | null;
  tmt: string | null;
}

export interface ReadResult {
  file: string;
  sha256: string;
  sheets: SheetLayout[];
  rows: ParsedRow[];
  problems: Problem[];
  title: DecreeTitle;
}
