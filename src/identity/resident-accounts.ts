/**
 * Resident accounts from a DigiD-style log-in: when the identity provider vouches for a BSN and no
 * account has the log-in's subject yet, the resident gets an `inwoner` account linked to their person
 * record, so the portal shows their own help questions. Only for a BSN Grip already knows (the resident
 * asked for help); the lookup is written to the processing log with the resident as actor and subject.
 */
import { isValidBsn } from '../residents/bsn.ts';
import type { Tx } from '../platform/db/database.ts';
import { appendProcessingLog } from '../privacy/processing-log-repository.ts';

export async function provisionResidentAccount(
  tx: Tx,
  municipalityCode: string,
  subject: string,
  bsn: string,
  requestId: string,
): Promise<{ id: string; active: boolean } | undefined> {
  if (!isValidBsn(bsn)) return undefined;
  const person = await tx
    .selectFrom('person')
    .select(['id', 'given_names', 'family_name_prefix', 'family_name'])
    .where('municipality_code', '=', municipalityCode)
    .where('bsn', '=', bsn)
    .executeTakeFirst();
  if (!person) return undefined;
  const existing = await tx
    .selectFrom('app_user')
    .select(['id', 'active', 'oidc_subject'])
    .where('municipality_code', '=', municipalityCode)
    .where('person_id', '=', person.id)
    .executeTakeFirst();
  let account: { id: string; active: boolean } | undefined;
  if (existing) {
    // An account made for this resident before (e.g. at the desk) gets this log-in; one that already
    // belongs to another log-in is not taken over.
    if (existing.oidc_subject !== null) return undefined;
    await tx
      .updateTable('app_user')
      .set({ oidc_subject: subject, updated_at: new Date() })
      .where('municipality_code', '=', municipalityCode)
      .where('id', '=', existing.id)
      .execute();
    account = { id: existing.id, active: existing.active };
  } else {
    const name = [person.given_names, person.family_name_prefix, person.family_name]
      .filter(Boolean)
      .join(' ');
    const created = await tx
      .insertInto('app_user')
      .values({
        municipality_code: municipalityCode,
        username: `inwoner-${person.id}`,
        display_name: name,
        oidc_subject: subject,
        person_id: person.id,
      })
      .returning(['id', 'active'])
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('role_assignment')
      .values({ municipality_code: municipalityCode, user_id: created.id, role: 'inwoner' })
      .execute();
    account = created;
  }
  await appendProcessingLog(tx, {
    municipalityCode,
    requestId,
    actorUserId: account.id,
    actorRole: 'inwoner',
    action: 'resident-account.link',
    purpose: 'inzage-eigen-hulpvragen',
    legalGround:
      'AVG art. 6 lid 1 sub e en art. 15 (inzage door de betrokkene); Wet digitale overheid (DigiD)',
    subjectType: 'person',
    subjectIds: [person.id],
    outcome: 'success',
    httpStatus: null,
  });
  return account;
}
