/**
 * What a contract costs under its funding variant (uitvoeringsvariant), in integer eurocent:
 * - inspanningsgericht: the contracted price per unit (hour, dagdeel, etmaal, …) × the quantity delivered;
 * - outputgericht: the contracted price per trajectory or result × the number of trajectories;
 * - taakgericht: the lump sum per month × the months of the period, whatever the number of clients.
 * Pure; the cost figures of the decisions context can use the same rule.
 */
export type FundingVariant = 'inspanningsgericht' | 'outputgericht' | 'taakgericht';
export const FUNDING_VARIANTS = ['inspanningsgericht', 'outputgericht', 'taakgericht'] as const;

export type FundingInput =
  | { variant: 'inspanningsgericht'; tariffCents: number; quantity: number }
  | { variant: 'outputgericht'; tariffCents: number; trajectories: number }
  | { variant: 'taakgericht'; lumpSumCentsPerMonth: number; months: number };

export function amountCents(input: FundingInput): number {
  const check = (n: number, what: string) => {
    if (!Number.isFinite(n) || n < 0) throw new RangeError(`${what} must be a non-negative number`);
  };
  switch (input.variant) {
    case 'inspanningsgericht':
      check(input.tariffCents, 'tariffCents');
      check(input.quantity, 'quantity');
      return Math.round(input.tariffCents * input.quantity);
    case 'outputgericht':
      check(input.tariffCents, 'tariffCents');
      check(input.trajectories, 'trajectories');
      if (!Number.isInteger(input.trajectories)) throw new RangeError('trajectories must be whole');
      return input.tariffCents * input.trajectories;
    case 'taakgericht':
      check(input.lumpSumCentsPerMonth, 'lumpSumCentsPerMonth');
      check(input.months, 'months');
      return Math.round(input.lumpSumCentsPerMonth * input.months);
  }
}

/** How the variant prices, in words for the API and the screens. */
export const FUNDING_DESCRIPTION: Record<FundingVariant, { nl: string; en: string }> = {
  inspanningsgericht: { nl: 'prijs × hoeveelheid geleverde zorg', en: 'price × quantity delivered' },
  outputgericht: { nl: 'prijs per traject of resultaat', en: 'price per trajectory or result' },
  taakgericht: { nl: 'vast bedrag per periode', en: 'lump sum per period' },
};
