/** The coverage calls' names (plain strings, for the preload). Keep in step with coverage-calls.ts. */
export const COVERAGE_NAMES = [] as const;
