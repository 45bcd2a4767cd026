/**
 * The calls whose file comes from an open dialog. Locally the core opens the dialog itself; against a
 * server the file must travel first (`POST /api/upload`, then the call with `x-sigap-upload`), so the
 * desktop opens its own dialog before the call. The server checks the extension again against the
 * core's own filters: these only make the desktop's dialog show the right files.
 */
export interface OpenDialog {
  title: string;
  filters: { name: string; extensions: string[] }[];
}

const SHEETS = { name: 'Lembar kerja (Excel, LibreOffice, CSV)', extensions: ['xlsx', 'xlsm', 'xls', 'ods', 'csv'] };

const FIXED: Record<string, OpenDialog> = {
  'sk.chooseFile': { title: 'Pilih lampiran SK', filters: [SHEETS] },
  'settings.chooseLogo': { title: 'Pilih logo Pemda', filters: [{ name: 'Gambar', extensions: ['png', 'jpg', 'jpeg'] }] },
  'decree.chooseScan': { title: 'Pilih pindaian SK yang ditandatangani', filters: [{ name: 'Pindaian SK (PDF, JPEG, PNG)', extensions: ['pdf', 'jpg', 'jpeg', 'png'] }] },
  'person.completion.chooseFile': { title: 'Pilih berkas isian data pegawai', filters: [SHEETS] },
  'backup.chooseFile': { title: 'Pilih berkas cadangan Sigap', filters: [{ name: 'Cadangan Sigap', extensions: ['sigapdb', 'sigapenc'] }] },
  'bpjsPayment.readBill': { title: 'Pilih rincian tagihan iuran dari kantor cabang BPJS', filters: [SHEETS] },
};

const BPJS: Record<string, OpenDialog> = {
  template: { title: 'Pilih templat kosong dari kantor cabang BPJS', filters: [{ name: 'Templat Excel', extensions: ['xlsx', 'xlsm'] }] },
  kpj: { title: 'Pilih daftar peserta dari kantor cabang BPJS', filters: [SHEETS] },
  bill: { title: 'Pilih rincian tagihan dari kantor cabang BPJS', filters: [SHEETS] },
};

/** The open dialog a call needs before it goes to the server, or null for a call without one. */
export function openDialogFor(name: string, input: unknown): OpenDialog | null {
  if (name === 'bpjs.chooseFile') {
    const purpose = (input as { purpose?: unknown } | null)?.purpose;
    return typeof purpose === 'string' && Object.hasOwn(BPJS, purpose) ? BPJS[purpose]! : null;
  }
  return Object.hasOwn(FIXED, name) ? FIXED[name]! : null;
}

/**
 * Calls that only read: after a connection drops mid-call they are sent again. Everything else is a
 * write and is never repeated blindly (the server's transaction either committed or not; the clerk is
 * told to look before trying again).
 */
export function isReadCall(name: string): boolean {
  const verb = name.slice(name.lastIndexOf('.') + 1);
  return /^(list|get|info|status|options|summary|employer|aliases|month|history|records|rates|preflight|inspect|preview|check|show|view)/.test(verb) || name === 'app.info';
}
