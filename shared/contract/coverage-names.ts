/** The coverage calls' names (plain strings, for the preload). Keep in step with coverage-calls.ts. */
export const COVERAGE_NAMES = [
  'coverage.summary', 'coverage.settings', 'coverage.saveSettings', 'coverage.report', 'coverage.reportPdf', 'coverage.yearly',
  'coverage.yearlyDoc', 'coverage.yearlyPdf', 'coverage.yearlyXlsx', 'forecast.run', 'forecast.doc', 'forecast.pdf', 'forecast.xlsx',
  'incident.list', 'incident.save', 'incident.report',
] as const;
