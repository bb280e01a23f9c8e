import { invalid } from '../platform/http/problem.ts';

/**
 * The unit a tariff is in: the one given, or else the service's own. A tariff must be in the service's
 * unit when the service has one, and needs a unit when the service has none (400 on `body.unitCode`).
 */
export function tariffUnit(given: string | null | undefined, serviceUnit: string | null): string {
  const unit = given ?? serviceUnit;
  if (unit !== null && (serviceUnit === null || unit === serviceUnit)) return unit;
  throw invalid([
    {
      name: 'body.unitCode',
      code: unit === null ? 'required' : 'unit-mismatch',
      reason:
        unit === null
          ? {
              nl: 'Deze voorziening heeft geen eenheid: geef er een op.',
              en: 'This service has no unit: give one.',
            }
          : {
              nl: `Het tarief moet in de eenheid van de voorziening zijn (${serviceUnit}).`,
              en: `The tariff must be in the service's unit (${serviceUnit}).`,
            },
    },
  ]);
}
