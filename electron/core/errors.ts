export { SigapError } from '../../shared/errors';
export type { ErrorCode } from '../../shared/errors';
