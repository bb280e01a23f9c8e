import type { ActionRule } from './actions.ts';
import { CASEWORK, GROUND_CASEWORK, PURPOSE_CASEWORK } from './purposes.ts';
import type { Role } from './roles.ts';

/** Actions of beschikkingen, toewijzingen, care delivery, declarations and costs (issue 6, points 3–6). Shared purposes and grounds are in ./purposes.ts. */

/**
 * Provider staff process the data of their own clients to deliver and bill the allocated care: the
 * municipality shares it with them under the Wmo/Jeugdwet (the 301 message carries BSN and name).
 */
export const PURPOSE_DELIVERY = 'levering-en-declaratie-zorg';
export const GROUND_DELIVERY =
  'AVG art. 6 lid 1 sub e; Wmo 2015 art. 5.1.1 en 5.1.3, Jeugdwet art. 7.4.0 en 7.4.4 (toewijzing, levering en declaratie door de gecontracteerde aanbieder)';

/** Staff who see an allocation: caseworkers, and provider staff for their own provider's only. */
const ALLOCATION_READERS: readonly Role[] = [...CASEWORK, 'aanbieder'];
/** Declarations: provider staff (their own) and the controller (rechtmatigheid). */
const DECLARATION_READERS: readonly Role[] = ['aanbieder', 'beleidsadviseur'];

const casework = (description: string): ActionRule => ({
  allow: CASEWORK,
  personalData: true,
  purpose: PURPOSE_CASEWORK,
  legalGround: GROUND_CASEWORK,
  description,
});

const delivery = (allow: readonly Role[], description: string): ActionRule => ({
  allow,
  personalData: true,
  purpose: PURPOSE_DELIVERY,
  legalGround: GROUND_DELIVERY,
  description,
});

export const DECISION_ACTIONS = {
  'beschikking.create': casework(
    'Decide on a melding: a beschikking granting or refusing each product, with legal grounds and objection term',
  ),
  'beschikking.list': casework("A resident's beschikkingen"),
  'beschikking.read': casework('One beschikking with its products'),
  'beschikking.letter': casework('The decision letter of a beschikking as PDF, in plain Dutch'),
  'toewijzing.create': casework('Allocate a granted product to a contracted provider (a 301 toewijzing)'),
  'toewijzing.list': delivery(
    ALLOCATION_READERS,
    "List allocations (provider staff: their own provider's only)",
  ),
  'toewijzing.read': delivery(
    ALLOCATION_READERS,
    'One allocation with its care delivery and changes (provider staff: their own only)',
  ),
  'toewijzing.change': casework('Change an allocation (period, volume, budget) with a RedenWijziging'),
  'toewijzing.end': casework('End an allocation with a RedenBeeindiging'),
  'care-delivery.start': delivery(['aanbieder'], 'Report the start of care on an own allocation (305)'),
  'care-delivery.stop': delivery(['aanbieder'], 'Report the stop of care on an own allocation (307)'),
  'declaration.create': delivery(
    ['aanbieder'],
    'Submit a declaration for a period; every line is checked and accepted or rejected (323)',
  ),
  'declaration.list': delivery(
    DECLARATION_READERS,
    "List declarations (provider staff: their own provider's)",
  ),
  'declaration.read': delivery(DECLARATION_READERS, 'One declaration with its lines and their outcome'),
  'costs.read': {
    allow: ['beleidsadviseur'],
    personalData: false,
    description:
      'Costs per service, provider, law or wijk by month and funding variant (commitments, realisation, lump sums); small counts suppressed',
  },
} as const satisfies Record<string, ActionRule>;
