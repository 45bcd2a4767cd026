import type { ChannelName, Input, Output, ProgressEvent, Reply, SigapApi } from '../../shared/contract/index';
import { BridgeError, createBridge, type Bridge } from '../../renderer/src/bridge';

export type FakeHandlers = { [K in ChannelName]?: (input: Input<K>) => Output<K> | Promise<Output<K>> };

export interface FakeBridge extends Bridge {
  /** Every call in order, with its input. */
  calls: { name: ChannelName; input: unknown }[];
  emitProgress(e: ProgressEvent): void;
}

/**
 * A `window.sigap` built from a partial handler map, behind the real `createBridge`: a handler that
 * throws a BridgeError becomes an `{ ok: false }` reply, as the core's refusals do.
 */
export function fakeBridge(handlers: FakeHandlers): FakeBridge {
  const calls: FakeBridge['calls'] = [];
  const listeners = new Set<(e: ProgressEvent) => void>();
  const api = new Proxy({} as SigapApi, {
    get(_t, prop: string) {
      if (prop === 'onProgress') {
        return (l: (e: ProgressEvent) => void) => {
          listeners.add(l);
          return () => listeners.delete(l);
        };
      }
      return async (input: unknown): Promise<Reply<unknown>> => {
        calls.push({ name: prop as ChannelName, input });
        const h = (handlers as Record<string, ((i: unknown) => unknown) | undefined>)[prop];
        if (!h) return { ok: false, error: { code: 'INTERNAL', message: `Tidak ada tiruan untuk ${prop}.` } };
        try {
          return { ok: true, value: await h(input) };
        } catch (e) {
          if (e instanceof BridgeError) return { ok: false, error: { code: e.code, message: e.message } };
          throw e;
        }
      };
    },
  });
  return { ...createBridge(api), calls, emitProgress: (e) => listeners.forEach((l) => l(e)) };
}

export const appInfo: Output<'app.info'> = {
  version: '0.1.0',
  today: '2026-03-10',
  employer: { name: 'Pemerintah Kabupaten Lampung Barat', npp: '18040012', address: 'Liwa', jkkClass: 1, logo: null },
  counts: { persons: 3, decrees: 1, opds: 2 },
};

export const rosterOptions: Output<'roster.options'> = {
  opds: [
    { id: 1, code: '01', name: 'Dinas Sosial', kind: 'opd' },
    { id: 2, code: 'P01', name: 'Pekon Sebarus', kind: 'village' },
  ],
  categories: [
    { id: 1, name: 'Tenaga Non-ASN (Honorer)', segment: 'PU', programs: 'JKK,JKM' },
    { id: 2, name: 'Pekerja Rentan', segment: 'BPU', programs: 'JKK,JKM' },
  ],
  today: '2026-03-10',
};
