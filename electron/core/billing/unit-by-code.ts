/** A paying unit named by its code, as `sigap invoice reminder-pdf --opd KODE` takes it (any letter case). */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { storeOf } from '../store/of-context';
import { unitRepo } from '../roster/unit-repository';

export async function unitIdByCode(ctx: CoreContext, code: string): Promise<number> {
  const c = code.trim();
  const unit = await unitRepo.byCodeNoCase(storeOf(ctx), c);
  if (!unit) throw new SigapError('NOT_FOUND', `Unit dengan kode "${c}" tidak ditemukan.`);
  return unit.id;
}
