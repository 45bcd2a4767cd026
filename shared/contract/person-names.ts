/** The completion calls' names (plain strings, for the preload). Keep in step with person-calls.ts. */
export const PERSON_NAMES = ['person.completion.template', 'person.completion.chooseFile', 'person.completion.preview', 'person.completion.apply'] as const;
