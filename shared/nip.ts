/**
 * An 18-digit NIP grouped as written on official documents and shown on screen alike:
 * `19780427 200801 2 008` (birth date, appointment month, sex, serial). Anything else is shown as typed.
 */
export function formatNip(nip: string | null | undefined): string | null {
  if (!nip) return null;
  const d = nip.replace(/\s/g, '');
  return /^\d{18}$/.test(d) ? `${d.slice(0, 8)} ${d.slice(8, 14)} ${d.slice(14, 15)} ${d.slice(15)}` : nip.trim();
}
