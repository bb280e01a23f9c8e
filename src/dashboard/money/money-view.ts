import type { DashboardView, SummaryMaintainer } from '../view-model.ts';
import { MONEY_DEFINITIONS } from './money-definitions.ts';
import { moneyLabels } from './money-labels.ts';
import { moneyMaintainer } from './money-maintainer.ts';
import { budgetTables, monthTable } from './money-budget-tables.ts';
import { commitmentsTable, realisationTables } from './money-breakdown-tables.ts';

/**
 * The money view (issue 8 point 3): spending against budget by taakveld and by month with the year-end
 * forecast, realisation from declarations by law, service, provider, wijk and funding variant, and
 * commitments from allocations. Computed from the money summaries only; raw numbers, suppressed by the
 * platform.
 */
export const moneyView: DashboardView = {
  code: 'money',
  title: { nl: 'Geld', en: 'Money' },
  description: {
    nl: 'Uitgaven tegen de begroting, verplichtingen uit toewijzingen en realisatie uit declaraties, met een prognose voor het einde van het jaar.',
    en: 'Spending against the budget, commitments from allocations and realisation from declarations, with a year-end forecast.',
  },
  async load(tx, context) {
    const labels = await moneyLabels(tx, context.municipalityCode);
    const budget = await budgetTables(tx, context, labels);
    const month = await monthTable(tx, context);
    const realisation = await realisationTables(tx, context, labels);
    const commitments = await commitmentsTable(tx, context, labels);
    // Headline first, then the budget comparison, the month line, the breakdowns and the commitments.
    return { tables: [budget[1]!, budget[0]!, month, ...realisation, commitments] };
  },
};

export const moneyMaintainers: SummaryMaintainer[] = [moneyMaintainer];

export { MONEY_DEFINITIONS };
