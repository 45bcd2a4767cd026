import type { CoreContext } from '../context';
import { storeOf } from '../store/of-context';
import { decrees, decreeScans, type DecreeRecordRow, type ScanMetaRow } from './decree-repository';

export type DecreeRecord = DecreeRecordRow & { scan: ScanMetaRow | null };

/** Every SK's record for the SK page: its withdrawal, if any, and its scan's facts. One snapshot. */
export function decreeRecords(ctx: CoreContext): Promise<DecreeRecord[]> {
  return storeOf(ctx).tx('read', async (q) => {
    const scans = new Map((await decreeScans.list(q)).map((s) => [s.decreeId, s]));
    return (await decrees.records(q)).map((r) => ({ ...r, scan: scans.get(r.decreeId) ?? null }));
  });
}
