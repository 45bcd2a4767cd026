/** The billing calls' names (plain strings, for the preload). Keep in step with billing-calls.ts. */
export const BILLING_NAMES = [] as const;
