import * as client from 'openid-client';
import type { OidcConfig } from '../platform/config.ts';

/** Discovery metadata is fetched again after this time; signing keys are refreshed by openid-client itself. */
const DISCOVERY_TTL_MS = 60 * 60_000;
/** Seconds to wait for the identity provider on every request Grip makes to it. */
const HTTP_TIMEOUT_SECONDS = 10;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export class OidcSetupError extends Error {}

/**
 * The relying-party side of Grip: one openid-client Configuration per issuer, discovered on first use
 * and cached. When a refresh fails, the previous discovery stays in use (and the failure is reported),
 * so a short outage of the provider's metadata endpoint does not stop log-ins that would otherwise work.
 */
export interface OidcClient {
  configuration(): Promise<client.Configuration>;
}

export function createOidcClient(
  oidc: OidcConfig,
  onStaleRefreshFailure: (error: unknown) => void = () => {},
): OidcClient {
  let current: { config: client.Configuration; fetchedAt: number } | null = null;
  let pending: Promise<client.Configuration> | null = null;

  async function discover(): Promise<client.Configuration> {
    const issuer = parseIssuer(oidc.issuer);
    const execute: ((config: client.Configuration) => void)[] = [];
    // Plain HTTP only for a provider on this machine (development and tests); openid-client refuses it otherwise.
    if (issuer.protocol === 'http:') execute.push(client.allowInsecureRequests);
    return client.discovery(
      issuer,
      oidc.clientId,
      { client_secret: oidc.clientSecret },
      client.ClientSecretBasic(oidc.clientSecret),
      { execute, timeout: HTTP_TIMEOUT_SECONDS },
    );
  }

  return {
    configuration() {
      if (current && Date.now() - current.fetchedAt < DISCOVERY_TTL_MS) {
        return Promise.resolve(current.config);
      }
      if (!pending) {
        const stale = current;
        pending = discover()
          .then((config) => {
            current = { config, fetchedAt: Date.now() };
            return config;
          })
          .catch((error: unknown) => {
            if (!stale) throw error;
            onStaleRefreshFailure(error);
            current = { config: stale.config, fetchedAt: Date.now() - DISCOVERY_TTL_MS / 2 };
            return stale.config;
          })
          .finally(() => {
            pending = null;
          });
      }
      return pending;
    },
  };
}

function parseIssuer(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OidcSetupError('GRIP_OIDC_ISSUER is not a valid URL');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  throw new OidcSetupError('GRIP_OIDC_ISSUER must use https (plain http only for localhost)');
}

/** The scopes to ask for: the configured ones, always including `openid`. */
export function requestedScopes(oidc: OidcConfig): string {
  const scopes = oidc.scopes.split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid')) scopes.unshift('openid');
  return [...new Set(scopes)].join(' ');
}

export type CallbackFailure = 'oidc-nonce' | 'oidc-storing' | 'oidc-mislukt';

/**
 * Sorts an error from the code exchange or ID token validation into what the user is told, plus a
 * description for the log that carries no token or claim values (the errors' `cause` objects can hold
 * ID token claims, so they are never logged as such).
 */
export function classifyCallbackError(error: unknown): { code: CallbackFailure; reason: string } {
  const err = error as { code?: unknown; name?: unknown; cause?: unknown; error?: unknown };
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const inner = (err?.cause ?? null) as { cause?: unknown } | null;
  const claim = (inner?.cause as { claim?: unknown } | undefined)?.claim;
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && claim === 'nonce') {
    return { code: 'oidc-nonce', reason: 'ID token nonce does not match' };
  }
  if (error instanceof OidcSetupError) return { code: 'oidc-storing', reason: error.message };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || (error instanceof TypeError && !code)) {
    return { code: 'oidc-storing', reason: 'identity provider not reachable' };
  }
  if (error instanceof client.ResponseBodyError) {
    return { code: 'oidc-mislukt', reason: `token endpoint error ${safeWord(error.error)}` };
  }
  const detail = typeof claim === 'string' ? ` (claim ${safeWord(claim)})` : '';
  return { code: 'oidc-mislukt', reason: `${code ?? 'unexpected error'}${detail}` };
}

/** Only short machine words from the provider make it into the log. */
export function safeWord(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : 'unknown';
}
