/** Dutch texts of the screens for beschikkingen, toewijzingen and the provider's portal (allocations, start and stop of care, declarations). Part of nl.ts; decisions-en.ts has the same keys. */
export const decisionsNl = {};
