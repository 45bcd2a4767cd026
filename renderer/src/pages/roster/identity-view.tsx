import { HIDDEN } from '../../../../shared/mask';
import { useSessionMaybe } from '../security/session';

/**
 * Whether the signed-in role sees NIK, KPJ, birth date, mother's name, address and phone in full
 * (admin, hr). Finance and viewer get them masked or hidden by the core, and search by name only.
 * Outside a session (renderer unit tests without the gate) the screens behave as for admin.
 */
export function useSeesIdentity(): boolean {
  const s = useSessionMaybe();
  return s ? s.status.seesIdentity : true;
}

/** What the screen writes in place of a value the role may not see. */
export function Hidden() {
  return (
    <span className="muted" title="Tidak ditampilkan untuk peran Anda">
      {HIDDEN}
    </span>
  );
}
