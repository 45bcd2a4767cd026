import type { CoreContext } from '../context';
import type { ReportKind } from '../../../shared/sipp-layouts';
import { iteratePending } from './pending';
import { checkChange } from './preflight';
import { resolveProfile } from './profiles';
import { reportEnv } from './report';
import { REQUIRED_EMPTY } from './required';

export interface MissingPerson {
  personId: number;
  nik: string;
  name: string;
  opdCode: string;
  opd: string;
}

/**
 * The people a required column is empty for, in the pending list's order (OPD, name), each once:
 * the table of the one-step fill. `limit` cuts the list; `total` stays whole.
 */
export async function missingPeople(ctx: CoreContext, kind: ReportKind, column: string, o: { profile?: string; limit?: number } = {}): Promise<{ total: number; people: MissingPerson[] }> {
  const env = await reportEnv(ctx);
  const profile = await resolveProfile(ctx, kind, o.profile);
  const seen = new Set<number>();
  const people: MissingPerson[] = [];
  for await (const change of iteratePending(ctx, kind, env.asOf)) {
    if (seen.has(change.personId)) continue;
    const c = checkChange(change, env, profile);
    if (!c.problems.some((p) => p.code === REQUIRED_EMPTY && p.column === column)) continue;
    seen.add(change.personId);
    if (people.length < (o.limit ?? Number.MAX_SAFE_INTEGER)) {
      people.push({ personId: change.personId, nik: change.nik, name: change.name, opdCode: change.opdCode, opd: change.opdName });
    }
  }
  return { total: seen.size, people };
}
