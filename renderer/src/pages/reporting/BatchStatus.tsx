import type { BatchDto } from '../../../../shared/contract/reporting-calls';
import { BATCH_STATUS } from './reporting-labels';

export function BatchStatus({ batch }: { batch: BatchDto }) {
  return <span className={`pill pill-small ${batch.status === 'submitted' ? 'pill-ok' : 'pill-muted'}`}>{BATCH_STATUS[batch.status]}</span>;
}
