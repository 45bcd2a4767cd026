/** The bulk-edit calls' names (plain strings, for the preload). Keep in step with roster-bulk-calls.ts. */
export const ROSTER_BULK_NAMES = ['roster.bulkPreview', 'roster.bulkApply'] as const;
