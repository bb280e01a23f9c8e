import type { decisionsNl } from './decisions-nl.ts';

/** English texts of the screens for beschikkingen, toewijzingen and the provider's portal (allocations, start and stop of care, declarations); the same keys as decisions-nl.ts. */
export const decisionsEn: typeof decisionsNl = {};
