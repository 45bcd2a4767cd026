import type { CoreContext } from '../context';
import type { HostServices } from './host';
import type { billingCalls } from '../../../shared/contract/billing-calls';
import type { Output, ParsedInput } from '../../../shared/contract/index';

type Names = keyof typeof billingCalls;
export type BillingHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** The billing calls, implemented on the core. */
export function billingHandlers(_ctx: CoreContext, _host: HostServices): BillingHandlers {
  return {};
}
