/** The decree record's call names (plain strings, for the preload). Keep in step with decree-calls.ts. */
export const DECREE_NAMES = [
  'decree.records', 'decree.chooseScan', 'decree.attachScan', 'decree.viewScan', 'decree.saveScan', 'decree.undoCheck', 'decree.undo',
] as const;
