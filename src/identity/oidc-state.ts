import { timingSafeEqual } from 'node:crypto';
import type { GripConfig } from '../platform/config.ts';
import { isSecureOrigin } from './sessions.ts';

/**
 * What Grip remembers between sending the browser to the identity provider and its return: state,
 * nonce and PKCE verifier, where to go afterwards and when the log-in started. It travels in a signed
 * (HMAC with GRIP_SESSION_SECRET), httpOnly cookie scoped to /auth/oidc, so no server-side storage is needed.
 */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** Milliseconds since the epoch. */
  issuedAt: number;
}

export const OIDC_STATE_COOKIE = 'grip_oidc';
export const OIDC_COOKIE_PATH = '/auth/oidc';

/** A log-in must come back from the identity provider within this time. */
export const PENDING_LOGIN_TTL_MS = 10 * 60_000;

/**
 * The browser keeps the cookie a little longer than it is valid, so that a late return is reported as
 * "expired" instead of as a missing state. The server-side check on issuedAt is what counts.
 */
const COOKIE_MAX_AGE_SECONDS = 30 * 60;

export function pendingLoginCookieOptions(config: GripConfig) {
  return {
    path: OIDC_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isSecureOrigin(config.publicUrl),
    signed: true,
    maxAge: COOKIE_MAX_AGE_SECONDS,
  };
}

/** Options to clear the cookie with: the same path and flags, without signing or lifetime. */
export function clearPendingLoginCookieOptions(config: GripConfig) {
  return {
    path: OIDC_COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: isSecureOrigin(config.publicUrl),
  };
}

export function encodePendingLogin(pending: PendingLogin): string {
  return Buffer.from(
    JSON.stringify({
      s: pending.state,
      n: pending.nonce,
      v: pending.codeVerifier,
      r: pending.returnTo,
      t: pending.issuedAt,
    }),
  ).toString('base64url');
}

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** Null for anything that is not a well-formed pending log-in (the signature is checked before this). */
export function decodePendingLogin(value: string): PendingLogin | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { s, n, v, r, t } = parsed as Record<string, unknown>;
  if (typeof s !== 'string' || !TOKEN.test(s)) return null;
  if (typeof n !== 'string' || !TOKEN.test(n)) return null;
  if (typeof v !== 'string' || !/^[A-Za-z0-9._~-]{43,128}$/.test(v)) return null;
  if (typeof r !== 'string' || safeReturnTo(r) !== r) return null;
  if (typeof t !== 'number' || !Number.isSafeInteger(t)) return null;
  return { state: s, nonce: n, codeVerifier: v, returnTo: r, issuedAt: t };
}

export function isExpired(pending: PendingLogin, now = Date.now()): boolean {
  return now - pending.issuedAt > PENDING_LOGIN_TTL_MS || pending.issuedAt > now + 60_000;
}

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Where to send the user after log-in: only a path on Grip itself. Anything else (absolute URLs,
 * protocol-relative `//host`, backslash tricks, control characters, the log-in routes themselves)
 * falls back to `/`, so the log-in cannot be used as an open redirect.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || value.length > 1000) return '/';
  if (!value.startsWith('/') || value.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f\s]/.test(value)) return '/';
  const base = 'http://grip.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  if (url.pathname.startsWith('/auth/')) return '/';
  return value;
}
