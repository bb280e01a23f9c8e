import type { planPortalNl } from './plan-portal-nl.ts';

/** English texts of the plan list, the resident's plan, break-the-glass review and notifications. */
export const planPortalEn: typeof planPortalNl = {
  plans: {},
  myPlan: {},
  breakGlass: {},
  notifications: {},
};
