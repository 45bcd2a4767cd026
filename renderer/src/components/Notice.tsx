import type { ReactNode } from 'react';
import type { BridgeError } from '../bridge';

type Tone = 'info' | 'success' | 'warning' | 'danger';

/** A coloured message block. Errors and warnings are announced to screen readers. */
export function Notice({ tone, title, children }: { tone: Tone; title?: string; children?: ReactNode }) {
  const urgent = tone === 'danger' || tone === 'warning';
  return (
    <div className={`notice notice-${tone}`} role={urgent ? 'alert' : 'status'}>
      {title ? <strong className="notice-title">{title}</strong> : null}
      {children ? <div className="notice-body">{children}</div> : null}
    </div>
  );
}

/** The core's own Indonesian message for a refused call, next to the form that caused it. */
export function ErrorNote({ error }: { error: BridgeError | null }) {
  if (!error) return null;
  return (
    <Notice tone="danger" title={error.code === 'INTERNAL' ? 'Terjadi kesalahan' : 'Belum dapat disimpan'}>
      <span data-testid="error-message">{error.message}</span>
    </Notice>
  );
}
