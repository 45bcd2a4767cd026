import { MONTHS_ID } from '../../../shared/dates';

/**
 * A month as two Indonesian selects. The browser's own month input names months in the operating
 * system's language, so it is not used.
 */
export function MonthPicker({ value, onChange, label, years }: { value: string; onChange: (month: string) => void; label: string; years: number[] }) {
  const [y, m] = value.split('-');
  const allYears = years.includes(Number(y)) ? years : [...years, Number(y)].sort((a, b) => a - b);
  return (
    <span className="month-picker" role="group" aria-label={label}>
      <select aria-label={`${label}: bulan`} value={m} onChange={(e) => onChange(`${y}-${e.target.value}`)}>
        {MONTHS_ID.map((name, i) => (
          <option key={name} value={String(i + 1).padStart(2, '0')}>
            {name}
          </option>
        ))}
      </select>
      <select aria-label={`${label}: tahun`} value={y} onChange={(e) => onChange(`${e.target.value}-${m}`)}>
        {allYears.map((year) => (
          <option key={year} value={year}>
            {year}
          </option>
        ))}
      </select>
    </span>
  );
}

/** The years a month picker offers around "today": five back (old decrees), one ahead (next year's SK). */
export function yearsAround(today: string): number[] {
  const now = Number(today.slice(0, 4));
  return Array.from({ length: 7 }, (_, i) => now - 5 + i);
}
