/** Who may do what. Checked in the main process for every bridge call, not only in the UI. */
export const ROLES = ['admin', 'hr', 'finance', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  hr: 'Kepegawaian (SK, pegawai, pelaporan)',
  finance: 'Keuangan (iuran, pembayaran)',
  viewer: 'Hanya lihat',
};

/** Roles that see NIK and KPJ in full; the others see `1804********0001`. */
export const SEES_IDENTITY: readonly Role[] = ['admin', 'hr'];

/**
 * Whether a role sees identity: NIK, KPJ, full birth date, mother's name, address and phone (what the
 * others get instead: shared/mask.ts). A role that does not see an identity may not search by it either:
 * for finance and viewer the roster search matches names only (roster/query.ts).
 */
export function seesIdentity(role: Role): boolean {
  return SEES_IDENTITY.includes(role);
}

/**
 * The roles a call needs, by the call's name: an exact name first, then its prefix (`sk.`), then `*`.
 * Reading calls are open to every signed-in role; writing calls to the role whose work they are.
 */
const ALL: readonly Role[] = ['admin', 'hr', 'finance', 'viewer'];

const RULES: Record<string, readonly Role[]> = {
  '*': ALL,
  'person.create': ['admin', 'hr'],
  'person.update': ['admin', 'hr'],
  'engagement.end': ['admin', 'hr'],
  'person.completion.': ['admin', 'hr'],
  'person.addException': ['admin', 'hr'],
  'person.endException': ['admin', 'hr'],
  // The decree record: the SK clerk attaches the scan and withdraws an SK; everyone reads and downloads.
  'decree.chooseScan': ['admin', 'hr'],
  'decree.attachScan': ['admin', 'hr'],
  'decree.undo': ['admin', 'hr'],
  // Its answer names the NIKs of people changed since: for those who may undo.
  'decree.undoCheck': ['admin', 'hr'],
  'roster.bulkPreview': ['admin', 'hr'],
  'roster.bulkApply': ['admin', 'hr'],
  'sk.': ['admin', 'hr'],
  'sk.saveTemplate': ['admin', 'hr'],
  'bpjs.': ['admin', 'hr'],
  // The BPJS files' status is for everyone to read; the branch office's bill is checked by finance too.
  'bpjs.preflight': ALL,
  'bpjs.pending': ALL,
  'bpjs.profiles': ALL,
  'bpjs.batches': ALL,
  'bpjs.batch': ALL,
  'bpjs.reconcile': ['admin', 'hr', 'finance'],
  'bpjs.chooseFile': ['admin', 'hr', 'finance'],
  'export.': ['admin', 'hr'],
  // Billing: a call under these prefixes is finance's unless it is named below as a read.
  'billing.': ['admin', 'finance'],
  'invoice.': ['admin', 'finance'],
  'payment.': ['admin', 'finance'],
  'rates.': ['admin', 'finance'],
  'billing.months': ALL,
  'billing.arrears': ALL,
  'invoice.list': ALL,
  'invoice.get': ALL,
  'invoice.lines': ALL,
  'payment.list': ALL,
  // The Pemda's payment to BPJS: finance records it, everyone reads it.
  'bpjsPayment.': ['admin', 'finance'],
  'bpjsPayment.month': ALL,
  'bpjsPayment.history': ALL,
  'rates.list': ALL,
  // Printed documents and the coverage and forecast views only read.
  'print.': ALL,
  'coverage.': ALL,
  'forecast.': ALL,
  'rates.delete': ['admin', 'finance'],
  'rates.saveBrackets': ['admin', 'finance'],
  'settings.saveEmployer': ['admin'],
  'registration.': ['admin'],
  'registration.list': ALL,
  'settings.chooseLogo': ['admin'],
  'opd.save': ['admin'],
  // Unit aliases are the SK clerk's to keep: the import wizard remembers them too.
  'opd.saveAlias': ['admin', 'hr'],
  'opd.deleteAlias': ['admin', 'hr'],
  'category.save': ['admin'],
  'incident.': ['admin', 'hr'],
  'incident.list': ['admin', 'hr', 'finance', 'viewer'],
  'coverage.saveSettings': ['admin'],
  'users.': ['admin'],
  'backup.': ['admin'],
  'audit.': ['admin'],
  'settings.setLockMinutes': ['admin'],
};

export function rolesFor(call: string): readonly Role[] {
  if (RULES[call]) return RULES[call]!;
  const prefix = Object.keys(RULES).filter((k) => k.endsWith('.') && call.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  return prefix ? RULES[prefix]! : RULES['*']!;
}

export function mayCall(role: Role, call: string): boolean {
  return rolesFor(call).includes(role);
}
