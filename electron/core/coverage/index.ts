/** Coverage, next year's budget, the incident log and their printed reports. */
export { coverageSummary, monthMoney, PROGRAM_LIST, type CoverageSummary } from './summary';
export { coverageSettings, saveCoverageSettings, DEFAULT_SETTINGS, type CoverageSettings } from './settings';
export { forecastYear, FORECAST_PROGRAMS, type ForecastOptions, type ForecastResult } from './forecast';
export { yearlyContributions, type YearlyReport } from './yearly';
export {
  listIncidents, getIncident, saveIncident, markReported, addWorkingDays, benefitEstimate, deadlineStatus,
  INCIDENT_KINDS, INCIDENT_KIND_LABELS, DEATH_REASON, JKM_TOTAL, type IncidentRow, type IncidentInput,
} from './incidents';
export { coverageReportDoc, yearlyDoc, forecastDoc } from './docs';
export { writeForecastXlsx, writeYearlyXlsx, RKA_HEADER } from './xlsx';
