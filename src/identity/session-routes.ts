import { z } from 'zod';
import { ROLES } from '../access/roles.ts';
import { inTenantTransaction } from '../platform/db/tenant-transaction.ts';
import { problem } from '../platform/http/problem.ts';
import type { Actor, Deps, GripApp } from '../platform/http/types.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, deleteSession, SESSION_COOKIE, sessionCookieOptions } from './sessions.ts';
import { findUserForLogin, recordFailedLogin, recordSuccessfulLogin, rolesOf } from './users-repository.ts';

export const RoleAssignmentSchema = z
  .object({
    role: z.enum(ROLES),
    teamId: z.uuid().nullable(),
    wijkCode: z
      .string()
      .regex(/^WK\d{6}$/)
      .nullable(),
  })
  .meta({ id: 'RoleAssignment' });

export const SessionSchema = z
  .object({
    userId: z.uuid(),
    municipalityCode: z.string(),
    username: z.string(),
    displayName: z.string(),
    authMethod: z.enum(['local', 'oidc']),
    roles: z.array(RoleAssignmentSchema),
    csrfToken: z.string().describe('Send as X-CSRF-Token on every POST, PUT, PATCH and DELETE'),
  })
  .meta({ id: 'Session' });

const LoginSchema = z
  .strictObject({
    municipalityCode: z
      .string()
      .regex(/^GM\d{4}$/)
      .optional()
      .describe('CBS code; defaults to the server default municipality'),
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(1000),
  })
  .meta({ id: 'LoginRequest' });

function sessionBody(actor: Omit<Actor, 'sessionTokenHash'>) {
  return {
    userId: actor.userId,
    municipalityCode: actor.municipalityCode,
    username: actor.username,
    displayName: actor.displayName,
    authMethod: actor.authMethod,
    roles: actor.roles,
    csrfToken: actor.csrfToken,
  };
}

const invalidLogin = () =>
  problem(401, 'login-failed', {
    nl: 'Gebruikersnaam of wachtwoord klopt niet.',
    en: 'Username or password is incorrect.',
  });

export function registerSessionRoutes(app: GripApp, { config, database }: Deps): void {
  app.post(
    '/api/v1/session',
    {
      config: {
        action: 'session.create',
        rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['Sessie'],
        summary: 'Log in with a local account',
        body: LoginSchema,
        response: { 201: SessionSchema },
      },
    },
    async (request, reply) => {
      const municipalityCode = request.body.municipalityCode ?? config.defaultMunicipality;
      const username = request.body.username.trim().toLowerCase();
      const result = await inTenantTransaction(database, municipalityCode, async (tx) => {
        const user = await findUserForLogin(tx, municipalityCode, username);
        const passwordOk = await verifyPassword(user?.password_hash ?? null, request.body.password);
        if (!user || !user.active) return { kind: 'failed' as const };
        if (user.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
          return { kind: 'locked' as const, until: new Date(user.locked_until) };
        }
        if (!passwordOk) {
          await recordFailedLogin(
            tx,
            municipalityCode,
            user.id,
            config.loginMaxAttempts,
            config.loginLockMinutes,
          );
          return { kind: 'failed' as const };
        }
        await recordSuccessfulLogin(tx, municipalityCode, user.id);
        const session = await createSession(tx, config, municipalityCode, user.id, 'local');
        const roles = await rolesOf(tx, municipalityCode, user.id);
        return { kind: 'ok' as const, session, roles, user };
      });
      if (result.kind === 'locked') {
        const minutes = Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 60_000));
        throw problem(
          423,
          'account-locked',
          {
            nl: `Te veel mislukte pogingen. Dit account is ${minutes} minuten geblokkeerd.`,
            en: `Too many failed attempts. This account is locked for ${minutes} minutes.`,
          },
          { headers: { 'Retry-After': String(minutes * 60) } },
        );
      }
      if (result.kind === 'failed') throw invalidLogin();
      reply.setCookie(
        SESSION_COOKIE,
        result.session.cookieValue,
        sessionCookieOptions(config, result.session.expiresAt),
      );
      reply.code(201);
      return sessionBody({
        userId: result.user.id,
        municipalityCode,
        username: result.user.username,
        displayName: result.user.display_name,
        authMethod: 'local',
        roles: result.roles,
        csrfToken: result.session.csrfToken,
      });
    },
  );

  app.get(
    '/api/v1/session',
    {
      config: { action: 'session.read' },
      schema: {
        tags: ['Sessie'],
        summary: 'The current session: user and roles',
        response: { 200: SessionSchema },
      },
    },
    async (request) => sessionBody(request.grip.actor!),
  );

  app.delete(
    '/api/v1/session',
    {
      config: { action: 'session.delete' },
      schema: { tags: ['Sessie'], summary: 'Log out', response: { 204: z.null().describe('Logged out') } },
    },
    async (request, reply) => {
      const actor = request.grip.actor!;
      await inTenantTransaction(database, actor.municipalityCode, (tx) =>
        deleteSession(tx, actor.municipalityCode, actor.sessionTokenHash),
      );
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
      return reply.code(204).send(null);
    },
  );
}
