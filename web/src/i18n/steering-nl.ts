/** Dutch texts of the steering screens (programmes, indicators, budgets, progress report). Part of nl.ts. */
export const steeringNl = {};
