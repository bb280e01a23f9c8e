import { z } from 'zod';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { invalid, notFound } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { hashPassword, PASSWORD_MIN_LENGTH } from './passwords.ts';
import { RoleAssignmentSchema } from './session-routes.ts';
import {
  getUser,
  insertUser,
  listUsers,
  replaceRoles,
  updateUser,
  type UserRow,
} from './users-repository.ts';
import type { Tx } from '../platform/db/database.ts';
import type { RoleAssignment } from '../access/roles.ts';

const TAGS = ['Gebruikers'];

const UserSchema = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    active: z.boolean(),
    isDemo: z.boolean(),
    providerId: z.uuid().nullable().describe('Role aanbieder: the care provider the account works for'),
    locked: z.boolean(),
    roles: z.array(RoleAssignmentSchema),
    version: z.number().int(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'User' });

const RoleInput = z.strictObject({
  role: RoleAssignmentSchema.shape.role,
  teamId: z.uuid().nullable().default(null),
  wijkCode: RoleAssignmentSchema.shape.wijkCode.default(null),
});

const UserCreateSchema = z
  .strictObject({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .min(3)
      .max(200)
      .regex(/^[a-z0-9._@-]+$/, 'Alleen letters, cijfers en . _ @ -|Only letters, digits and . _ @ -'),
    displayName: z.string().trim().min(1).max(200),
    email: z.email().nullable().default(null),
    password: z.string().min(PASSWORD_MIN_LENGTH).max(1000).optional().describe('For a local account'),
    oidcSubject: z.string().min(1).max(200).optional().describe('For log-in through OpenID Connect'),
    roles: z.array(RoleInput).max(20).default([]),
    providerId: z
      .uuid()
      .nullable()
      .default(null)
      .describe('Required for the role aanbieder: the care provider the account works for'),
  })
  .meta({ id: 'UserCreate' });

const UserUpdateSchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(200).optional(),
    email: z.email().nullable().optional(),
    active: z.boolean().optional(),
    unlock: z.literal(true).optional().describe('Lift a lock-out after failed log-ins'),
    roles: z.array(RoleInput).max(20).optional().describe('Replaces all roles'),
    providerId: z.uuid().nullable().optional().describe('Role aanbieder: the care provider'),
  })
  .meta({ id: 'UserUpdate' });

function toUser(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    active: row.active,
    isDemo: row.isDemo,
    providerId: row.providerId,
    locked: row.lockedUntil !== null && new Date(row.lockedUntil).getTime() > Date.now(),
    roles: row.roles,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function assertTeamsExist(tx: Tx, municipalityCode: string, roles: RoleAssignment[]) {
  const teamIds = [...new Set(roles.map((r) => r.teamId).filter((id): id is string => id !== null))];
  if (teamIds.length === 0) return;
  const found = await tx
    .selectFrom('team')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('id', 'in', teamIds)
    .execute();
  const missing = teamIds.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0) {
    throw invalid(
      missing.map((id) => ({
        name: 'roles.teamId',
        code: 'unknown-team',
        reason: {
          nl: `Team ${id} bestaat niet in deze gemeente.`,
          en: `Team ${id} does not exist in this municipality.`,
        },
      })),
    );
  }
}

/**
 * An aanbieder account works for exactly one care provider of the municipality (it sees only that
 * provider's allocations and declarations); other accounts work for none.
 */
async function assertProviderFits(
  tx: Tx,
  municipalityCode: string,
  roles: RoleAssignment[],
  providerId: string | null,
) {
  const isProvider = roles.some((r) => r.role === 'aanbieder');
  if (isProvider && providerId === null) {
    throw invalid([
      {
        name: 'providerId',
        code: 'required',
        reason: {
          nl: 'Kies de zorgaanbieder waarvoor deze gebruiker werkt.',
          en: 'Choose the care provider this user works for.',
        },
      },
    ]);
  }
  if (!isProvider && providerId !== null) {
    throw invalid([
      {
        name: 'providerId',
        code: 'not-a-provider',
        reason: {
          nl: 'Alleen een gebruiker met de rol zorgaanbieder werkt voor een zorgaanbieder.',
          en: 'Only a user with the care-provider role works for a care provider.',
        },
      },
    ]);
  }
  if (providerId === null) return;
  const found = await tx
    .selectFrom('provider')
    .select('id')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', providerId)
    .executeTakeFirst();
  if (!found) {
    throw invalid([
      {
        name: 'providerId',
        code: 'unknown-provider',
        reason: {
          nl: 'Deze zorgaanbieder bestaat niet in deze gemeente.',
          en: 'This care provider does not exist in this municipality.',
        },
      },
    ]);
  }
}

export function registerUserRoutes(app: GripApp): void {
  app.get(
    '/api/v1/users',
    {
      config: { action: 'user.list' },
      schema: {
        tags: TAGS,
        response: { 200: z.object({ items: z.array(UserSchema) }).meta({ id: 'UserList' }) },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const users = await request.tenant(async (tx) => {
        const rows = await listUsers(tx, municipalityCode);
        request.recordSubjects(
          'user',
          rows.map((r) => r.id),
        );
        return rows;
      });
      return { items: users.map(toUser) };
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { action: 'user.create' },
      schema: { tags: TAGS, body: UserCreateSchema, response: { 201: UserSchema } },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const body = request.body;
      if (!body.password && !body.oidcSubject) {
        throw invalid([
          {
            name: 'password',
            code: 'required',
            reason: {
              nl: 'Geef een wachtwoord of een OpenID Connect-subject op.',
              en: 'Give a password or an OpenID Connect subject.',
            },
          },
        ]);
      }
      const passwordHash = body.password ? await hashPassword(body.password) : null;
      const user = await request.tenant(async (tx) => {
        await assertTeamsExist(tx, municipalityCode, body.roles);
        await assertProviderFits(tx, municipalityCode, body.roles, body.providerId);
        const id = await insertUser(tx, municipalityCode, {
          username: body.username,
          displayName: body.displayName,
          email: body.email,
          passwordHash,
          oidcSubject: body.oidcSubject ?? null,
          providerId: body.providerId,
        });
        await replaceRoles(tx, municipalityCode, id, body.roles);
        request.recordSubjects('user', [id]);
        return (await getUser(tx, municipalityCode, id))!;
      });
      setEtag(reply, user.version);
      reply.header('Location', `/api/v1/users/${user.id}`);
      return reply.code(201).send(toUser(user));
    },
  );

  app.patch(
    '/api/v1/users/:userId',
    {
      config: { action: 'user.update' },
      schema: {
        tags: TAGS,
        params: z.strictObject({ userId: z.uuid() }),
        body: UserUpdateSchema,
        response: { 200: UserSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode } = request.grip.actor!;
      const expected = requiredVersion(request);
      const { userId } = request.params;
      const result = await request.tenant(async (tx) => {
        if (request.body.roles) await assertTeamsExist(tx, municipalityCode, request.body.roles);
        const before = await getUser(tx, municipalityCode, userId);
        if (before && (request.body.roles || request.body.providerId !== undefined)) {
          const roles = request.body.roles ?? before.roles;
          // Dropping the aanbieder role drops the provider link with it.
          const providerId = roles.some((r) => r.role === 'aanbieder')
            ? request.body.providerId !== undefined
              ? request.body.providerId
              : before.providerId
            : (request.body.providerId ?? null);
          await assertProviderFits(tx, municipalityCode, roles, providerId);
          request.body.providerId = providerId;
        }
        const ok = await updateUser(tx, municipalityCode, userId, expected, request.body);
        if (ok && request.body.roles) await replaceRoles(tx, municipalityCode, userId, request.body.roles);
        const user = await getUser(tx, municipalityCode, userId);
        if (user) request.recordSubjects('user', [user.id]);
        return { ok, user };
      });
      if (!result.user) throw notFound({ nl: 'Deze gebruiker', en: 'This user' });
      if (!result.ok) throw versionConflict(result.user.version);
      setEtag(reply, result.user.version);
      return toUser(result.user);
    },
  );
}
