import type { FieldId, FundingCode, ReportKind } from '../../../shared/sipp-layouts';

/**
 * One thing the branch office has not been told yet, with what the files need to say about it.
 * `key` names the change across batches: `new:<person>`, `na:<engagement>`, `wage:<engagement>`,
 * `bpu:<person>`. A key in a submitted batch is not offered again.
 */
export interface PendingChange {
  kind: ReportKind;
  key: string;
  personId: number;
  engagementId: number;
  nik: string;
  name: string;
  birthPlace: string | null;
  birthDate: string | null;
  sex: 'L' | 'P' | null;
  address: string | null;
  phone: string | null;
  motherName: string | null;
  /** The person's own postal code, e-mail, marital status (Y/T) and work-location code (migration 0120). */
  postalCode: string | null;
  email: string | null;
  maritalStatus: string | null;
  workLocation: string | null;
  kpj: string | null;
  opdCode: string;
  opdName: string;
  opdKind: 'opd' | 'village';
  programs: string;
  position: string | null;
  /**
   * The wage BPJS is told (upah dilaporkan): the contribution base billing bills for `month`
   * (billing/base.ts: the reported wage or honor, raised to the wage floor for PU; the bracket's
   * declared income for BPU). 0 when it cannot be computed (see baseError).
   */
  reportedWage: number;
  /** The contribution month of the row: the roster date's month, or a wage change's BLTH. */
  month: string;
  /** Why the base could not be computed (a missing rate row or BPU bracket), or null. */
  baseError: string | null;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  /** Wage changes: the base reported before (the previous engagement's, or this one's before a new floor). */
  previousWage: number | null;
  /**
   * The NPP the change is reported under (settings/registrations.ts: the unit's registration, else the
   * category's, else the Pemda's); null while the Pemda's own NPP is not set. Absent: the Pemda's.
   */
  npp?: string | null;
}

export type ProblemSeverity = 'error' | 'warning';

/** What the branch would reject (error) or should look at (warning), per person and column. */
export interface ReportProblem {
  code: string;
  field: FieldId;
  /** The column as the built-in layout names it, so the clerk knows which cell is meant. */
  column: string;
  message: string;
  severity: ProblemSeverity;
}

export interface CheckedChange {
  change: PendingChange;
  problems: ReportProblem[];
  /** No error: the row goes into the files by default. */
  ok: boolean;
}

/** Facts every row of a batch shares. */
export interface ReportEnv {
  npp: string | null;
  /** The date the roster is read at (ISO); the batch's reference date. */
  asOf: string;
  /** Funding code for BPU participants of village units (OPD units are always SG). */
  villageFunding: FundingCode;
  referenceYear: number;
  /** SEBAB_NA code per kind of end reason (bpjs/na-reasons.ts); the seeded codes when absent. */
  naCodes?: Record<NaReasonKind, string>;
}

/**
 * The kinds of end reason the deactivation file tells apart, each written as the SEBAB_NA code of the
 * editable table (na-reasons.ts).
 */
export const NA_REASON_KINDS = ['resign', 'retirement', 'dismissal', 'contract_end'] as const;
export type NaReasonKind = (typeof NA_REASON_KINDS)[number];
