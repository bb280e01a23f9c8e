import { createHash, randomBytes } from 'node:crypto';
import type { Tx } from '../platform/db/database.ts';
import type { Database } from '../platform/db/database.ts';
import { inTenantTransaction } from '../platform/db/tenant-transaction.ts';
import type { GripConfig } from '../platform/config.ts';
import type { Actor } from '../platform/http/types.ts';
import { rolesOf } from './users-repository.ts';

export const SESSION_COOKIE = 'grip_session';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The cookie value is `<municipality>.<random token>`: the municipality routes the lookup to its shard. */
export function parseSessionCookie(
  value: string | undefined,
): { municipalityCode: string; token: string } | null {
  if (!value) return null;
  const match = /^(GM\d{4})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return null;
  return { municipalityCode: match[1]!, token: match[2]! };
}

export async function createSession(
  tx: Tx,
  config: GripConfig,
  municipalityCode: string,
  userId: string,
  authMethod: 'local' | 'oidc',
): Promise<{ cookieValue: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + config.sessionMaxHours * 3_600_000);
  await tx
    .insertInto('user_session')
    .values({
      municipality_code: municipalityCode,
      token_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      auth_method: authMethod,
      last_seen_at: new Date(),
      expires_at: expiresAt,
    })
    .execute();
  return { cookieValue: `${municipalityCode}.${token}`, csrfToken, expiresAt };
}

export type SessionLookup = { actor: Actor } | { actor: null; reason: 'none' | 'expired' };

/**
 * Finds the actor behind a session cookie. A session ends after `sessionIdleMinutes` without a request
 * or `sessionMaxHours` after log-in, or when its user is deactivated.
 */
export async function lookupSession(
  database: Database,
  config: GripConfig,
  cookieValue: string | undefined,
): Promise<SessionLookup> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return { actor: null, reason: 'none' };
  const tokenHash = sha256(parsed.token);
  return inTenantTransaction(database, parsed.municipalityCode, async (tx) => {
    const row = await tx
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', (join) =>
        join.onRef('u.municipality_code', '=', 's.municipality_code').onRef('u.id', '=', 's.user_id'),
      )
      .select([
        's.user_id',
        's.csrf_token',
        's.auth_method',
        's.last_seen_at',
        's.expires_at',
        'u.username',
        'u.display_name',
        'u.active',
      ])
      .where('s.municipality_code', '=', parsed.municipalityCode)
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return { actor: null, reason: 'none' } as const;
    const now = Date.now();
    const idleLimit = new Date(row.last_seen_at).getTime() + config.sessionIdleMinutes * 60_000;
    if (!row.active || now > new Date(row.expires_at).getTime() || now > idleLimit) {
      await tx
        .deleteFrom('user_session')
        .where('municipality_code', '=', parsed.municipalityCode)
        .where('token_hash', '=', tokenHash)
        .execute();
      return { actor: null, reason: 'expired' } as const;
    }
    // Touch at most once a minute, to keep idle expiry honest without a write per request.
    if (now - new Date(row.last_seen_at).getTime() > 60_000) {
      await tx
        .updateTable('user_session')
        .set({ last_seen_at: new Date(now) })
        .where('municipality_code', '=', parsed.municipalityCode)
        .where('token_hash', '=', tokenHash)
        .execute();
    }
    const roles = await rolesOf(tx, parsed.municipalityCode, row.user_id);
    return {
      actor: {
        userId: row.user_id,
        municipalityCode: parsed.municipalityCode,
        username: row.username,
        displayName: row.display_name,
        roles,
        sessionTokenHash: tokenHash,
        csrfToken: row.csrf_token,
        authMethod: row.auth_method,
      },
    };
  });
}

export async function deleteSession(tx: Tx, municipalityCode: string, tokenHash: string): Promise<void> {
  await tx
    .deleteFrom('user_session')
    .where('municipality_code', '=', municipalityCode)
    .where('token_hash', '=', tokenHash)
    .execute();
}

export function sessionCookieOptions(config: GripConfig, expiresAt?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isSecureOrigin(config.publicUrl),
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}

/** https, or a loopback address, which browsers treat as a secure context for Secure cookies. */
export function isSecureOrigin(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
