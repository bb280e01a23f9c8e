import { z } from 'zod';
import type { Deps, GripApp } from '../platform/http/types.ts';

const MunicipalitySchema = z.object({ code: z.string(), name: z.string() }).meta({ id: 'Municipality' });

export function registerMunicipalityRoutes(app: GripApp, { database, config }: Deps): void {
  app.get(
    '/api/v1/login-options',
    {
      config: { action: 'login-options.read' },
      schema: {
        tags: ['Sessie'],
        summary: 'How one can log in: the default municipality and whether OpenID Connect is configured',
        response: {
          200: z
            .object({
              defaultMunicipality: z.string(),
              oidc: z.boolean().describe('True when log-in through the identity provider is available'),
              oidcMunicipality: z.string().nullable(),
            })
            .meta({ id: 'LoginOptions' }),
        },
      },
    },
    async () => ({
      defaultMunicipality: config.defaultMunicipality,
      oidc: config.oidc !== undefined,
      oidcMunicipality: config.oidc?.municipality ?? null,
    }),
  );

  app.get(
    '/api/v1/municipalities',
    {
      config: { action: 'municipality.list' },
      schema: {
        tags: ['Gebieden'],
        summary: 'Municipalities served by this installation (for the log-in page)',
        response: { 200: z.object({ items: z.array(MunicipalitySchema) }).meta({ id: 'MunicipalityList' }) },
      },
    },
    async () => {
      const rows = await database.db
        .selectFrom('municipality')
        .select(['code', 'name'])
        .orderBy('name')
        .execute();
      return { items: rows };
    },
  );
}
