import type { ChannelName, Input, Output, ProgressEvent, SigapApi } from '../../shared/contract/index';
import type { ErrorCode } from '../../shared/errors';
import { createWebApi, servedByServer } from './web-bridge';

/** A refused bridge call: the core's code and its Indonesian message, ready to show next to a form. */
export class BridgeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/** What screens use: a call that returns the value or throws a BridgeError, and progress events. */
export interface Bridge {
  call<K extends ChannelName>(name: K, input: Input<K>): Promise<Output<K>>;
  onProgress(listener: (e: ProgressEvent) => void): () => void;
}

export function createBridge(api: SigapApi): Bridge {
  return {
    async call(name, input) {
      // The map type cannot follow K through the index; the contract types the call site.
      const fn = api[name] as (i: unknown) => ReturnType<SigapApi[typeof name]>;
      const reply = await fn(input);
      if (!reply.ok) throw new BridgeError(reply.error.code, reply.error.message);
      return reply.value as Output<typeof name>;
    },
    onProgress: (listener) => api.onProgress(listener),
  };
}

/** The preload's `window.sigap` (or, in a browser, the server's: web-bridge.ts); a page opened outside Sigap gets a clear message instead of a crash. */
export function windowBridge(): Bridge {
  let api = (window as unknown as { sigap?: SigapApi }).sigap;
  // In a browser there is no preload: a page served by `sigap serve` talks to it over HTTPS instead.
  if (!api && servedByServer()) {
    api = createWebApi({ fetch: window.fetch.bind(window), document, EventSource: window.EventSource }) as unknown as SigapApi;
    Object.defineProperty(window, 'sigap', { value: api, writable: false });
  }
  if (!api) {
    const missing = (): never => {
      throw new BridgeError('INTERNAL', 'Sigap harus dibuka melalui aplikasinya; penghubung ke data tidak tersedia.');
    };
    return { call: async () => missing(), onProgress: () => () => undefined };
  }
  return createBridge(api);
}

/** Any thrown value as a BridgeError, so screens show one kind of message. */
export function asBridgeError(e: unknown): BridgeError {
  if (e instanceof BridgeError) return e;
  return new BridgeError('INTERNAL', e instanceof Error ? e.message : 'Terjadi kesalahan yang tidak diketahui.');
}
