import type { CoreContext } from '../context';
import type { HostServices } from './host';
import type { reportingCalls } from '../../../shared/contract/reporting-calls';
import type { Output, ParsedInput } from '../../../shared/contract/index';

type Names = keyof typeof reportingCalls;
export type ReportingHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** The reporting calls, implemented on the core. */
export function reportingHandlers(_ctx: CoreContext, _host: HostServices): ReportingHandlers {
  return {};
}
