/** Dutch texts of the screens for the catalogue, providers and contracts, quality checks, the fraud register, costs and the map of algemene voorzieningen. Part of nl.ts; catalogue-en.ts has the same keys. */
export const catalogueNl = {};
