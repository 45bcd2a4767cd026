/** The reporting calls' names (plain strings, for the preload). Keep in step with reporting-calls.ts. */
export const REPORTING_NAMES = [
  'bpjs.preflight', 'bpjs.pending', 'bpjs.profiles', 'bpjs.export', 'bpjs.batches', 'bpjs.batch', 'bpjs.batchCancel',
  'bpjs.batchRegenerate', 'bpjs.chooseFile', 'bpjs.profileFromTemplate', 'bpjs.profileEdit', 'bpjs.profileCopy', 'bpjs.profileDelete',
  'bpjs.importKpjPreview', 'bpjs.importKpjApply', 'bpjs.reconcile',
] as const;
