import type { CoreContext } from '../context';
import { storeOf } from '../store/of-context';
import { personRepo } from '../roster/person-repository';

/**
 * NIK -> person id for the people a screen names (null: not in the roster), read at once for a list
 * (the DTOs of imported files and reconciliations link each person to the person page).
 */
export async function personIdsByNik(ctx: CoreContext, niks: readonly (string | null | undefined)[]): Promise<(nik: string | null | undefined) => number | null> {
  const ids = new Map<string, number | null>();
  await storeOf(ctx).tx('read', async (q) => {
    for (const nik of new Set(niks)) if (nik && !ids.has(nik)) ids.set(nik, (await personRepo.byNik(q, nik))?.id ?? null);
  });
  return (nik) => (nik ? (ids.get(nik) ?? null) : null);
}
