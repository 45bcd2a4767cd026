import { letterToken } from '../../files/saved-files';
import type { CoreContext } from '../../context';
import type { rosterBulkCalls } from '../../../../shared/contract/roster-bulk-calls';
import type { Output, ParsedInput } from '../../../../shared/contract/index';
import { SigapError } from '../../../../shared/errors';
import { applyBulkEdit, bulkPreviewDto, planBulkEdit, type BulkPlan } from '../../roster/bulk-edit';

type Names = keyof typeof rosterBulkCalls;
export type RosterBulkHandlers = { [K in Names]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** Bulk edit on a roster selection: preview held in the core, applied by its id. */
export function rosterBulkHandlers(ctx: CoreContext): RosterBulkHandlers {
  // One bulk edit at a time, like the SK wizard: a new preview replaces the old one.
  const plans = new Map<string, BulkPlan>();
  return {
    'roster.bulkPreview': async ({ selection, field, value }) => {
      const plan = await planBulkEdit(ctx, selection, field, value);
      const id = letterToken();
      plans.clear();
      plans.set(id, plan);
      return bulkPreviewDto(id, plan);
    },
    'roster.bulkApply': async ({ previewId }) => {
      const plan = plans.get(previewId);
      if (!plan) throw new SigapError('NOT_FOUND', 'Pratinjau ubah massal sudah kedaluwarsa. Buat pratinjau lagi.');
      const changed = await applyBulkEdit(ctx, plan);
      plans.delete(previewId);
      return { changed };
    },
  };
}
