/** The reporting-settings and one-step fill calls' names (plain strings, for the preload). Keep in step with reporting-fill-calls.ts. */
export const REPORTING_FILL_NAMES = ['bpjs.profileCheck', 'bpjs.naReasons', 'bpjs.saveNaReason', 'bpjs.requiredPeople', 'bpjs.fillRequired'] as const;
