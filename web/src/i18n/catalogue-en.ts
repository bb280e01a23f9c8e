import type { catalogueNl } from './catalogue-nl.ts';

/** English texts of the screens for the catalogue, providers and contracts, quality checks, the fraud register, costs and the map of algemene voorzieningen; the same keys as catalogue-nl.ts. */
export const catalogueEn: typeof catalogueNl = {};
