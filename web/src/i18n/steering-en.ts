import type { steeringNl } from './steering-nl.ts';

/** English texts of the steering screens; the same keys as steering-nl.ts. */
export const steeringEn: typeof steeringNl = {};
