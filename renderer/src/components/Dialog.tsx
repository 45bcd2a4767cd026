import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface DialogProps {
  title: string;
  onClose: () => void;
  /** The form's submit: Enter in any field runs it. */
  onSubmit: () => void;
  submitLabel: string;
  busy?: boolean;
  /** False while the dialog's content is still loading. */
  canSubmit?: boolean;
  /** A destructive action gets the danger colour on its button. */
  danger?: boolean;
  wide?: boolean;
  children: ReactNode;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal form: focus moves into it and stays there (Tab cycles), Escape cancels, Enter submits, and
 * focus returns to what opened it.
 */
export function Dialog({ title, onClose, onSubmit, submitLabel, busy = false, canSubmit = true, danger = false, wide = false, children }: DialogProps) {
  const ref = useRef<HTMLFormElement>(null);
  const titleId = useId();

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])');
    (first ?? ref.current?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    return () => opener?.focus();
  }, []);

  // On the document, not the form: focus can sit outside it (on the page body after a click elsewhere).
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
        return;
      }
      if (e.key !== 'Tab' || !ref.current) return;
      const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const [head, tail] = [items[0], items[items.length - 1]];
      const inside = ref.current.contains(document.activeElement);
      if (e.shiftKey && (document.activeElement === head || !inside)) {
        e.preventDefault();
        tail?.focus();
      } else if (!e.shiftKey && (document.activeElement === tail || !inside)) {
        e.preventDefault();
        head?.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy && canSubmit) onSubmit();
  };

  // On the body, above the page and outside its layout (the page's spacing rules must not move it).
  return createPortal(
    <div className="dialog-backdrop">
      <form ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit} noValidate>
        <header className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Tutup" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">{children}</div>
        <footer className="dialog-foot">
          <button type="button" className="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className={danger ? 'button button-danger' : 'button button-primary'} disabled={!canSubmit} aria-disabled={busy || undefined} aria-busy={busy}>
            {busy ? 'Menyimpan…' : submitLabel}
          </button>
        </footer>
      </form>
    </div>,
    document.body,
  );
}
