import type { Tx } from '../platform/db/database.ts';
import { invalid } from '../platform/http/problem.ts';
import type { DocumentType } from './documents-files.ts';
import { documentSummary, insertDocument, type DocumentSummaryRow } from './documents-repository.ts';
import {
  insertMessage,
  markPlanMessagesRead,
  message,
  planMessages,
  type MessageRow,
} from './messages-repository.ts';
import { notify, planParties } from './notifications-repository.ts';

/**
 * What the professionals' routes and the portal's share: reading and writing messages and documents on a
 * plan, and notifying every other party. Access has been checked by the caller (requirePlanAccess, or
 * the resident's own plan).
 */

export interface Author {
  userId: string;
  kind: 'professional' | 'inwoner';
  name: string;
}

const planLink = (planId: string) => `/plannen/${planId}`;
const PORTAL_LINK = '/mijn-plan';

/** The messages of the plan in order, each with whether the reader had read it; then all are read. */
export async function readMessages(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  readerId: string,
): Promise<{ rows: MessageRow[]; unread: number }> {
  const rows = await planMessages(tx, municipalityCode, planId, readerId);
  await markPlanMessagesRead(tx, municipalityCode, planId, readerId);
  return { rows, unread: rows.filter((r) => !r.read).length };
}

/** Writes a message (its document must be one of the same plan) and notifies the other parties. */
export async function postMessage(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  author: Author,
  input: { body: string; documentId?: string | undefined },
): Promise<MessageRow> {
  if (input.documentId !== undefined) {
    const document = await documentSummary(tx, municipalityCode, input.documentId);
    if (!document || document.plan_id !== planId) {
      throw invalid([
        {
          name: 'documentId',
          code: 'unknown-document',
          reason: {
            nl: 'Dit document hoort niet bij dit plan. Voeg het eerst toe aan het plan.',
            en: 'This document does not belong to this plan. Add it to the plan first.',
          },
        },
      ]);
    }
  }
  const id = await insertMessage(tx, municipalityCode, {
    planId,
    authorUserId: author.userId,
    authorKind: author.kind,
    body: input.body,
    documentId: input.documentId ?? null,
  });
  const recipients = await planParties(tx, municipalityCode, planId, author.userId);
  await notify(tx, municipalityCode, recipients, {
    kind: 'bericht',
    planId,
    subjectId: id,
    text:
      author.kind === 'inwoner'
        ? {
            nl: 'De inwoner heeft een bericht gestuurd over het plan.',
            en: 'The resident sent a message about the plan.',
          }
        : {
            nl: `${author.name} heeft een bericht gestuurd over het plan.`,
            en: `${author.name} sent a message about the plan.`,
          },
    link: planLink(planId),
    portalLink: PORTAL_LINK,
  });
  return message(tx, municipalityCode, id, author.userId);
}

/** Stores a document with the household and notifies the other parties. */
export async function storeDocument(
  tx: Tx,
  municipalityCode: string,
  plan: { planId: string; householdId: string },
  author: Author,
  file: { fileName: string; mediaType: DocumentType; content: Buffer },
): Promise<DocumentSummaryRow> {
  const row = await insertDocument(tx, municipalityCode, {
    planId: plan.planId,
    householdId: plan.householdId,
    fileName: file.fileName,
    mediaType: file.mediaType,
    content: file.content,
    uploadedBy: author.userId,
    uploadedAs: author.kind,
  });
  const recipients = await planParties(tx, municipalityCode, plan.planId, author.userId);
  await notify(tx, municipalityCode, recipients, {
    kind: 'document',
    planId: plan.planId,
    subjectId: row.id,
    text:
      author.kind === 'inwoner'
        ? {
            nl: 'De inwoner heeft een document toegevoegd aan het plan.',
            en: 'The resident added a document to the plan.',
          }
        : {
            nl: `${author.name} heeft een document toegevoegd aan het plan.`,
            en: `${author.name} added a document to the plan.`,
          },
    link: planLink(plan.planId),
    portalLink: PORTAL_LINK,
  });
  return row;
}

/** Tells the regisseur (or, without one, the involved professionals) the resident's answer to a version. */
export async function notifyAgreement(
  tx: Tx,
  municipalityCode: string,
  planId: string,
  regisseurUserId: string | null,
  residentUserId: string,
  answer: { version: number; agreement: 'akkoord' | 'niet-akkoord' },
): Promise<void> {
  const recipients = regisseurUserId
    ? [regisseurUserId]
    : (await planParties(tx, municipalityCode, planId, residentUserId)).filter((id) => id !== residentUserId);
  const agreed = answer.agreement === 'akkoord';
  await notify(tx, municipalityCode, recipients, {
    kind: 'akkoord',
    planId,
    text: {
      nl: `De inwoner is ${agreed ? '' : 'niet '}akkoord met versie ${answer.version} van het plan.`,
      en: `The resident ${agreed ? 'agreed' : 'did not agree'} to version ${answer.version} of the plan.`,
    },
    link: planLink(planId),
  });
}
