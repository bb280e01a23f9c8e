import type { ActionRule } from './actions.ts';

/**
 * Actions of the steering progress report (issue 7, point 5): screen, PDF and XLSX. Aggregated policy
 * data (goals, indicators, interventions, budgets), no personal data.
 */
export const STEERING_REPORT_ACTIONS = {
  'progress-report.read': {
    allow: ['beleidsadviseur'],
    personalData: false,
    description:
      'Progress report of a programme over a year: goals with indicator status, interventions by status, budget against realisation (JSON, PDF or XLSX)',
  },
  'progress-report-pdf.read': {
    allow: ['beleidsadviseur'],
    personalData: false,
    description: 'The progress report of a programme over a year as a PDF for the council',
  },
  'progress-report-xlsx.read': {
    allow: ['beleidsadviseur'],
    personalData: false,
    description: 'The progress report of a programme over a year as an XLSX workbook',
  },
} as const satisfies Record<string, ActionRule>;
