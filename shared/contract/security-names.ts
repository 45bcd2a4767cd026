/** The security calls' names (plain strings, for the preload). Keep in step with security-calls.ts. */
export const SECURITY_NAMES = [] as const;
