import type { FigureDefinition } from '../view-model.ts';

/** How every figure of the durations view is computed (served by /api/v1/dashboard/definitions). */

const TRAJECTORY_NL =
  'Een traject is een toewijzing (niet ingetrokken) die in de periode begon; wijk en buurt van het adres op de begindatum, leeftijd op 1 januari van het beginjaar.';
const TRAJECTORY_EN =
  'A trajectory is an allocation (toewijzing, not withdrawn) that started in the period; wijk and buurt of the address on the start date, age on 1 January of the start year.';
const SOURCE =
  'dash_duration from toewijzing (start_date, end_date, status), household_member → address → buurt';

export const DURATIONS_DEFINITIONS: FigureDefinition[] = [
  {
    code: 'durations.trajecten-gestart',
    version: 1,
    name: { nl: 'Gestarte trajecten', en: 'Trajectories started' },
    description: { nl: `Aantal trajecten. ${TRAJECTORY_NL}`, en: `Number of trajectories. ${TRAJECTORY_EN}` },
    source: SOURCE,
  },
  {
    code: 'durations.trajecten-beeindigd',
    version: 1,
    name: { nl: 'Beëindigde trajecten', en: 'Trajectories ended' },
    description: {
      nl: `Van de trajecten die in de periode begonnen, het aantal met een einddatum op of vóór de laatste dag van de periode. ${TRAJECTORY_NL}`,
      en: `Of the trajectories started in the period, the number with an end date on or before the last day of the period. ${TRAJECTORY_EN}`,
    },
    source: SOURCE,
  },
  {
    code: 'durations.trajectduur',
    version: 1,
    name: { nl: 'Duur van beëindigde trajecten', en: 'Duration of ended trajectories' },
    description: {
      nl: 'Over de beëindigde trajecten: de duur in dagen van begin tot en met einde (einde − begin + 1, ten hoogste 7.300); 25e percentiel, mediaan en 75e percentiel, de kleinste duur waarbij minstens dat deel van de trajecten is bereikt (geen interpolatie).',
      en: 'Over the ended trajectories: the duration in days from start to end inclusive (end − start + 1, at most 7,300); 25th percentile, median and 75th percentile, the smallest duration reached by at least that share of the trajectories (no interpolation).',
    },
    source: SOURCE,
  },
  {
    code: 'durations.open-na',
    version: 1,
    name: { nl: 'Nog open na 6, 12 en 24 maanden', en: 'Still open after 6, 12 and 24 months' },
    description: {
      nl: 'Van de trajecten die in de periode begonnen en minstens 6 (12, 24) maanden vóór het einde van de periode (183, 365 en 731 dagen), het percentage dat langer duurde dan die termijn: beëindigd na meer dan zoveel dagen, of op de laatste dag van de periode nog lopend en al langer dan die termijn. Noemer: die trajecten.',
      en: 'Of the trajectories started in the period and at least 6 (12, 24) months before its end (183, 365 and 731 days), the percentage that lasted longer than that: ended after more days, or still running on the last day of the period and already longer. Denominator: those trajectories.',
    },
    source: SOURCE,
  },
];
