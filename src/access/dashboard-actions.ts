import type { ActionRule } from './actions.ts';
import type { Role } from './roles.ts';
import { STEERING_READERS } from './steering-actions.ts';

/**
 * Actions of the dashboard sociaal domein (issue 8). Everything it answers is an aggregate with small
 * counts suppressed on the server, so no personal data leaves through it and it is open to the same staff
 * as the steering information. The suppression threshold is set by the functioneel beheerder; alert rules
 * and the regional comparison belong to the beleidsadviseur / controller.
 */
const READERS: readonly Role[] = STEERING_READERS;
const POLICY: readonly Role[] = ['beleidsadviseur'];
const SETTINGS: readonly Role[] = ['functioneel-beheerder'];

const read = (description: string): ActionRule => ({ allow: READERS, personalData: false, description });

export const DASHBOARD_ACTIONS = {
  'dashboard-views.list': read('The dashboard views with their titles'),
  'dashboard-view.read': read('One dashboard view for a filter state, small counts suppressed'),
  'dashboard-filter-options.read': read(
    'What the dashboard filters can take: period, laws, wijken, buurten, services, providers, age groups',
  ),
  'dashboard-definitions.list': read('How every dashboard figure is computed'),
  'dashboard-definition.read': read('How one dashboard figure is computed'),
  'dashboard-view-csv.read': read('One dashboard view as CSV, suppressed as on screen'),
  'dashboard-view-xlsx.read': read('One dashboard view as an XLSX workbook, suppressed as on screen'),
  'dashboard-report-pdf.read': read('The whole dashboard for a period as a PDF for the council'),
  'dashboard-settings.read': read('The dashboard settings of the municipality (suppression threshold)'),
  'dashboard-settings.update': {
    allow: SETTINGS,
    personalData: false,
    description: 'Change the suppression threshold of the municipality',
  },
  'dashboard-regions.list': {
    allow: POLICY,
    personalData: false,
    description: 'The regions (samenwerkingsverbanden) the municipality belongs to',
  },
  'dashboard-region-view.read': {
    allow: POLICY,
    personalData: false,
    description:
      "A dashboard view across a region's municipalities, each suppressed by its own rule, and in total",
  },
  'dashboard-alert-rules.list': {
    allow: POLICY,
    personalData: false,
    description: 'Alert rules on dashboard figures',
  },
  'dashboard-alert-rule.create': { allow: POLICY, personalData: false, description: 'Add an alert rule' },
  'dashboard-alert-rule.update': { allow: POLICY, personalData: false, description: 'Change an alert rule' },
  'dashboard-alert-rule.delete': { allow: POLICY, personalData: false, description: 'Remove an alert rule' },
  'dashboard-alerts.list': {
    allow: POLICY,
    personalData: false,
    description: 'Alerts that fired, with the figure and the rule',
  },
} as const satisfies Record<string, ActionRule>;
