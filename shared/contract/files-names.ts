/** The file calls' names (plain strings, for the preload). Keep in step with files-calls.ts. */
export const FILES_NAMES = ['files.reveal'] as const;
