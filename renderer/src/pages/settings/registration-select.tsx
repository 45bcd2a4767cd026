import { useCallback } from 'react';
import type { RegistrationDto } from '../../../../shared/contract/registration-calls';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { DASH } from '../../format';

/** The employer registrations (NPP), the Pemda's own first (id null). */
export function useRegistrations() {
  const bridge = useBridge();
  return useLoad(useCallback(() => bridge.call('registration.list', {}), [bridge]));
}

/** `18040099 · RSUD Liwa (BLUD)`; the Pemda's own as `18040012 · NPP Pemda`. */
export function registrationLabel(r: RegistrationDto): string {
  return `${r.npp ?? '(NPP belum diisi)'} · ${r.id === null ? 'NPP Pemda' : r.name}`;
}

/** The NPP of a unit's or category's registration for a table cell: the Pemda's is shown muted. */
export function RegistrationCell({ regs, id, inherited }: { regs: RegistrationDto[] | null | undefined; id: number | null; inherited?: string }) {
  const r = regs?.find((x) => x.id === id);
  if (id === null) return <span className="muted">{inherited ?? `NPP Pemda${r?.npp ? ` (${r.npp})` : ''}`}</span>;
  if (!r) return <span className="muted">{DASH}</span>;
  return (
    <span>
      <span className="tabular">{r.npp}</span>
      <div className="muted small">{r.name}</div>
    </span>
  );
}

/** A select of the registrations; `nullLabel` names what "none" means where it is used. */
export function RegistrationSelect({ regs, value, onChange, nullLabel, id, ...aria }: {
  regs: RegistrationDto[];
  value: number | null;
  onChange: (id: number | null) => void;
  nullLabel: string;
  id?: string;
  'aria-describedby'?: string;
}) {
  return (
    <select id={id} aria-describedby={aria['aria-describedby']} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
      <option value="">{nullLabel}</option>
      {regs.filter((r) => r.id !== null).map((r) => (
        <option key={r.id} value={r.id!}>
          {registrationLabel(r)}
        </option>
      ))}
    </select>
  );
}
