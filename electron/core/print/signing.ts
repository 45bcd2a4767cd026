/**
 * The configured signing settings as the printed documents use them: the town for "Place, date" lines
 * and the billing finance office (BPKAD / Badan Keuangan Daerah) with its two signatories.
 */
import type { CoreContext } from '../context';
import { getSigning } from '../settings/employer';
import { signingPlace } from '../billing/header';
import type { SignatureBlock } from './page';

export interface FinanceOffice {
  /** The office's name for the letterhead's unit line; null prints the Pemda alone. */
  office: string | null;
  head: SignatureBlock;
  preparer: SignatureBlock;
  place: string | null;
}

/**
 * The finance office that issues the month recap and reminder letters. Titles fall back to generic
 * wording when not configured (the head's title to "Kepala <office>" when only the office is known);
 * empty names and NIPs stay null so the signature block prints dotted lines.
 */
export async function financeOffice(ctx: CoreContext, pemda: string, fallbacks: { headTitle: string; preparerTitle: string }): Promise<FinanceOffice> {
  const s = await getSigning(ctx);
  return {
    office: s.office,
    head: { title: s.headTitle ?? (s.office ? `Kepala ${s.office}` : fallbacks.headTitle), name: s.headName, nip: s.headNip },
    preparer: { title: s.preparerTitle ?? fallbacks.preparerTitle, name: s.preparerName, nip: s.preparerNip },
    place: await signingPlace(ctx, pemda),
  };
}
