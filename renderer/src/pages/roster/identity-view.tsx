import type { PersonDetailDto } from '../../../../shared/contract/index';
import { HIDDEN } from '../../../../shared/mask';
import { CONTACT_LABELS } from '../../../../shared/person-contact';
import { DASH } from '../../format';
import { useSessionMaybe } from '../../session/session';

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

const MARITAL_LABELS = { Y: 'Kawin (Y)', T: 'Tidak kawin (T)' } as const;

/**
 * The contact fields of migration 0120 as rows of the person page's identity list (inside its <dl>):
 * the value, "disembunyikan" for a role that may not see it, or a dash when unknown.
 */
export function ContactFacts({ p }: { p: PersonDetailDto['person'] }) {
  const shown = (v: string | null | undefined) => v ?? (p.identityHidden === true ? <Hidden /> : DASH);
  return (
    <>
      <dt>{CONTACT_LABELS.postalCode}</dt>
      <dd className="tabular" data-testid="postal-code">{shown(p.postalCode)}</dd>
      <dt>{CONTACT_LABELS.email}</dt>
      <dd data-testid="email">{shown(p.email)}</dd>
      <dt>{CONTACT_LABELS.maritalStatus}</dt>
      <dd data-testid="marital-status">{shown(p.maritalStatus ? MARITAL_LABELS[p.maritalStatus] : null)}</dd>
      <dt>{CONTACT_LABELS.workLocation}</dt>
      <dd data-testid="work-location">{shown(p.workLocation)}</dd>
    </>
  );
}
