/** The print calls' names (plain strings, for the preload). Keep in step with print-calls.ts. */
export const PRINT_NAMES = [] as const;
