import type { Tx } from '../platform/db/database.ts';
import { isRole, type Role, type RoleAssignment } from '../access/roles.ts';

export interface UserRow {
  id: string;
  municipalityCode: string;
  username: string;
  displayName: string;
  email: string | null;
  active: boolean;
  isDemo: boolean;
  /** Role aanbieder: the care provider the account works for (it sees that provider's data only). */
  providerId: string | null;
  lockedUntil: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  roles: RoleAssignment[];
}

export async function rolesOf(tx: Tx, municipalityCode: string, userId: string): Promise<RoleAssignment[]> {
  const rows = await tx
    .selectFrom('role_assignment')
    .select(['role', 'team_id', 'wijk_code'])
    .where('municipality_code', '=', municipalityCode)
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
  return rows
    .filter((row) => isRole(row.role))
    .map((row) => ({ role: row.role as Role, teamId: row.team_id, wijkCode: row.wijk_code }));
}

export async function findUserForLogin(tx: Tx, municipalityCode: string, username: string) {
  return tx
    .selectFrom('app_user')
    .select([
      'id',
      'username',
      'display_name',
      'password_hash',
      'active',
      'failed_login_count',
      'locked_until',
    ])
    .where('municipality_code', '=', municipalityCode)
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function findUserByOidcSubject(tx: Tx, municipalityCode: string, subject: string) {
  return tx
    .selectFrom('app_user')
    .select(['id', 'active'])
    .where('municipality_code', '=', municipalityCode)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
}

export async function recordFailedLogin(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  maxAttempts: number,
  lockMinutes: number,
): Promise<void> {
  const row = await tx
    .updateTable('app_user')
    .set((eb) => ({ failed_login_count: eb('failed_login_count', '+', 1) }))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', userId)
    .returning(['failed_login_count'])
    .executeTakeFirstOrThrow();
  if (row.failed_login_count >= maxAttempts) {
    await tx
      .updateTable('app_user')
      .set({ locked_until: new Date(Date.now() + lockMinutes * 60_000), failed_login_count: 0 })
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', userId)
      .execute();
  }
}

export async function recordSuccessfulLogin(tx: Tx, municipalityCode: string, userId: string): Promise<void> {
  await tx
    .updateTable('app_user')
    .set({ failed_login_count: 0, locked_until: null })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', userId)
    .execute();
}

const USER_COLUMNS = [
  'id',
  'municipality_code',
  'username',
  'display_name',
  'email',
  'active',
  'is_demo',
  'provider_id',
  'locked_until',
  'version',
  'created_at',
  'updated_at',
] as const;

async function withRoles(
  tx: Tx,
  municipalityCode: string,
  rows: {
    id: string;
    municipality_code: string;
    username: string;
    display_name: string;
    email: string | null;
    active: boolean;
    is_demo: boolean;
    provider_id: string | null;
    locked_until: Date | null;
    version: number;
    created_at: Date;
    updated_at: Date;
  }[],
): Promise<UserRow[]> {
  if (rows.length === 0) return [];
  const assignments = await tx
    .selectFrom('role_assignment')
    .select(['user_id', 'role', 'team_id', 'wijk_code'])
    .where('municipality_code', '=', municipalityCode)
    .where(
      'user_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('role')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    municipalityCode: row.municipality_code,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    active: row.active,
    isDemo: row.is_demo,
    providerId: row.provider_id,
    lockedUntil: row.locked_until,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    roles: assignments
      .filter((a) => a.user_id === row.id && isRole(a.role))
      .map((a) => ({ role: a.role as Role, teamId: a.team_id, wijkCode: a.wijk_code })),
  }));
}

export async function listUsers(tx: Tx, municipalityCode: string): Promise<UserRow[]> {
  const rows = await tx
    .selectFrom('app_user')
    .select(USER_COLUMNS)
    .where('municipality_code', '=', municipalityCode)
    .orderBy('username')
    .execute();
  return withRoles(tx, municipalityCode, rows);
}

export async function getUser(
  tx: Tx,
  municipalityCode: string,
  userId: string,
): Promise<UserRow | undefined> {
  const rows = await tx
    .selectFrom('app_user')
    .select(USER_COLUMNS)
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', userId)
    .execute();
  return (await withRoles(tx, municipalityCode, rows))[0];
}

export async function insertUser(
  tx: Tx,
  municipalityCode: string,
  user: {
    username: string;
    displayName: string;
    email: string | null;
    passwordHash: string | null;
    oidcSubject: string | null;
    isDemo?: boolean;
    providerId?: string | null;
  },
): Promise<string> {
  const row = await tx
    .insertInto('app_user')
    .values({
      municipality_code: municipalityCode,
      username: user.username.toLowerCase(),
      display_name: user.displayName,
      email: user.email,
      password_hash: user.passwordHash,
      oidc_subject: user.oidcSubject,
      is_demo: user.isDemo ?? false,
      provider_id: user.providerId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function replaceRoles(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  roles: RoleAssignment[],
): Promise<void> {
  await tx
    .deleteFrom('role_assignment')
    .where('municipality_code', '=', municipalityCode)
    .where('user_id', '=', userId)
    .execute();
  if (roles.length === 0) return;
  await tx
    .insertInto('role_assignment')
    .values(
      roles.map((r) => ({
        municipality_code: municipalityCode,
        user_id: userId,
        role: r.role,
        team_id: r.teamId,
        wijk_code: r.wijkCode,
      })),
    )
    .execute();
}

/** Optimistic update: returns false when the version no longer matches (someone else changed it). */
export async function updateUser(
  tx: Tx,
  municipalityCode: string,
  userId: string,
  expectedVersion: number,
  changes: {
    displayName?: string;
    email?: string | null;
    active?: boolean;
    unlock?: boolean;
    providerId?: string | null;
  },
): Promise<boolean> {
  const result = await tx
    .updateTable('app_user')
    .set((eb) => ({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(changes.providerId !== undefined ? { provider_id: changes.providerId } : {}),
      ...(changes.unlock ? { locked_until: null, failed_login_count: 0 } : {}),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', userId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
