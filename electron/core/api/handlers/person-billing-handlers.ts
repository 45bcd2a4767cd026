import type { CoreContext } from '../../context';
import type { personBillingCalls } from '../../../../shared/contract/person-billing-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { personBilling } from '../../billing/person-billing';
import { addPersonException, endPersonException } from '../../billing/person-exceptions';

type Names = keyof typeof personBillingCalls;
export type PersonBillingHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** The person page's billing rules and the per-person exceptions, implemented on the core. */
export function personBillingHandlers(ctx: CoreContext): PersonBillingHandlers {
  return {
    'person.billing': ({ personId, month }) => personBilling(ctx, personId, month),
    'person.addException': async (input) => ({ id: await addPersonException(ctx, input) }),
    'person.endException': async ({ id, lastMonth }) => {
      await endPersonException(ctx, id, lastMonth);
      return null;
    },
  };
}
