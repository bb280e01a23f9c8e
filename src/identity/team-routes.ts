import { z } from 'zod';
import type { GripApp } from '../platform/http/types.ts';

/**
 * The municipality's teams (toegang, wijkteams, …): for choosing whose worklist to see and which team a
 * plan belongs to. No personal data.
 */
const TeamSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['toegang', 'wijkteam', 'beleid', 'beheer', 'privacy', 'aanbieder']),
  })
  .meta({ id: 'Team' });

const Query = z.strictObject({
  kind: z
    .enum(['toegang', 'wijkteam', 'beleid', 'beheer', 'privacy', 'aanbieder'])
    .optional()
    .describe('Only teams of this kind'),
});

export function registerTeamRoutes(app: GripApp): void {
  app.get(
    '/api/v1/teams',
    {
      config: { action: 'team.list' },
      schema: {
        tags: ['Gebruikers'],
        summary: "The municipality's teams, by name",
        querystring: Query,
        response: { 200: z.object({ items: z.array(TeamSchema) }).meta({ id: 'TeamList' }) },
      },
    },
    async (request) => {
      const { municipalityCode } = request.grip.actor!;
      const items = await request.tenant((tx) => {
        let query = tx
          .selectFrom('team')
          .select(['id', 'name', 'kind'])
          .where('municipality_code', '=', municipalityCode);
        if (request.query.kind) query = query.where('kind', '=', request.query.kind);
        return query.orderBy('name').execute();
      });
      return { items };
    },
  );
}
