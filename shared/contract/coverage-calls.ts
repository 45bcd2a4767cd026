/** The coverage, forecast and incident calls of the bridge contract: name -> { input, output } schemas. */
import { z } from 'zod';
import { empty, id, isoDate, month, nothing, optText } from './common';
import { printedHtml, savedPdf, paper } from './print-calls';

const segment = z.enum(['PU', 'BPU']);
const counted = { active: z.number(), enrolled: z.number() };
const bucketRecord = z.object({ notDue: z.number(), d0_30: z.number(), d31_60: z.number(), d61_90: z.number(), over90: z.number() });
const monthMoney = z.object({ month: z.string(), issued: z.number(), paid: z.number() });
const year = z.number().int().min(2000).max(2100);

export const coverageSettingsDto = z.object({
  villageQuota: z.number(),
  semestaYear: z.number().nullable(),
  semestaPekerja: z.number().nullable(),
  regionCoveredPu: z.number().nullable(),
  regionCoveredBpu: z.number().nullable(),
  incidentDeadlineDays: z.number(),
  jpCapGrowthPct: z.number(),
});
export type CoverageSettingsDto = z.infer<typeof coverageSettingsDto>;

const count = z.number().int().min(0).max(100_000_000);
export const coverageSettingsSave = z
  .object({
    villageQuota: z.number().int().min(0).max(10_000).optional(),
    semestaYear: year.nullable().optional(),
    semestaPekerja: z.number().int().min(1).max(100_000_000).nullable().optional(),
    regionCoveredPu: count.nullable().optional(),
    regionCoveredBpu: count.nullable().optional(),
    incidentDeadlineDays: z.number().int().min(1).max(30).optional(),
    jpCapGrowthPct: z.number().min(-20).max(50).optional(),
  })
  .strict();

export const coverageSummaryDto = z.object({
  month: z.string(),
  asOf: z.string(),
  totals: z.object({ ...counted, notEnrolled: z.number() }),
  bySegment: z.object({ PU: z.object(counted), BPU: z.object(counted) }),
  byOpd: z.array(z.object({ ...counted, opdId: z.number(), code: z.string(), name: z.string(), kind: z.enum(['opd', 'village']) })),
  byCategory: z.array(z.object({ ...counted, categoryId: z.number(), name: z.string(), segment, programs: z.string(), billed: z.boolean() })),
  programs: z.array(z.object({ program: z.enum(['JKK', 'JKM', 'JHT', 'JP']), persons: z.number() })),
  programMix: z.object({ jkkJkmOnly: z.number(), allFour: z.number(), other: z.number() }),
  villages: z.object({
    quota: z.number(), count: z.number(), meeting: z.number(), rentanEnrolled: z.number(), target: z.number(),
    below: z.array(z.object({ opdId: z.number(), code: z.string(), name: z.string(), rentan: z.number(), enrolled: z.number() })),
  }),
  paritrana: z.object({
    year: z.number().nullable(), semestaPekerja: z.number().nullable(), regionCoveredPu: z.number().nullable(), regionCoveredBpu: z.number().nullable(),
    regionPct: z.number().nullable(), nonAsnPct: z.number().nullable(),
  }),
  money: monthMoney.extend({ draftInvoices: z.number(), draftTotal: z.number(), unitsNotBilled: z.number() }),
  trend: z.array(monthMoney),
  arrears: z.object({
    asOf: z.string(), buckets: bucketRecord, pastDue: z.number(), outstanding: z.number(),
    byOpd: z.array(z.object({ opdId: z.number(), code: z.string(), name: z.string(), pastDue: z.number(), outstanding: z.number(), buckets: bucketRecord })),
  }),
  work: z.object({
    pending: z.object({ new: z.number(), na: z.number(), wage: z.number(), bpu: z.number() }),
    awaitingKpj: z.number(),
    lastImport: z.object({ decreeId: z.number(), number: z.string(), at: z.string(), problems: z.number() }).nullable(),
  }),
  settings: coverageSettingsDto,
});
export type CoverageSummaryDto = z.infer<typeof coverageSummaryDto>;

const program = z.enum(['JKK', 'JKM', 'JHT', 'JP']);
export const forecastInput = z
  .object({
    year,
    jpCapGrowthPct: z.number().min(-20).max(50).optional(),
    headroomPct: z.number().min(0).max(100).optional(),
    headroomPersons: z.number().int().min(0).max(1_000_000).optional(),
    renewAnnual: z.boolean().optional(),
  })
  .strict();
export type ForecastInput = z.infer<typeof forecastInput>;

export const forecastDto = z.object({
  year: z.number(), basisDate: z.string(), jpCapGrowthPct: z.number(), headroomPct: z.number(), headroomPersons: z.number(), renewAnnual: z.boolean(),
  jpCaps: z.array(z.object({ month: z.string(), cap: z.number(), assumed: z.boolean() })),
  units: z.array(z.object({
    opdId: z.number().nullable(), code: z.string(), name: z.string(), kind: z.enum(['opd', 'village', 'reserve']), budgetAccount: z.string().nullable(),
    persons: z.number(), personMonths: z.number(), headroom: z.number(), total: z.number(), workerShare: z.number(),
    lines: z.array(z.object({ program, category: z.string(), segment, base: z.number(), rateLabel: z.string(), volume: z.number(), tariff: z.number(), amount: z.number(), uraian: z.string() })),
  })),
  programs: z.object({ JKK: z.number(), JKM: z.number(), JHT: z.number(), JP: z.number() }),
  persons: z.number(), personMonths: z.number(), headroom: z.number(), total: z.number(), workerShare: z.number(),
});
export type ForecastDto = z.infer<typeof forecastDto>;

export const yearlyDto = z.object({
  year: z.number(),
  units: z.array(z.object({
    opdId: z.number(), code: z.string(), name: z.string(), kind: z.enum(['opd', 'village']), budgetAccount: z.string().nullable(),
    personMonths: z.number(), jkk: z.number(), jkm: z.number(), jhtEmployer: z.number(), jhtWorker: z.number(), jpEmployer: z.number(), jpWorker: z.number(), total: z.number(), paid: z.number(),
  })),
  totals: z.object({ personMonths: z.number(), jkk: z.number(), jkm: z.number(), jhtEmployer: z.number(), jhtWorker: z.number(), jpEmployer: z.number(), jpWorker: z.number(), total: z.number(), paid: z.number() }),
});
export type YearlyDto = z.infer<typeof yearlyDto>;

export const incidentKind = z.enum(['accident', 'work_death', 'death']);
export const deadlineStatus = z.enum(['reported', 'reported_late', 'due', 'overdue']);
export const incidentDto = z.object({
  id: z.number(), personId: z.number(), nik: z.string(), name: z.string(), kpj: z.string().nullable(),
  opdId: z.number().nullable(), opd: z.string().nullable(), kind: incidentKind, kindLabel: z.string(), date: z.string(),
  place: z.string().nullable(), description: z.string().nullable(), reportedDate: z.string().nullable(), reportedWage: z.number(),
  deadline: z.string(), status: deadlineStatus,
  benefit: z.object({
    program: z.enum(['JKK', 'JKM']),
    items: z.array(z.object({ label: z.string(), amount: z.number().nullable(), note: z.string().nullable() })),
    total: z.number(),
    scholarship: z.object({ eligible: z.boolean(), contributionMonths: z.number(), monthsKnown: z.boolean(), maxAmount: z.number(), rule: z.string(), summary: z.string() }),
    warnings: z.array(z.string()),
  }),
  createdAt: z.string(), createdBy: z.string(),
});
export type IncidentDto = z.infer<typeof incidentDto>;

export const incidentSave = z
  .object({
    id: id.optional(),
    personId: id,
    kind: incidentKind,
    date: isoDate,
    place: optText(200),
    description: optText(2000),
    reportedDate: isoDate.nullable().optional(),
  })
  .strict();

const docIn = z.object({ month, paper }).strict();
const yearIn = z.object({ year }).strict();
const yearDocIn = z.object({ year, paper }).strict();
const forecastDocIn = forecastInput.extend({ paper }).strict();
const savedFile = z.object({ path: z.string() }).nullable();

export const coverageCalls = {
  'coverage.summary': { input: z.object({ month }).strict(), output: coverageSummaryDto },
  'coverage.settings': { input: empty, output: coverageSettingsDto },
  'coverage.saveSettings': { input: coverageSettingsSave, output: coverageSettingsDto },
  'coverage.report': { input: docIn, output: printedHtml },
  'coverage.reportPdf': { input: docIn, output: savedPdf },
  'coverage.yearly': { input: yearIn, output: yearlyDto },
  'coverage.yearlyDoc': { input: yearDocIn, output: printedHtml },
  'coverage.yearlyPdf': { input: yearDocIn, output: savedPdf },
  'coverage.yearlyXlsx': { input: yearIn, output: savedFile },
  'forecast.run': { input: forecastInput, output: forecastDto },
  'forecast.doc': { input: forecastDocIn, output: printedHtml },
  'forecast.pdf': { input: forecastDocIn, output: savedPdf },
  'forecast.xlsx': { input: forecastInput, output: savedFile },
  'incident.list': { input: z.object({ year: year.optional(), status: z.enum(['reported', 'reported_late', 'due', 'overdue', 'open']).optional() }).strict(), output: z.array(incidentDto) },
  'incident.save': { input: incidentSave, output: z.object({ id: z.number(), endedEngagements: z.number() }) },
  'incident.report': { input: z.object({ id, reportedDate: isoDate }).strict(), output: nothing },
} as const;

