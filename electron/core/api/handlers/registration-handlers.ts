import type { CoreContext } from '../../context';
import type { registrationCalls } from '../../../../shared/contract/registration-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { deleteRegistration, listRegistrations, saveRegistration } from '../../settings/registrations';

type Names = keyof typeof registrationCalls;
export type RegistrationHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** Employer registrations (NPP): everyone reads, the administrator writes (shared/roles.ts). */
export function registrationHandlers(ctx: CoreContext): RegistrationHandlers {
  return {
    'registration.list': () => listRegistrations(ctx),
    'registration.save': async (input) => ({ id: await saveRegistration(ctx, input) }),
    'registration.delete': async ({ id }) => {
      await deleteRegistration(ctx, id);
      return null;
    },
  };
}
