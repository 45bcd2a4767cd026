import { cloneElement, useId, type ReactElement } from 'react';

/**
 * A label over its control, with an optional hint below. The control gets the id and the hint's
 * description, so the label and hint are read with it.
 */
export function FormField({ label, hint, required, wide, children }: { label: string; hint?: string; required?: boolean; wide?: boolean; children: ReactElement<{ id?: string; 'aria-describedby'?: string }> }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {cloneElement(children, { id, ...(hint ? { 'aria-describedby': hintId } : {}) })}
      {hint ? <small id={hintId} className="hint">{hint}</small> : null}
    </div>
  );
}
