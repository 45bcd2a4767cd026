import { z } from 'zod';
import { empty, id, month, nothing, progressEvent } from './common';
import { engagementEnd, personCreate, personDetail, personUpdate, rosterExport, rosterFilter, rosterOptions, rosterPage } from './roster';
import { decreeDto, skApplyInput, skApplyResult, skChosenFile, skPreview, skPreviewInput, skSheetHeads, skTemplateSaved, fileToken } from './sk';
import { appInfo, categoryList, categorySave, categorySaved, dashboard, employerDto, employerSave, opdDto, opdSave, unitAliasDto, unitAliasSave } from './settings';
import type { ErrorCode } from '../errors';
import { CHANNEL_NAMES } from './names';
import { billingCalls } from './billing-calls';
import { reportingCalls } from './reporting-calls';
import { reportingFillCalls } from './reporting-fill-calls';
import { securityCalls } from './security-calls';
import { printCalls } from './print-calls';
import { coverageCalls } from './coverage-calls';
import { bpjsPaymentCalls } from './bpjs-payment-calls';
import { registrationCalls } from './registration-calls';
import { personBillingCalls } from './person-billing-calls';
import { decreeCalls } from './decree-calls';
import { rosterBulkCalls } from './roster-bulk-calls';
import { fileId, filesCalls } from './files-calls';
import { personCalls } from './person-calls';

/**
 * The whole surface between the renderer and the main process. The preload exposes one function per
 * name; main registers a handler for every name; inputs are parsed as `unknown` with these schemas.
 */
export const contract = {
  'app.info': { input: empty, output: appInfo },
  'dashboard.summary': { input: z.object({ month }).strict(), output: dashboard },
  'roster.list': { input: rosterFilter, output: rosterPage },
  'roster.options': { input: empty, output: rosterOptions },
  'roster.saveXlsx': { input: rosterExport, output: z.object({ path: z.string(), rows: z.number(), fileId: fileId.optional() }).nullable() },
  'person.get': { input: z.object({ personId: id }).strict(), output: personDetail },
  'person.create': { input: personCreate, output: z.object({ personId: z.number(), engagementId: z.number() }) },
  'person.update': { input: personUpdate, output: nothing },
  'engagement.end': { input: engagementEnd, output: nothing },
  'decree.list': { input: empty, output: z.array(decreeDto) },
  'sk.chooseFile': { input: empty, output: skChosenFile },
  'sk.inspect': { input: z.object({ token: fileToken }).strict(), output: skSheetHeads },
  'sk.preview': { input: skPreviewInput, output: skPreview },
  'sk.apply': { input: skApplyInput, output: skApplyResult },
  'sk.saveProblems': { input: z.object({ previewId: fileToken }).strict(), output: z.object({ path: z.string(), rows: z.number(), fileId: fileId.optional() }).nullable() },
  'sk.saveTemplate': { input: empty, output: skTemplateSaved },
  'settings.employer': { input: empty, output: employerDto.nullable() },
  'settings.saveEmployer': { input: employerSave, output: nothing },
  'settings.chooseLogo': { input: empty, output: z.string().nullable() },
  'opd.list': { input: empty, output: z.array(opdDto) },
  'opd.save': { input: opdSave, output: z.object({ id: z.number() }) },
  'opd.aliases': { input: empty, output: z.array(unitAliasDto) },
  'opd.saveAlias': { input: unitAliasSave, output: z.object({ id: z.number() }) },
  'opd.deleteAlias': { input: z.object({ id }).strict(), output: nothing },
  'category.list': { input: empty, output: categoryList },
  'category.save': { input: categorySave, output: categorySaved },
  ...billingCalls,
  ...reportingCalls,
  ...reportingFillCalls,
  ...securityCalls,
  ...printCalls,
  ...coverageCalls,
  ...bpjsPaymentCalls,
  ...registrationCalls,
  ...personBillingCalls,
  ...decreeCalls,
  ...rosterBulkCalls,
  ...filesCalls,
  ...personCalls,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const CHANNELS = Object.keys(contract) as ChannelName[];

// The plain list the preload uses must name exactly the contract's calls, in both directions.
type Listed = (typeof CHANNEL_NAMES)[number];
const _everyListedIsInContract: Record<Listed, ChannelName> = Object.fromEntries(CHANNEL_NAMES.map((n) => [n, n])) as Record<Listed, Listed>;
const _everyContractCallIsListed: Record<ChannelName, Listed> = _everyListedIsInContract;
void _everyContractCallIsListed;
export type Input<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type Output<K extends ChannelName> = z.output<Contract[K]['output']>;

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** What the preload exposes as `window.sigap`. */
export type SigapApi = { [K in ChannelName]: (input: Input<K>) => Promise<Reply<Output<K>>> } & {
  onProgress(listener: (e: z.infer<typeof progressEvent>) => void): () => void;
};

export { BRIDGE_GLOBAL, PROGRESS_CHANNEL, channelOf, CHANNEL_NAMES } from './names';

export * from './common';
export * from './roster';
export * from './sk';
export * from './settings';
