import { sql } from 'kysely';
import type { Tx } from '../platform/db/database.ts';
import { QuestionnaireDefinitionSchema, type QuestionnaireDefinition } from './questionnaire-definition.ts';

/**
 * SQL of the questionnaire aggregate. A version's ETag is the MD5 of its status and definition as stored
 * (jsonb text is canonical), so a draft can be changed with compare-and-swap without a version column.
 */

export interface VersionRow {
  id: string;
  questionnaireId: string;
  questionnaireName: string;
  version: number;
  status: 'concept' | 'gepubliceerd' | 'vervallen';
  publishedAt: string | null;
  /** The definition as stored; may be of an older, unsupported shape (see `parsed`). */
  raw: unknown;
  /** The definition when it satisfies the contract, else null. */
  parsed: QuestionnaireDefinition | null;
  etag: string;
}

const versionColumns = [
  'qv.id',
  'qv.questionnaire_id',
  'q.name',
  'qv.version',
  'qv.status',
  'qv.published_at',
  'qv.definition',
  sql<string>`md5(qv.status || qv.definition::text)`.as('etag'),
] as const;

function baseVersions(tx: Tx, municipalityCode: string) {
  return tx
    .selectFrom('questionnaire_version as qv')
    .innerJoin('questionnaire as q', (j) =>
      j.onRef('q.municipality_code', '=', 'qv.municipality_code').onRef('q.id', '=', 'qv.questionnaire_id'),
    )
    .where('qv.municipality_code', '=', municipalityCode)
    .select(versionColumns);
}

type RawVersion = Awaited<ReturnType<ReturnType<typeof baseVersions>['executeTakeFirstOrThrow']>>;

function toVersion(row: RawVersion): VersionRow {
  const parsed = QuestionnaireDefinitionSchema.safeParse(row.definition);
  return {
    id: row.id,
    questionnaireId: row.questionnaire_id,
    questionnaireName: row.name,
    version: row.version,
    status: row.status,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    raw: row.definition,
    parsed: parsed.success ? parsed.data : null,
    etag: row.etag,
  };
}

export async function getVersion(tx: Tx, municipalityCode: string, versionId: string) {
  const row = await baseVersions(tx, municipalityCode).where('qv.id', '=', versionId).executeTakeFirst();
  return row && toVersion(row);
}

/**
 * The version new intakes use: the most recently published version (of any questionnaire of the
 * municipality) whose definition satisfies the contract. Older generated definitions are passed over.
 */
export async function currentVersion(tx: Tx, municipalityCode: string): Promise<VersionRow | undefined> {
  const rows = await baseVersions(tx, municipalityCode)
    .where('qv.status', '=', 'gepubliceerd')
    .orderBy('qv.published_at', 'desc')
    .orderBy('qv.version', 'desc')
    .execute();
  return rows.map(toVersion).find((v) => v.parsed !== null);
}

export async function listQuestionnaires(tx: Tx, municipalityCode: string) {
  const questionnaires = await tx
    .selectFrom('questionnaire')
    .where('municipality_code', '=', municipalityCode)
    .select(['id', 'name'])
    .orderBy('name')
    .execute();
  const versions = await tx
    .selectFrom('questionnaire_version')
    .where('municipality_code', '=', municipalityCode)
    .select(['id', 'questionnaire_id', 'version', 'status', 'published_at'])
    .orderBy('version')
    .execute();
  return questionnaires.map((q) => ({
    id: q.id,
    name: q.name,
    versions: versions
      .filter((v) => v.questionnaire_id === q.id)
      .map((v) => ({
        id: v.id,
        version: v.version,
        status: v.status,
        publishedAt: v.published_at ? v.published_at.toISOString() : null,
      })),
  }));
}

export async function questionnaireExists(tx: Tx, municipalityCode: string, id: string) {
  const row = await tx
    .selectFrom('questionnaire')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Serialises version changes of one questionnaire (new drafts and publication). */
export async function lockQuestionnaire(tx: Tx, municipalityCode: string, questionnaireId: string) {
  await sql`SELECT pg_advisory_xact_lock(7403, hashtext(${`${municipalityCode}:questionnaire`}))`.execute(tx);
  await tx
    .selectFrom('questionnaire')
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', questionnaireId)
    .select('id')
    .forUpdate()
    .execute();
}

export async function versionsOf(tx: Tx, municipalityCode: string, questionnaireId: string) {
  const rows = await baseVersions(tx, municipalityCode)
    .where('qv.questionnaire_id', '=', questionnaireId)
    .orderBy('qv.version')
    .execute();
  return rows.map(toVersion);
}

export async function insertDraft(
  tx: Tx,
  municipalityCode: string,
  questionnaireId: string,
  version: number,
  definition: QuestionnaireDefinition,
): Promise<string> {
  const row = await tx
    .insertInto('questionnaire_version')
    .values({
      municipality_code: municipalityCode,
      questionnaire_id: questionnaireId,
      version,
      status: 'concept',
      definition: JSON.stringify(definition),
      published_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Compare-and-swap on the ETag; only drafts change. True when a row was updated. */
export async function updateDraft(
  tx: Tx,
  municipalityCode: string,
  versionId: string,
  expectedEtag: string,
  definition: QuestionnaireDefinition,
): Promise<boolean> {
  const result = await tx
    .updateTable('questionnaire_version')
    .set({ definition: JSON.stringify(definition) })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', versionId)
    .where('status', '=', 'concept')
    .where(sql<boolean>`md5(status || definition::text) = ${expectedEtag}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Publishes a draft: every other published version of the municipality becomes `vervallen` for new
 * intakes (intakes in progress keep the version they started on). True when the draft was published.
 */
export async function publishDraft(
  tx: Tx,
  municipalityCode: string,
  versionId: string,
  expectedEtag: string | null,
): Promise<boolean> {
  let query = tx
    .updateTable('questionnaire_version')
    .set({ status: 'gepubliceerd', published_at: new Date() })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', versionId)
    .where('status', '=', 'concept');
  if (expectedEtag !== null)
    query = query.where(sql<boolean>`md5(status || definition::text) = ${expectedEtag}`);
  const result = await query.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await tx
    .updateTable('questionnaire_version')
    .set({ status: 'vervallen' })
    .where('municipality_code', '=', municipalityCode)
    .where('status', '=', 'gepubliceerd')
    .where('id', '<>', versionId)
    .execute();
  return true;
}
