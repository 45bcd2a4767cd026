/** The security calls of the bridge contract: name -> { input, output } schemas. */
export const securityCalls = {} as const;
