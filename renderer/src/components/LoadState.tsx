import type { ReactNode } from 'react';
import type { Loaded } from '../hooks/use-load';
import { Notice } from './Notice';

/**
 * The three faces of loaded data: a quiet placeholder while the first answer is on its way, the
 * core's message with a retry on failure, and the content (kept while a reload runs).
 */
export function LoadState<T>({ load, children }: { load: Loaded<T>; children: (data: T) => ReactNode }) {
  if (load.data !== undefined) return <>{children(load.data)}</>;
  if (load.error) {
    return (
      <Notice tone="danger" title="Data tidak dapat dimuat">
        <p>{load.error.message}</p>
        <button type="button" className="button" onClick={load.reload}>
          Coba lagi
        </button>
      </Notice>
    );
  }
  return (
    <p className="loading" role="status">
      Memuat…
    </p>
  );
}
