import type { CoreContext } from '../context';
import { todayIso } from '../context';
import { SigapError } from '../errors';
import { getEmployer } from '../settings/employer';
import { isIsoDate } from '../../../shared/dates';
import { FUNDING_CODES, REPORT_KINDS, type FundingCode, type ReportKind } from '../../../shared/sipp-layouts';
import { awaitingKpj, iteratePending } from './pending';
import { checkChange, profileWarnings, type ProfileWarning } from './preflight';
import { resolveProfile } from './profiles';
import { naReasonCodes } from './na-reasons';
import { missingCounter, type RequiredMissing } from './required';
import type { CheckedChange, ReportEnv, ReportProblem } from './types';

export interface ReportOptions {
  /** The date the roster is read at (ISO); today in WIB by default. */
  asOf?: string;
  /** Funding code for BPU participants of village units; SD (village budget, APBDes) by default. */
  villageFunding?: FundingCode;
}

/** The shared facts of a report, with the options checked. */
export async function reportEnv(ctx: CoreContext, o: ReportOptions = {}): Promise<ReportEnv> {
  const asOf = o.asOf ?? (await todayIso(ctx));
  if (!isIsoDate(asOf)) throw new SigapError('INVALID_INPUT', `Tanggal acuan "${asOf}" tidak sah; tulis YYYY-MM-DD.`);
  const villageFunding = o.villageFunding ?? 'SD';
  if (!FUNDING_CODES.includes(villageFunding)) {
    throw new SigapError('INVALID_INPUT', `Kode sumber dana "${String(villageFunding)}" tidak dikenal; pilih ${FUNDING_CODES.join(', ')}.`);
  }
  return { npp: (await getEmployer(ctx))?.npp ?? null, asOf, villageFunding, referenceYear: Number(asOf.slice(0, 4)), naCodes: await naReasonCodes(ctx) };
}

export interface PersonProblems {
  key: string;
  /** The person to open for fixing the data. */
  personId: number;
  nik: string;
  name: string;
  opdCode: string;
  opd: string;
  problems: ReportProblem[];
}

export function personProblems(c: CheckedChange): PersonProblems {
  return { key: c.change.key, personId: c.change.personId, nik: c.change.nik, name: c.change.name, opdCode: c.change.opdCode, opd: c.change.opdName, problems: c.problems };
}

export interface KindSummary {
  kind: ReportKind;
  pending: number;
  /** Rows that pass (may carry warnings). */
  ready: number;
  /** People with at least one error: left out of the files unless written anyway. */
  blocked: PersonProblems[];
  /** People who pass with warnings. */
  warned: PersonProblems[];
  /** Remarks on the profile the files would be written with (once, not per person). */
  profileWarnings: ProfileWarning[];
  /** Required columns left empty, one line per column with how many people: filled in one step. */
  requiredMissing: RequiredMissing[];
}

export interface PreflightReport {
  asOf: string;
  npp: string | null;
  /** Registered in a submitted batch; their KPJ has not been imported yet. */
  awaitingKpj: number;
  kinds: KindSummary[];
}

/** What needs reporting, kind by kind, and what the branch would reject. Writes nothing. */
export async function preflight(ctx: CoreContext, o: ReportOptions & { kinds?: ReportKind[]; profiles?: Partial<Record<ReportKind, string>> } = {}): Promise<PreflightReport> {
  const env = await reportEnv(ctx, o);
  const kinds: KindSummary[] = [];
  for (const kind of o.kinds ?? [...REPORT_KINDS]) {
    const profile = await resolveProfile(ctx, kind, o.profiles?.[kind]);
    const summary: KindSummary = { kind, pending: 0, ready: 0, blocked: [], warned: [], profileWarnings: profileWarnings(profile), requiredMissing: [] };
    const missing = missingCounter();
    // Only the people with problems are kept: a clean roster of 100,000 costs no memory here.
    for await (const change of iteratePending(ctx, kind, env.asOf)) {
      const c = checkChange(change, env, profile);
      missing.add(c);
      summary.pending++;
      if (c.ok) summary.ready++;
      if (!c.ok) summary.blocked.push(personProblems(c));
      else if (c.problems.length > 0) summary.warned.push(personProblems(c));
    }
    summary.requiredMissing = missing.lines();
    kinds.push(summary);
  }
  return { asOf: env.asOf, npp: env.npp, awaitingKpj: await awaitingKpj(ctx), kinds };
}
