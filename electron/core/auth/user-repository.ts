/** The `app_user` table's SQL: accounts, their password hashes and roles (auth/users.ts holds the rules). */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';
import { lockTables } from '../store/table-lock';
import type { Role } from '../../../shared/roles';

/** An account as stored: `active` and `mustChangePassword` are integer 0/1 columns. */
export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: number;
  mustChangePassword: number;
  lastLoginAt: string | null;
}

/** What a sign-in or a password check needs, never shown. */
export interface CredentialRow {
  id: number;
  username: string;
  passwordHash: string;
  active: number;
}

/** The fields an administrator edits, under their column names as the audit row records them. */
export interface ProfileRow {
  display_name: string;
  role: Role;
  active: number;
}

const COLUMNS = sql`id, username, display_name AS "displayName", role, active, must_change_password AS "mustChangePassword", last_login_at AS "lastLoginAt"`;
const CREDENTIALS = sql`id, username, password_hash AS "passwordHash", active`;

export const userRepo = {
  all(q: Queries): Promise<UserRow[]> {
    return q.all<UserRow>(sql`SELECT ${COLUMNS} FROM app_user ORDER BY username`);
  },
  byId(q: Queries, id: number): Promise<UserRow | undefined> {
    return q.one<UserRow>(sql`SELECT ${COLUMNS} FROM app_user WHERE id = ${id}`);
  },
  /**
   * Inside a write transaction, before a check over all the accounts and the write it allows: on
   * PostgreSQL other writers of accounts wait until this one commits (SQLite's write transaction already
   * holds the only write lock). Taken before the "no account yet" and "name free" checks of a new
   * account, so two first runs racing never both find no account; and before the "one active
   * administrator remains" check of an edit, so two administrators demoting each other at once never
   * both count the other as still active.
   */
  async lockAccounts(q: Queries): Promise<void> {
    await lockTables(q, ['app_user'], 'share row exclusive');
  },
  async count(q: Queries): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM app_user`))!.n;
  },
  async usernameTaken(q: Queries, username: string): Promise<boolean> {
    return (await q.one(sql`SELECT 1 AS x FROM app_user WHERE username = ${username}`)) !== undefined;
  },
  credentialsByName(q: Queries, username: string): Promise<CredentialRow | undefined> {
    return q.one<CredentialRow>(sql`SELECT ${CREDENTIALS} FROM app_user WHERE username = ${username}`);
  },
  credentialsById(q: Queries, id: number): Promise<CredentialRow | undefined> {
    return q.one<CredentialRow>(sql`SELECT ${CREDENTIALS} FROM app_user WHERE id = ${id}`);
  },
  /** The new account's id. */
  async insert(q: Queries, u: { username: string; displayName: string; role: Role; passwordHash: string; mustChange: boolean; createdAt: string }): Promise<number> {
    const r = await q.run(sql`INSERT INTO app_user (username, display_name, role, password_hash, must_change_password, created_at)
      VALUES (${u.username}, ${u.displayName}, ${u.role}, ${u.passwordHash}, ${u.mustChange ? 1 : 0}, ${u.createdAt}) RETURNING id`);
    return r.newId!;
  },
  async setLastLogin(q: Queries, id: number, at: string): Promise<void> {
    await q.run(sql`UPDATE app_user SET last_login_at = ${at} WHERE id = ${id}`);
  },
  /** Rewrites a hash only if it is still `oldHash` (not over a password reset that landed meanwhile). */
  async upgradeHash(q: Queries, id: number, oldHash: string, newHash: string): Promise<void> {
    await q.run(sql`UPDATE app_user SET password_hash = ${newHash} WHERE id = ${id} AND password_hash = ${oldHash}`);
  },
  /** Rows changed: 0 when there is no such account. */
  async setPassword(q: Queries, id: number, hash: string, mustChange: boolean): Promise<number> {
    return (await q.run(sql`UPDATE app_user SET password_hash = ${hash}, must_change_password = ${mustChange ? 1 : 0} WHERE id = ${id}`)).changes;
  },
  profile(q: Queries, id: number): Promise<ProfileRow | undefined> {
    return q.one<ProfileRow>(sql`SELECT display_name, role, active FROM app_user WHERE id = ${id}`);
  },
  async activeAdmins(q: Queries): Promise<number> {
    return (await q.one<{ n: number }>(sql`SELECT count(*) AS n FROM app_user WHERE role = 'admin' AND active = 1`))!.n;
  },
  async updateProfile(q: Queries, id: number, p: { displayName: string; role: Role; active: boolean }): Promise<void> {
    await q.run(sql`UPDATE app_user SET display_name = ${p.displayName}, role = ${p.role}, active = ${p.active ? 1 : 0} WHERE id = ${id}`);
  },
};
