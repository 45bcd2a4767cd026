import { useState } from 'react';
import { asBridgeError } from '../bridge';
import { useBridge } from '../bridge-context';
import '../styles/reveal.css';

/**
 * The `fileId` the core adds to a reply that reports a written file (core/files/saved-files.ts), or
 * undefined. Takes the reply as it is: not every save call's schema names the field.
 */
export function fileIdOf(reply: unknown): string | undefined {
  const id = typeof reply === 'object' && reply !== null ? (reply as { fileId?: unknown }).fileId : undefined;
  return typeof id === 'string' && /^[a-z]{24}$/.test(id) ? id : undefined;
}

/**
 * "Buka folder" beside a saved file: the main process shows it selected in Explorer. The renderer passes
 * the core's opaque id back and never names a path. Renders nothing for a reply without an id.
 */
export function RevealButton({ saved, label = 'Buka folder' }: { saved: unknown; label?: string }) {
  const bridge = useBridge();
  const [error, setError] = useState<string | null>(null);
  const fileId = fileIdOf(saved);
  if (!fileId) return null;
  return (
    <>
      <button
        type="button"
        className="button reveal-button"
        onClick={() => {
          setError(null);
          bridge.call('files.reveal', { fileId }).catch((e: unknown) => setError(asBridgeError(e).message));
        }}
      >
        {label}
      </button>
      {error ? (
        <span className="reveal-error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </>
  );
}
