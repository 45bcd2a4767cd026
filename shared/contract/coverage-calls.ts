/** The coverage, forecast and incident calls of the bridge contract: name -> { input, output } schemas. */
export const coverageCalls = {} as const;
