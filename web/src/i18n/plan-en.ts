import type { planNl } from './plan-nl.ts';

/** English texts of the professional's plan screens; the same keys as plan-nl.ts. */
export const planEn: typeof planNl = {
  plan: {},
};
