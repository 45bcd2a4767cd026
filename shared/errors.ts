/** Error codes that cross the bridge and the CLI. Messages are Indonesian and say what to fix. */
export type ErrorCode =
  | 'DB_UNREADABLE'
  | 'DB_TOO_NEW'
  | 'FILE_UNREADABLE'
  | 'FILE_EMPTY'
  | 'NO_HEADER'
  | 'NO_NIK_COLUMN'
  | 'IMPORT_INVALID_ROWS'
  | 'DECREE_EXISTS'
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'CONFLICT'
  | 'BACKUP_PASSPHRASE'
  | 'BACKUP_INVALID'
  | 'OVERPAYMENT'
  /** The input is possible but unusual: repeat the call with the explicit confirmation it names. */
  | 'CONFIRM_REQUIRED'
  | 'AUTH_FAILED'
  | 'AUTH_REQUIRED'
  | 'FORBIDDEN'
  | 'LOCKED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'DB_BUSY'
  | 'DISK_FULL'
  | 'DISK_ERROR'
  | 'DB_READONLY'
  | 'FILE_NOT_WRITABLE'
  | 'INTERNAL';

export class SigapError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SigapError';
  }
}
