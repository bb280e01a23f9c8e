import { z } from 'zod';
import { ROLES } from '../access/roles.ts';
import type { GripApp } from '../platform/http/types.ts';

/**
 * The staff directory a caseworker needs: colleagues with a casework role (for appointing a plan's
 * regisseur or adding an involved professional), by name, with their team. Staff names only — no
 * resident's data, and no account details (those stay with user admin).
 */
const CASEWORK_ROLES = ['toegang-medewerker', 'wijkteam-medewerker', 'regisseur'] as const;

const ColleagueSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    roles: z.array(z.enum(ROLES)),
    teams: z.array(z.string()),
  })
  .meta({ id: 'Colleague' });

const Query = z.strictObject({
  role: z.enum(CASEWORK_ROLES).optional().describe('Only colleagues with this role'),
});

export function registerColleagueRoutes(app: GripApp): void {
  app.get(
    '/api/v1/colleagues',
    {
      config: { action: 'colleague.list' },
      schema: {
        tags: ['Gebruikers'],
        summary: 'Active colleagues with a casework role, by name (for appointing a regisseur)',
        querystring: Query,
        response: { 200: z.object({ items: z.array(ColleagueSchema) }).meta({ id: 'ColleagueList' }) },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const wanted = request.query.role ? [request.query.role] : [...CASEWORK_ROLES];
      const rows = await request.tenant((tx) =>
        tx
          .selectFrom('app_user as u')
          .innerJoin('role_assignment as r', (j) =>
            j.onRef('r.municipality_code', '=', 'u.municipality_code').onRef('r.user_id', '=', 'u.id'),
          )
          .leftJoin('team as t', (j) =>
            j.onRef('t.municipality_code', '=', 'r.municipality_code').onRef('t.id', '=', 'r.team_id'),
          )
          .select(['u.id', 'u.display_name', 'r.role', 't.name as team'])
          .where('u.municipality_code', '=', municipalityCode)
          .where('u.active', '=', true)
          .where('r.role', 'in', wanted)
          .orderBy('u.display_name')
          .orderBy('u.id')
          .execute(),
      );
      const byUser = new Map<
        string,
        { userId: string; name: string; roles: Set<string>; teams: Set<string> }
      >();
      for (const row of rows) {
        const entry = byUser.get(row.id) ?? {
          userId: row.id,
          name: row.display_name,
          roles: new Set<string>(),
          teams: new Set<string>(),
        };
        entry.roles.add(row.role);
        if (row.team) entry.teams.add(row.team);
        byUser.set(row.id, entry);
      }
      return {
        items: [...byUser.values()].map((c) => ({
          userId: c.userId,
          name: c.name,
          roles: [...c.roles] as (typeof ROLES)[number][],
          teams: [...c.teams].sort(),
        })),
      };
    },
  );
}
