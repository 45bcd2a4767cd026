/**
 * The bridge's call names as plain strings, so the preload can be generated from them without
 * bundling the schemas. `index.ts` checks at compile time that this list and the contract agree.
 */
import { BILLING_NAMES } from './billing-names';
import { REPORTING_NAMES } from './reporting-names';
import { REPORTING_FILL_NAMES } from './reporting-fill-names';
import { SECURITY_NAMES } from './security-names';
import { PRINT_NAMES } from './print-names';
import { COVERAGE_NAMES } from './coverage-names';
import { BPJS_PAYMENT_NAMES } from './bpjs-payment-names';
import { REGISTRATION_NAMES } from './registration-names';
import { PERSON_BILLING_NAMES } from './person-billing-names';
import { DECREE_NAMES } from './decree-names';
import { ROSTER_BULK_NAMES } from './roster-bulk-names';
import { FILES_NAMES } from './files-names';
import { PERSON_NAMES } from './person-names';

export const CORE_NAMES = [
  'app.info', 'dashboard.summary', 'roster.list', 'roster.options', 'roster.saveXlsx', 'person.get', 'person.create', 'person.update',
  'engagement.end', 'decree.list', 'sk.chooseFile', 'sk.inspect', 'sk.preview', 'sk.apply', 'sk.saveProblems', 'sk.saveTemplate', 'settings.employer',
  'settings.saveEmployer', 'settings.chooseLogo', 'opd.list', 'opd.save', 'opd.aliases', 'opd.saveAlias', 'opd.deleteAlias', 'category.list', 'category.save',
] as const;

export const CHANNEL_NAMES = [...CORE_NAMES, ...BILLING_NAMES, ...REPORTING_NAMES, ...REPORTING_FILL_NAMES, ...SECURITY_NAMES, ...PRINT_NAMES, ...COVERAGE_NAMES, ...BPJS_PAYMENT_NAMES, ...REGISTRATION_NAMES, ...DECREE_NAMES, ...ROSTER_BULK_NAMES, ...FILES_NAMES, ...PERSON_BILLING_NAMES, ...PERSON_NAMES] as const;

export const BRIDGE_GLOBAL = 'sigap';
export const PROGRESS_CHANNEL = 'sigap:progress';
export const channelOf = (name: string): string => `sigap:${name}`;
