import type { CoreContext } from '../context';
import type { HostServices } from './host';
import type { coverageCalls } from '../../../shared/contract/coverage-calls';
import type { Output, ParsedInput } from '../../../shared/contract/index';

type Names = keyof typeof coverageCalls;
export type CoverageHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** The coverage calls, implemented on the core. */
export function coverageHandlers(_ctx: CoreContext, _host: HostServices): CoverageHandlers {
  return {};
}
