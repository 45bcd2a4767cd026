/**
 * The two PostgreSQL roles of a Sigap database (README, "PostgreSQL (for the IT office)"): an owner role
 * that owns the tables and runs the migrations, and the application role Sigap's clerks connect as,
 * which owns nothing. The audit trail is append-only by triggers, but a table's owner can disable
 * triggers; the application role cannot, and has no UPDATE, DELETE or TRUNCATE right on the audit
 * trail to begin with. `sigap db grant --app-role NAME`, run as the owner after every upgrade, gives
 * the application role exactly its rights (again from scratch each time: idempotent).
 */
import { SigapError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { storeOf } from '../store/of-context';
import { APPEND_ONLY_FOR_APP, pgBackupRepo, READ_ONLY_FOR_APP } from './pg-backup-repository';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface GrantResult {
  role: string;
  owner: string;
  tables: number;
  appendOnly: readonly string[];
  readOnly: readonly string[];
}

export async function grantAppRole(ctx: CoreContext, role: string): Promise<GrantResult> {
  const store = storeOf(ctx);
  if (store.engine !== 'postgres') throw new SigapError('INVALID_INPUT', 'Peran aplikasi hanya ada pada basis data PostgreSQL (--db postgres://…).');
  if (!ROLE_NAME.test(role)) throw new SigapError('INVALID_INPUT', `Nama peran "${role}" tidak sah: huruf kecil, angka dan garis bawah saja.`);
  return store.tx('write', async (q) => {
    const r = await pgBackupRepo.role(q, role);
    if (!r) throw new SigapError('NOT_FOUND', `Peran PostgreSQL "${role}" belum ada. Buat dahulu: CREATE ROLE ${role} LOGIN PASSWORD '…';`);
    const { owner, tables } = await pgBackupRepo.sigapTables(q);
    if (!owner) throw new SigapError('NOT_FOUND', 'Basis data ini belum berisi tabel Sigap.');
    if (r.isMe || role === owner) throw new SigapError('INVALID_INPUT', `"${role}" adalah peran pemilik tabel Sigap; peran aplikasi harus peran lain yang tidak memiliki apa pun.`);
    if (r.superuser) throw new SigapError('INVALID_INPUT', `"${role}" adalah superuser: peran itu dapat mengubah jejak audit apa pun haknya. Pakai peran biasa.`);
    if (r.memberOfMe) throw new SigapError('INVALID_INPUT', `"${role}" adalah anggota peran pemilik, jadi mewarisi haknya. Cabut keanggotaannya dahulu (REVOKE … FROM ${role}).`);
    await pgBackupRepo.grantApp(q, role, tables);
    return { role, owner, tables: tables.length, appendOnly: APPEND_ONLY_FOR_APP, readOnly: READ_ONLY_FOR_APP };
  });
}
