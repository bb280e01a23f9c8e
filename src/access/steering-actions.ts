import type { ActionRule } from './actions.ts';
import type { Role } from './roles.ts';

/**
 * Who reads steering information: every professional role of the municipality. It is aggregated policy
 * information (programmes, goals, indicators, budgets) and contains no personal data, so it is open to all
 * staff: the council report it feeds is public once published. Providers and residents do not see it here.
 */
export const STEERING_READERS: readonly Role[] = [
  'toegang-medewerker',
  'wijkteam-medewerker',
  'regisseur',
  'beleidsadviseur',
  'functioneel-beheerder',
  'privacy-officer',
];
/** The beleidsadviseur / controller maintains the programme structure, indicators and budgets. */
const MAINTAINERS: readonly Role[] = ['beleidsadviseur'];
/** Budget files may also be imported by the functioneel beheerder (who loads the yearly figures). */
const IMPORTERS: readonly Role[] = ['beleidsadviseur', 'functioneel-beheerder'];

/** Actions of the steering context (issue 7): programmes, goals, themes, interventions, indicators, budgets. */
export const STEERING_ACTIONS = {
  'programme.list': {
    allow: STEERING_READERS,
    personalData: false,
    description: 'Programmes of the municipal budget',
  },
  'programme.read': {
    allow: STEERING_READERS,
    personalData: false,
    description: 'One programme with its societal goals, themes and interventions',
  },
  'programme.create': { allow: MAINTAINERS, personalData: false, description: 'Add a programme' },
  'programme.update': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Change a programme (code, name, years, description)',
  },
  'programme.delete': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Delete a programme that has no goals, themes or budget left',
  },
  'societal-goal.update': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Change a societal goal, its IST or SOLL',
  },
  'societal-goal.delete': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Delete a societal goal that no theme or indicator refers to',
  },
  'theme.update': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Change a theme (code, name, goal, BBV taakveld)',
  },
  'theme.delete': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Delete a theme without interventions, indicators or budget lines',
  },
  'intervention.delete': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Delete an intervention from the implementation plan',
  },
  'indicator.update': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Change an indicator (descriptive fields, source or definition, baseline, goal)',
  },
  'indicator.delete': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Delete an indicator without recorded realisations (its targets go with it)',
  },
  'indicator-target.delete': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Delete the target of an indicator for a year',
  },
  'indicator-realisation.delete': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Delete a recorded realisation of an external indicator',
  },
  'societal-goal.create': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Add a societal goal (with IST and SOLL) to a programme',
  },
  'theme.create': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Add a theme (opgave, taak) to a programme',
  },
  'intervention.create': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Add an intervention to the implementation plan',
  },
  'intervention.update': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Change an intervention or its status (finishing asks the result, stopping the reason)',
  },
  'indicator.list': {
    allow: STEERING_READERS,
    personalData: false,
    description: 'Indicators with their status (on track or not)',
  },
  'indicator.read': {
    allow: STEERING_READERS,
    personalData: false,
    description: 'One indicator with baseline, targets and realisations (computed ones computed now)',
  },
  'indicator-definition.list': {
    allow: STEERING_READERS,
    personalData: false,
    description: 'The named, versioned definitions of computed indicators',
  },
  'indicator.create': { allow: MAINTAINERS, personalData: false, description: 'Add an indicator' },
  'indicator-target.set': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Set the target of an indicator for a year',
  },
  'indicator-realisation.create': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Record a realisation of an external indicator, with its source',
  },
  'budget.read': {
    allow: STEERING_READERS,
    personalData: false,
    description: 'Budget of a programme: lines, reserves, saldo and result per year and stage',
  },
  'budget.export': {
    allow: STEERING_READERS,
    personalData: false,
    description: 'Budget of a programme as CSV or XLSX (in the import layout)',
  },
  'budget.import': {
    allow: IMPORTERS,
    personalData: false,
    description: 'Import a budget file (CSV or XLSX) into a programme: all lines or none',
  },
  'indicator.import': {
    allow: MAINTAINERS,
    personalData: false,
    description: 'Import realisations and targets of external indicators from CSV: all rows or none',
  },
  'budget.realisation-from-costs': {
    allow: MAINTAINERS,
    personalData: false,
    description:
      'Compute realisatie lasten per BBV taakveld from Grip’s own costs and store them as grip-kosten lines',
  },
} as const satisfies Record<string, ActionRule>;
