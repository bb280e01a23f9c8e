import { durationsMaintainers, durationsView, DURATIONS_DEFINITIONS } from './durations/durations-view.ts';
import { effectsMaintainers, effectsView, EFFECTS_DEFINITIONS } from './effects/effects-view.ts';
import { moneyMaintainers, moneyView, MONEY_DEFINITIONS } from './money/money-view.ts';
import { overlapMaintainers, overlapView, OVERLAP_DEFINITIONS } from './overlap/overlap-view.ts';
import { pyramidMaintainers, pyramidView, PYRAMID_DEFINITIONS } from './pyramid/pyramid-view.ts';
import type { DashboardView, FigureDefinition, SummaryMaintainer } from './view-model.ts';
import { volumesMaintainers, volumesView, VOLUMES_DEFINITIONS } from './volumes/volumes-view.ts';
import { wijkDnaMaintainers, wijkDnaView, WIJK_DNA_DEFINITIONS } from './wijk-dna/wijk-dna-view.ts';

/**
 * Every dashboard view, in the order the dashboard shows them, with the maintainers that keep their
 * summary tables up to date and the definitions of their figures.
 */
export const DASHBOARD_VIEWS: readonly DashboardView[] = [
  volumesView,
  durationsView,
  moneyView,
  pyramidView,
  overlapView,
  effectsView,
  wijkDnaView,
];

export const SUMMARY_MAINTAINERS: readonly SummaryMaintainer[] = [
  ...volumesMaintainers,
  ...durationsMaintainers,
  ...moneyMaintainers,
  ...pyramidMaintainers,
  ...overlapMaintainers,
  ...effectsMaintainers,
  ...wijkDnaMaintainers,
];

export const FIGURE_DEFINITIONS: readonly FigureDefinition[] = [
  ...VOLUMES_DEFINITIONS,
  ...DURATIONS_DEFINITIONS,
  ...MONEY_DEFINITIONS,
  ...PYRAMID_DEFINITIONS,
  ...OVERLAP_DEFINITIONS,
  ...EFFECTS_DEFINITIONS,
  ...WIJK_DNA_DEFINITIONS,
];

export function findView(code: string): DashboardView | undefined {
  return DASHBOARD_VIEWS.find((v) => v.code === code);
}
