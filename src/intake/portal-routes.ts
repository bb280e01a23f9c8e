import { z } from 'zod';
import type { GripApp } from '../platform/http/types.ts';
import { localDate } from './local-date.ts';
import { linkedPersonId, ownHelpQuestions } from './portal-repository.ts';
import { OwnHelpQuestionListSchema, type OwnHelpQuestionList } from './portal-schemas.ts';
import { nextStep, outcomeLabel, statusLabel, typeLabel } from './portal-texts.ts';

/**
 * The resident portal (docs/api/intake.md, "Resident portal"): a resident logged in (OIDC standing in for
 * DigiD) sees the help questions about the person their account is linked to, and nobody else's.
 */

const TAGS = ['Mijn omgeving'];
const NoQuery = z.strictObject({});

export function registerPortalRoutes(app: GripApp): void {
  app.get(
    '/api/v1/my/help-questions',
    {
      config: { action: 'my-help-question.list' },
      schema: {
        tags: TAGS,
        summary: "The resident's own help questions: reference, date, types, status, outcome and next step",
        querystring: NoQuery,
        response: { 200: OwnHelpQuestionListSchema },
      },
    },
    async (request): Promise<OwnHelpQuestionList> => {
      const { municipalityCode, userId } = request.grip.actor!;
      return request.tenant(async (tx) => {
        const personId = await linkedPersonId(tx, municipalityCode, userId);
        if (personId === null) {
          return {
            items: [],
            message: {
              nl: 'Uw account is nog niet gekoppeld aan uw gegevens bij de gemeente. Daarom ziet u hier nog geen vragen. Neem contact op met de gemeente als u een vraag heeft gesteld.',
              en: 'Your account is not yet linked to your details at the municipality, so no questions are shown here. Contact the municipality if you have asked a question.',
            },
          };
        }
        request.recordSubjects('person', [personId]);
        const rows = await ownHelpQuestions(tx, municipalityCode, personId);
        return {
          items: rows.map((row) => {
            const step = nextStep(row);
            const outcome = outcomeLabel(row.outcome);
            return {
              id: row.id,
              reference: row.reference,
              receivedDate: localDate(row.received_at),
              questionTypes: row.question_types.map((code) => ({ code, ...typeLabel(code) })),
              status: { code: row.status, ...statusLabel(row.status) },
              outcome: outcome ? { code: row.outcome as never, ...outcome } : null,
              nextStep: step.text,
              dueDate: step.dueDate,
            };
          }),
          message:
            rows.length === 0
              ? {
                  nl: 'U heeft nog geen vragen bij de gemeente.',
                  en: 'You have no questions with the municipality yet.',
                }
              : null,
        };
      });
    },
  );
}
