/** The reporting calls' names (plain strings, for the preload). Keep in step with reporting-calls.ts. */
export const REPORTING_NAMES = [] as const;
