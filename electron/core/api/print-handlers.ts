import type { CoreContext } from '../context';
import type { HostServices } from './host';
import type { printCalls } from '../../../shared/contract/print-calls';
import type { Output, ParsedInput } from '../../../shared/contract/index';

type Names = keyof typeof printCalls;
export type PrintHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** The print calls, implemented on the core. */
export function printHandlers(_ctx: CoreContext, _host: HostServices): PrintHandlers {
  return {};
}
