import type { ActionRule } from './actions.ts';
import {
  CASEWORK,
  GROUND_CASEWORK,
  GROUND_OWN_ACCESS,
  PURPOSE_CASEWORK,
  PURPOSE_OWN_ACCESS,
} from './purposes.ts';

/**
 * Actions of the plan's exchange (docs/api/plans.md): messages, documents, notifications, the timeline,
 * the PDF, and the resident's plan in the portal. Professionals' plan actions are further confined per
 * plan by requirePlanAccess (src/plans/plan-access.ts); the resident's by being an adult participant of
 * the household's open plan (src/plans/portal-plan-repository.ts).
 */
const casework = (description: string) =>
  ({
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description,
  }) as const;

const own = (description: string) =>
  ({
    allow: ['inwoner'],
    personalData: true,
    purpose: PURPOSE_OWN_ACCESS,
    legalGround: GROUND_OWN_ACCESS,
    description,
  }) as const;

export const PLAN_EXCHANGE_ACTIONS = {
  'plan-timeline.read': casework("Every event of the plan's household in order"),
  'plan-message.list': casework("A plan's messages (marks them read for the caller)"),
  'plan-message.create': casework('Write a message on a plan; notifies the other parties'),
  'plan-document.list': casework("A plan's documents"),
  'plan-document.create': casework('Upload a document to a plan (stored with the household)'),
  'plan-document.read': casework('Download a document of a plan'),
  'plan-pdf.read': casework('The plan in plain Dutch as a PDF'),
  'notification.list': {
    allow: 'authenticated',
    personalData: false,
    description: 'My notifications with the unread count (their texts name no resident)',
  },
  'notification.update': {
    allow: 'authenticated',
    personalData: false,
    description: 'Mark one of my notifications read',
  },
  'portal-plan.read': own("The resident's household plan in plain words"),
  'portal-plan-agreement.create': own('The resident agrees or disagrees with the newest version of the plan'),
  'portal-plan-pdf.read': own("The resident's plan as a PDF"),
  'portal-plan-message.list': own("The messages on the resident's plan (marks them read)"),
  'portal-plan-message.create': own('The resident writes a message on their plan'),
  'portal-plan-document.list': own("The documents on the resident's plan"),
  'portal-plan-document.create': own('The resident uploads a document to their plan'),
  'portal-plan-document.read': own('The resident downloads a document of their plan'),
} as const satisfies Record<string, ActionRule>;
