/** The billing calls of the bridge contract: name -> { input, output } schemas. */
export const billingCalls = {} as const;
