import type { FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { inTenantTransaction } from '../platform/db/tenant-transaction.ts';
import { problem } from '../platform/http/problem.ts';
import type { Deps, GripApp } from '../platform/http/types.ts';
import {
  classifyCallbackError,
  createOidcClient,
  requestedScopes,
  safeWord,
  type OidcClient,
} from './oidc-client.ts';
import {
  clearPendingLoginCookieOptions,
  decodePendingLogin,
  encodePendingLogin,
  isExpired,
  OIDC_STATE_COOKIE,
  pendingLoginCookieOptions,
  safeReturnTo,
  sameToken,
} from './oidc-state.ts';
import { createSession, deleteSession, SESSION_COOKIE, sessionCookieOptions } from './sessions.ts';
import { provisionResidentAccount } from './resident-accounts.ts';
import { findUserByOidcSubject } from './users-repository.ts';

export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

/** The codes the log-in page (/inloggen?fout=…) explains to the user. */
export type OidcFailureCode =
  | 'oidc-state'
  | 'oidc-verlopen'
  | 'oidc-geweigerd'
  | 'oidc-nonce'
  | 'oidc-onbekend'
  | 'oidc-storing'
  | 'oidc-mislukt';

const notConfigured = () =>
  problem(404, 'oidc-not-configured', {
    nl: 'Inloggen via de identity provider van de gemeente is niet ingesteld.',
    en: "Log-in through the municipality's identity provider is not configured.",
  });

/** Query parameters of a request, from its raw URL (first value wins for repeated names). */
function queryOf(request: FastifyRequest): URLSearchParams {
  const index = request.url.indexOf('?');
  return new URLSearchParams(index === -1 ? '' : request.url.slice(index + 1));
}

/**
 * Log-in through OpenID Connect (authorization code flow with PKCE, client_secret_basic). The identity
 * provider only authenticates: the user is matched on `oidc_subject` within the configured
 * municipality, and what they may do comes from Grip's own role assignments.
 */
export function registerOidcRoutes(app: GripApp, deps: Deps): void {
  const { config, database } = deps;
  const oidc = config.oidc;
  const redirectUri = `${config.publicUrl}${OIDC_CALLBACK_PATH}`;
  const oidcClient: OidcClient | null = oidc
    ? createOidcClient(oidc, (error) =>
        app.log.warn(
          { oidcFailure: classifyCallbackError(error).reason },
          'OpenID Connect discovery refresh failed; using the previous metadata',
        ),
      )
    : null;

  app.get(
    '/auth/oidc/login',
    { config: { action: 'oidc.start' }, schema: { hide: true } },
    async (request, reply) => {
      if (!oidc || !oidcClient) throw notConfigured();
      let configuration: client.Configuration;
      try {
        configuration = await oidcClient.configuration();
      } catch (error) {
        return fail(
          request,
          reply,
          'oidc-storing',
          `discovery failed: ${classifyCallbackError(error).reason}`,
        );
      }
      const pending = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        returnTo: safeReturnTo(queryOf(request).get('returnTo')),
        issuedAt: Date.now(),
      };
      const authorizationUrl = client.buildAuthorizationUrl(configuration, {
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: requestedScopes(oidc),
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      reply.setCookie(OIDC_STATE_COOKIE, encodePendingLogin(pending), pendingLoginCookieOptions(config));
      return reply.redirect(authorizationUrl.href, 302);
    },
  );

  app.get(
    OIDC_CALLBACK_PATH,
    { config: { action: 'oidc.callback' }, schema: { hide: true } },
    async (request, reply) => {
      if (!oidc || !oidcClient) throw notConfigured();
      // The pending log-in is single-use, whatever the outcome.
      reply.clearCookie(OIDC_STATE_COOKIE, clearPendingLoginCookieOptions(config));

      const query = queryOf(request);
      const raw = request.cookies[OIDC_STATE_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      const pending = unsigned?.valid && unsigned.value !== null ? decodePendingLogin(unsigned.value) : null;
      if (!pending) {
        return fail(request, reply, 'oidc-state', raw ? 'state cookie invalid' : 'state cookie missing');
      }
      if (isExpired(pending)) return fail(request, reply, 'oidc-verlopen', 'log-in took too long');
      const state = query.get('state');
      if (!state || !sameToken(state, pending.state)) {
        return fail(request, reply, 'oidc-state', 'state does not match');
      }
      const providerError = query.get('error');
      if (providerError !== null) {
        return fail(
          request,
          reply,
          providerError === 'access_denied' ? 'oidc-geweigerd' : 'oidc-mislukt',
          `provider answered ${safeWord(providerError)}`,
        );
      }

      let subject: string | null;
      let residentBsn: string | null = null;
      try {
        const configuration = await oidcClient.configuration();
        // The URL the provider redirected to, rebuilt from the public URL (not from Host headers).
        const currentUrl = new URL(redirectUri);
        currentUrl.search = query.toString();
        const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        subject = await claimOf(oidc.subjectClaim, configuration, tokens);
        if (oidc.residentBsnClaim) residentBsn = await claimOf(oidc.residentBsnClaim, configuration, tokens);
      } catch (error) {
        const { code, reason } = classifyCallbackError(error);
        return fail(request, reply, code, reason);
      }
      if (subject === null) {
        return fail(request, reply, 'oidc-onbekend', `claim ${safeWord(oidc.subjectClaim)} missing`);
      }

      const previous = request.grip.actor;
      const municipalityCode = oidc.municipality;
      const session = await inTenantTransaction(database, municipalityCode, async (tx) => {
        let user = await findUserByOidcSubject(tx, municipalityCode, subject);
        if (!user && residentBsn) {
          user = await provisionResidentAccount(tx, municipalityCode, subject, residentBsn, request.id);
        }
        if (!user || !user.active) return null;
        if (previous && previous.municipalityCode === municipalityCode) {
          await deleteSession(tx, municipalityCode, previous.sessionTokenHash);
        }
        return createSession(tx, config, municipalityCode, user.id, 'oidc');
      });
      if (!session) return fail(request, reply, 'oidc-onbekend', 'no active user with this subject');

      reply.setCookie(SESSION_COOKIE, session.cookieValue, sessionCookieOptions(config, session.expiresAt));
      request.log.info({ municipalityCode }, 'OpenID Connect log-in');
      return reply.redirect(pending.returnTo, 302);
    },
  );
}

/**
 * A claim's value: from the (validated) ID token, or, when the provider only releases it there, from the
 * userinfo endpoint (whose `sub` openid-client checks against the ID token's).
 */
async function claimOf(
  name: string,
  configuration: client.Configuration,
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>,
): Promise<string | null> {
  const claims = tokens.claims();
  if (!claims) throw new Error('no ID token');
  let value: unknown = claims[name];
  if (value === undefined && name !== 'sub') {
    const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    value = userinfo[name];
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' && value.length > 0 && value.length <= 255 ? value : null;
}

function fail(request: FastifyRequest, reply: FastifyReply, code: OidcFailureCode, reason: string) {
  request.log.warn({ oidcFailure: reason, code }, 'OpenID Connect log-in failed');
  return reply.redirect(`/inloggen?fout=${code}`, 302);
}
