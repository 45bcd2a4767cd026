/** The reporting calls of the bridge contract: name -> { input, output } schemas. */
export const reportingCalls = {} as const;
