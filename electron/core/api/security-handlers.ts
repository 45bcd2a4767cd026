import type { CoreContext } from '../context';
import type { HostServices } from './host';
import type { securityCalls } from '../../../shared/contract/security-calls';
import type { Output, ParsedInput } from '../../../shared/contract/index';

type Names = keyof typeof securityCalls;
export type SecurityHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** The security calls, implemented on the core. */
export function securityHandlers(_ctx: CoreContext, _host: HostServices): SecurityHandlers {
  return {};
}
