import type { ProgressEvent } from '../../../shared/contract/index';
import { formatNumber } from '../format';

/**
 * A determinate bar when the total is known; while a file is being read the total is not known yet,
 * so the bar runs indeterminate and the row count is shown instead.
 */
export function ProgressBar({ label, event }: { label: string; event: ProgressEvent | null }) {
  const total = event?.total ?? null;
  const pct = total ? Math.min(100, Math.round(((event?.done ?? 0) / total) * 100)) : null;
  const detail = !event
    ? ''
    : total
      ? `${formatNumber(event.done)} dari ${formatNumber(total)} baris (${pct}%)`
      : event.done > 0
        ? `${formatNumber(event.done)} baris`
        : '';
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-text">
        <span>{event?.phase ?? label}…</span>
        <span className="muted">{detail}</span>
      </div>
      <div
        className={pct === null ? 'progress-track progress-indeterminate' : 'progress-track'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(pct === null ? {} : { 'aria-valuenow': pct })}
      >
        <div className="progress-fill" style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}
