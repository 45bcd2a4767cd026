import { createApi } from '../electron/core/api/create-api';
import { dispatch, type Handlers } from '../electron/core/api/dispatch';
import type { HostServices } from '../electron/core/api/host';
import type { ChannelName, Input, Output, ProgressEvent, Reply } from '../shared/contract/index';
import type { CoreContext } from '../electron/core/context';
import { printWithChromium } from '../electron/cli/chromium-pdf';

export interface TestHost extends HostServices {
  openQueue: (string | null)[];
  saveQueue: (string | null)[];
  folderQueue: (string | null)[];
  events: ProgressEvent[];
}

export function testHost(): TestHost {
  const h: TestHost = {
    appVersion: '0.0.0-test',
    backupDir: null,
    openQueue: [],
    saveQueue: [],
    folderQueue: [],
    events: [],
    chooseOpenFile: async () => h.openQueue.shift() ?? null,
    chooseSaveFile: async () => h.saveQueue.shift() ?? null,
    chooseFolder: async () => h.folderQueue.shift() ?? null,
    printToPdf: (html, opts) => printWithChromium(html, opts),
    progress: (e) => void h.events.push(e),
  };
  return h;
}

/** The bridge exactly as the renderer sees it: raw input in, Reply out, output checked against the contract. */
export function bridge(ctx: CoreContext, host: HostServices = testHost()) {
  const handlers: Handlers = createApi(ctx, host);
  const call = <K extends ChannelName>(name: K, input: Input<K>) => dispatch(handlers, name, input, { checkOutput: true }) as Promise<Reply<Output<K>>>;
  const ok = async <K extends ChannelName>(name: K, input: Input<K>): Promise<Output<K>> => {
    const r = await call(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  return { handlers, call, ok, raw: (name: unknown, input: unknown) => dispatch(handlers, name, input, { checkOutput: true }) };
}
