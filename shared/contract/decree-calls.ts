/** The decree record's calls: the signed SK's scan, and withdrawing an applied SK. */
import { z } from 'zod';
import { empty, id, text } from './common';

const mediaType = z.enum(['application/pdf', 'image/jpeg', 'image/png']);

export const decreeScanDto = z.object({
  decreeId: z.number(),
  number: z.string(),
  mediaType,
  size: z.number(),
  sha256: z.string(),
  originalName: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type DecreeScanDto = z.infer<typeof decreeScanDto>;

/** What the SK page adds to decree.list: the status of each decree and its scan. */
export const decreeRecordDto = z.object({
  decreeId: z.number(),
  number: z.string(),
  status: z.enum(['applied', 'withdrawn']),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  scan: decreeScanDto.nullable(),
});
export type DecreeRecordDto = z.infer<typeof decreeRecordDto>;

/** A scan picked in the wizard before the SK exists, already checked by content. */
export const chosenScan = z.object({ token: z.string().regex(/^[0-9a-f]{32}$/), name: z.string(), size: z.number(), mediaType }).nullable();

/** Images are shown in the page; a PDF opens in the app's separate sandboxed viewer window. */
export const scanView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), mediaType, dataUrl: z.string(), name: z.string() }),
  z.object({ kind: z.literal('pdf'), name: z.string() }),
]);
export type ScanViewDto = z.infer<typeof scanView>;

export const undoCheckDto = z.object({
  decreeId: z.number(),
  number: z.string(),
  canUndo: z.boolean(),
  blockers: z.array(z.object({ kind: z.string(), message: z.string() })),
  notes: z.array(z.string()),
  counts: z.object({ personsCreated: z.number(), personsUpdated: z.number(), engagementsCreated: z.number(), engagementsEnded: z.number(), unitsCreated: z.number() }),
});
export type UndoCheckDto = z.infer<typeof undoCheckDto>;

export const undoResultDto = z.object({
  decreeId: z.number(),
  number: z.string(),
  engagementsRemoved: z.number(),
  engagementsReopened: z.number(),
  personsRemoved: z.number(),
  personsRestored: z.number(),
  unitsRemoved: z.number(),
  notes: z.array(z.string()),
});

const byDecree = z.object({ decreeId: id }).strict();

export const decreeCalls = {
  'decree.records': { input: empty, output: z.array(decreeRecordDto) },
  'decree.chooseScan': { input: empty, output: chosenScan },
  'decree.attachScan': { input: z.object({ decreeId: id, token: z.string().regex(/^[0-9a-f]{32}$/).optional() }).strict(), output: decreeScanDto.nullable() },
  'decree.viewScan': { input: byDecree, output: scanView },
  'decree.saveScan': { input: byDecree, output: z.object({ path: z.string() }).nullable() },
  'decree.undoCheck': { input: byDecree, output: undoCheckDto },
  'decree.undo': { input: z.object({ decreeId: id, reason: text(300) }).strict(), output: undoResultDto },
} as const;
