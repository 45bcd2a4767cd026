import type { CoreContext } from '../context';
import { storeOf } from '../store/of-context';
import { participantRepo } from './participant-repository';

/**
 * NIK -> person id for the people a screen names (null: not in the roster), read at once for a list
 * (the DTOs of imported files and reconciliations link each person to the person page).
 */
export async function personIdsByNik(ctx: CoreContext, niks: readonly (string | null | undefined)[]): Promise<(nik: string | null | undefined) => number | null> {
  // One statement for the whole list.
  const people = await participantRepo.byNiks(storeOf(ctx), niks.filter((n): n is string => Boolean(n)));
  return (nik) => (nik ? (people.get(nik)?.id ?? null) : null);
}
