import { parseDateText } from '../../../shared/dates';
import { formatDateId } from '../format';

interface Props {
  value: string;
  onChange: (text: string) => void;
  id?: string;
  'aria-describedby'?: string;
}

/**
 * A date typed as text (`31-03-2026`, `31 Maret 2026`), with the date it is read as shown beside it,
 * so a day/month mix-up is seen before saving.
 */
export function DateInput({ value, onChange, id, 'aria-describedby': describedBy }: Props) {
  const iso = value.trim() === '' ? null : parseDateText(value);
  const bad = value.trim() !== '' && iso === null;
  return (
    <span className="date-input">
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="hh-bb-tttt"
        inputMode="numeric"
        maxLength={30}
        autoComplete="off"
        aria-invalid={bad || undefined}
        aria-describedby={describedBy}
      />
      <span className={bad ? 'date-read date-bad' : 'date-read'} aria-live="polite">
        {iso ? formatDateId(iso) : bad ? 'tidak terbaca' : ''}
      </span>
    </span>
  );
}
