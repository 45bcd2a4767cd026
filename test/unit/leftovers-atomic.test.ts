import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testContext } from '../helpers';
import { exportAudit } from '../../electron/core/audit-query';
import { writeAtomically } from '../../electron/core/files/atomic';

let ctx: ReturnType<typeof testContext>;
beforeEach(() => (ctx = testContext()));
afterEach(() => ctx.close());

/** The pid of a process that has exited: nothing can be writing under it. */
function deadPid(): number {
  return Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
}

describe('files written whole (invoice and coverage Excel, the audit export, the SK template)', () => {
  it('a part left by a killed writer is removed by the next write of the same file; the file is owner-only', async () => {
    const stale = `.audit.xlsx.${deadPid()}-0badf00d.part`;
    const other = `.lain.xlsx.${deadPid()}-0badf00d.part`;
    writeFileSync(join(ctx.dir, stale), 'NIK 1804012345670001 setengah tertulis');
    writeFileSync(join(ctx.dir, other), 'berkas lain');
    await exportAudit(ctx, {}, join(ctx.dir, 'audit.xlsx'));
    const names = readdirSync(ctx.dir);
    expect(names).toContain('audit.xlsx');
    expect(names).not.toContain(stale);
    // Parts of another file are not this write's business.
    expect(names).toContain(other);
    expect(statSync(join(ctx.dir, 'audit.xlsx')).mode & 0o777).toBe(0o600);
  });

  it('a failed write leaves neither the file nor a part', async () => {
    const before = readdirSync(ctx.dir).sort();
    await expect(writeAtomically(join(ctx.dir, 'x.xlsx'), async (tmp) => {
      writeFileSync(tmp, 'sebagian');
      throw new Error('disk penuh');
    })).rejects.toThrow('disk penuh');
    expect(readdirSync(ctx.dir).sort()).toEqual(before);
  });
});
