import type { ActionRule } from './actions.ts';
import { GROUND_CASEWORK, PURPOSE_CASEWORK } from './purposes.ts';

/**
 * Actions of the iWmo/iJw 3.2 messages: 301 export, 305/307/323 import (issue 6, point 7). Shared purposes
 * and grounds are in ./purposes.ts. Provider staff (aanbieder) send the messages of their own provider
 * only (the import checks the Afzender against their account); municipal application managers book
 * messages that arrived by the exchange for any provider.
 */

/** Booking care delivery and declarations: the municipality pays for and checks the care it allocated. */
const PURPOSE_FUNDING = 'bekostiging-zorg';
const GROUND_FUNDING =
  'AVG art. 6 lid 1 sub e; Wmo 2015 art. 2.6.6 en 5.1.1, Jeugdwet art. 2.12 en 7.4.0 (bekostiging en rechtmatigheid van toegewezen zorg)';

export const ISTANDAARD_ACTIONS = {
  'istandaard-toewijzing.export': {
    allow: ['toegang-medewerker', 'regisseur', 'functioneel-beheerder'],
    personalData: true,
    purpose: PURPOSE_CASEWORK,
    legalGround: GROUND_CASEWORK,
    description:
      "The WMO301/JW301 message of an allocation (the client's current allocations with that provider)",
  },
  'istandaard-bericht.import': {
    allow: ['aanbieder', 'functioneel-beheerder'],
    personalData: true,
    purpose: PURPOSE_FUNDING,
    legalGround: GROUND_FUNDING,
    description: 'Book a 305 (start), 307 (stop) or 323 (declaration) message: XSD, checks, retour per line',
  },
  'istandaard-bericht.list': {
    allow: ['aanbieder', 'functioneel-beheerder', 'beleidsadviseur'],
    personalData: false,
    description: 'Messages sent and booked (header and counts, no client data); provider staff see their own',
  },
} as const satisfies Record<string, ActionRule>;
