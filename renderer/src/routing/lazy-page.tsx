import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * A route page loaded on first visit, so the first chunk carries only the frame (layout, navigation,
 * session) and each screen's code — recharts only with Beranda — arrives when the clerk opens it.
 * `pick` names the page's export, since the pages use named exports.
 */
export function lazyPage<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): ReactNode {
  const Page = lazy(async () => ({ default: pick(await load()) }));
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

/** What shows while a screen's chunk loads (a few milliseconds from disk). */
export function PageLoading() {
  return (
    <p className="loading" role="status" data-testid="page-loading">
      Memuat…
    </p>
  );
}
