/** Reporting to the BPJS branch office: what needs telling, the upload files, batches and the round trip. */
export { pendingChanges, awaitingKpj } from './pending';
export { checkChange, profileWarnings, type ProfileWarning } from './preflight';
export { preflight, reportEnv, type PreflightReport, type KindSummary, type PersonProblems, type ReportOptions } from './report';
export { exportBatch, type ExportOptions, type ExportResult, type ExportedFile } from './export';
export { listBatches, getBatch, cancelBatch, regenerateBatch, type BatchSummary, type BatchItem, type RegeneratedFile } from './batches';
export { listProfiles, getProfile, resolveProfile, saveProfile, editProfile, copyProfile, deleteProfile, checkConstant, type StoredProfile, type StoredColumn, type ProfileEdit } from './profiles';
export { profileFromTemplate, type TemplateProfileResult } from './template';
export { previewKpjImport, applyKpjImport, type KpjImportPreview, type KpjImportResult } from './import-kpj';
export type { ImportProblem } from './import-problems';
export type { PendingChange, ReportProblem, CheckedChange } from './types';
export { reconcileBill, type ReconcileReport, type SigapBilledLine, type AmountDifference, type ReconcilePerson } from './reconcile';
export { sigapBilledLines } from './sigap-billed';
export { PROGRAMS, type Program } from './bill-read';
export { listNaReasons, saveNaReason, naReasonKind, NA_REASON_KINDS, NA_REASON_LABELS, type NaReasonKind, type NaReasonRow } from './na-reasons';
export { missingPeople, type MissingPerson } from './required-missing';
export { fillPersonField, type FillEntry, type FillResult } from './fill-required';
export type { RequiredMissing } from './required';
