import type { FastifyRequest } from 'fastify';
import { ACTIONS, type ActionRule } from '../access/actions.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import { inTenantTransaction } from '../platform/db/tenant-transaction.ts';
import { appendProcessingLog } from '../privacy/processing-log-repository.ts';

/**
 * The tenant transaction of a public request (no log-in): `request.tenant()` needs an actor, and the
 * online intake has none, only the municipality its resume token or body names. As there, the statements
 * are confined to that municipality (row-level security), and for a personal-data action the
 * processing-log entry is written in the same transaction — with no user and no role, as the resident
 * acts for themselves without an account — and the subjects recorded with `request.recordSubjects`.
 */
export async function inPublicTenant<T>(
  database: Database,
  request: FastifyRequest,
  municipalityCode: string,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const rule: ActionRule = ACTIONS[request.grip.action];
  // From here on a failure is logged in this municipality too (access-hooks.ts, onSend).
  request.grip.publicMunicipalityCode = municipalityCode;
  return inTenantTransaction(database, municipalityCode, async (tx) => {
    const result = await work(tx);
    if (rule.personalData) {
      await appendProcessingLog(tx, {
        municipalityCode,
        requestId: String(request.id),
        actorUserId: null,
        actorRole: null,
        action: request.grip.action,
        purpose: rule.purpose ?? 'onbekend',
        legalGround: rule.legalGround ?? 'onbekend',
        subjectType: request.grip.subjectType,
        subjectIds: [...request.grip.subjectIds],
        outcome: 'success',
        httpStatus: null,
      });
      request.grip.logged = true;
    }
    return result;
  });
}
