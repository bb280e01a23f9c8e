import { z } from 'zod';
import type { Deps, GripApp } from '../platform/http/types.ts';

const MunicipalitySchema = z.object({ code: z.string(), name: z.string() }).meta({ id: 'Municipality' });

export function registerMunicipalityRoutes(app: GripApp, { database }: Deps): void {
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
      const rows = await database.db.selectFrom('municipality').select(['code', 'name']).orderBy('name').execute();
      return { items: rows };
    },
  );
}
