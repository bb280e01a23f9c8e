import type { ActionRule } from './actions.ts';
import {
  CASEWORK,
  GROUND_BREAK_GLASS,
  GROUND_CASEWORK,
  GROUND_SUPERVISION,
  PURPOSE_BREAK_GLASS,
  PURPOSE_CASEWORK,
  PURPOSE_SUPERVISION,
} from './purposes.ts';

/**
 * Actions of the plans context (docs/api/plans.md): the plan, its versions, scores and evaluations, break
 * the glass. The role table says which roles; src/plans/plan-access.ts says which plans. Shared purposes
 * and grounds are in ./purposes.ts.
 */
const casework = (description: string) =>
  ({
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description,
  }) as const;

export const PLAN_ACTIONS = {
  'plan.list': casework('The plans I direct or am involved in'),
  'plan.read': casework("One household's plan: participants, professionals, goals, evaluations, versions"),
  'household-plan.read': casework("A household's open plan (the same body as plan.read)"),
  'plan.update': casework('Change the plan (a new version awaiting the resident’s agreement)'),
  'plan-version.read': casework('One version of a plan as it was'),
  'plan-version.compare': casework('The differences between two versions of a plan'),
  'plan-agreement.record': casework(
    "Record the resident's agreement with the newest version, given in person",
  ),
  'plan-scores.read': casework("The participants' life-domain scores in order: start and every evaluation"),
  'plan-start-measurement.create': casework('Record the start measurement of the scores on the plan'),
  'plan-evaluation.create': casework('Plan an evaluation of the plan'),
  'plan-evaluation.hold': casework('Record a held evaluation: outcome, satisfaction, scores, goal statuses'),
  'plan-worklist.read': casework('My plans: evaluations due or overdue and the 18-jaar-overgang'),
  'break-glass.create': {
    allow: CASEWORK,
    personalData: true,
    purpose: PURPOSE_BREAK_GLASS,
    legalGround: GROUND_BREAK_GLASS,
    description:
      'Break the glass: open a plan one is not involved in, in an emergency, with a written reason',
  },
  'break-glass.list': {
    allow: ['privacy-officer'],
    personalData: true,
    purpose: PURPOSE_SUPERVISION,
    legalGround: GROUND_SUPERVISION,
    description: 'Every broken glass: who, when, why, which plan',
  },
  'break-glass.review': {
    allow: ['privacy-officer'],
    personalData: true,
    purpose: PURPOSE_SUPERVISION,
    legalGround: GROUND_SUPERVISION,
    description: 'Mark a broken glass as reviewed, with a finding',
  },
} as const satisfies Record<string, ActionRule>;
