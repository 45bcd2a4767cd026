/** The registration calls' names (plain strings, for the preload). Keep in step with registration-calls.ts. */
export const REGISTRATION_NAMES = ['registration.list', 'registration.save', 'registration.delete'] as const;
