/**
 * Files the core wrote (exports, PDFs, BPJS files, backups), shown in the system's file manager. A save
 * result carries an opaque `fileId`; the renderer hands it back and never names a path.
 */
import { z } from 'zod';
import { nothing } from './common';

/** 24 letters: no digits, so identity masking (which looks for digit runs) never touches it. */
export const fileId = z.string().regex(/^[a-z]{24}$/);

export const filesCalls = {
  'files.reveal': { input: z.object({ fileId }).strict(), output: nothing },
} as const;
