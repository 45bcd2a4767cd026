/**
 * The page side of a browser-hosted Sigap: builds the frozen `window.sigap` from the contract's names,
 * each call going to a binding the host exposes (`__sigapInvoke`). Used by the end-to-end tests and
 * the benchmark; it runs in the page, so it must not close over anything.
 */
export function installBridge({ names, global, progressEvent }: { names: string[]; global: string; progressEvent: string }) {
  const w = globalThis as unknown as Record<string, unknown> & {
    __sigapInvoke: (name: string, input: unknown) => Promise<unknown>;
    addEventListener(type: string, h: (e: { detail: unknown }) => void): void;
    removeEventListener(type: string, h: (e: { detail: unknown }) => void): void;
  };
  const api: Record<string, unknown> = {};
  for (const name of names) api[name] = (input: unknown) => w.__sigapInvoke(name, input);
  api.onProgress = (listener: (e: unknown) => void) => {
    const h = (e: { detail: unknown }) => listener(e.detail);
    w.addEventListener(progressEvent, h);
    return () => w.removeEventListener(progressEvent, h);
  };
  Object.defineProperty(w, global, { value: Object.freeze(api), writable: false });
}
