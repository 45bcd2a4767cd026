/** The person-billing calls' names (plain strings, for the preload). Keep in step with person-billing-calls.ts. */
export const PERSON_BILLING_NAMES = ['person.billing', 'person.addException', 'person.endException'] as const;
