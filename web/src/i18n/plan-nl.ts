/**
 * Dutch texts of the professional's plan screens (the household plan, goals, scores, versions, timeline,
 * messages). Part of nl.ts; plan-en.ts has the same keys.
 */
export const planNl = {
  plan: {},
};
