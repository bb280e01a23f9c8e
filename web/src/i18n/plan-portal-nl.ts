/**
 * Dutch texts of the plan list and plan worklist, the resident's plan in the portal (plain Dutch, B1),
 * break-the-glass review and notifications. Part of nl.ts; plan-portal-en.ts has the same keys.
 */
export const planPortalNl = {
  plans: {},
  myPlan: {},
  breakGlass: {},
  notifications: {},
};
