import { dutchDate } from '../plans/plan-pdf.ts';
import {
  lastBudget,
  type ProgressReport,
  type ReportIndicator,
  type StageAmounts,
} from './progress-report.ts';

/**
 * The words of the progress report in the language of a council report (raadsrapportage): the three
 * W-questions of a programme (wat wilden we bereiken, wat hebben we daarvoor gedaan, wat heeft het
 * gekost), figures in Dutch notation, amounts in euro x 1,000. Shared by the PDF and the XLSX.
 */

const THOUSANDS = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, minimumFractionDigits: 0 });
const VALUE = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

/** "183.905" or "-1.234,5"; an en dash where nothing was recorded. */
export function thousands(value: number | null): string {
  return value === null ? '–' : THOUSANDS.format(value);
}

/** An indicator value with its unit: "12,5%", "€ 1.200", "340", "6,8", "42 dagen". */
export function indicatorValue(value: number, unit: ReportIndicator['unit']): string {
  const text = VALUE.format(value);
  if (unit === 'percentage') return `${text}%`;
  if (unit === 'euro') return `€ ${text}`;
  if (unit === 'dagen') return `${text} dagen`;
  return text;
}

export const INDICATOR_STATUS_NL: Record<ReportIndicator['status'], string> = {
  'op-koers': 'op koers',
  'niet-op-koers': 'niet op koers',
  onbekend: 'nog niet te beoordelen',
};

export const INTERVENTION_STATUS_NL: Record<string, string> = {
  gepland: 'Gepland',
  gestart: 'Gestart',
  afgerond: 'Afgerond',
  gestopt: 'Gestopt',
  'niet-gestart': 'Niet gestart',
};

export const STAGE_NL: Record<keyof StageAmounts, string> = {
  begroting: 'Begroting',
  'begroting-na-wijziging': 'Begroting na wijziging',
  raming: 'Raming',
  realisatie: 'Realisatie',
};

const plural = (n: number, one: string, more: string) => `${n} ${n === 1 ? one : more}`;

function period(start: string, end: string): string {
  if (start.slice(5) === '01-01' && end.slice(5) === '12-31') {
    return start.slice(0, 4) === end.slice(0, 4)
      ? start.slice(0, 4)
      : `${start.slice(0, 4)}-${end.slice(0, 4)}`;
  }
  return `${dutchDate(start)} tot en met ${dutchDate(end)}`;
}

/** One sentence per indicator: what it measures, where we started, where we aim, where we are. */
export function indicatorSentence(i: ReportIndicator): string {
  const parts = [`${i.name} (${i.kind === 'effect' ? 'effectindicator' : 'prestatie-indicator'})`];
  if (i.baseline) parts.push(`nulmeting ${i.baseline.year}: ${indicatorValue(i.baseline.value, i.unit)}`);
  if (i.target) parts.push(`streefwaarde ${i.target.year}: ${indicatorValue(i.target.value, i.unit)}`);
  else parts.push('geen streefwaarde vastgesteld');
  if (i.realisation)
    parts.push(
      `realisatie ${period(i.realisation.periodStartDate, i.realisation.periodEndDate)}: ${indicatorValue(i.realisation.value, i.unit)}`,
    );
  else parts.push('nog geen realisatie bekend');
  const better = i.direction === 'hoger-is-beter' ? 'hoger is beter' : 'lager is beter';
  return `${parts.join('; ')}. Oordeel: ${INDICATOR_STATUS_NL[i.status]} (${better}). Bron: ${i.source}.`;
}

export function summarySentences(report: ProgressReport): string[] {
  const s = report.summary.indicators;
  const total = s['op-koers'] + s['niet-op-koers'] + s.onbekend;
  const v = report.summary.interventions;
  const interventions = Object.values(v).reduce((a, b) => a + b, 0);
  const out: string[] = [];
  out.push(
    total === 0
      ? 'Aan dit programma zijn nog geen indicatoren gekoppeld.'
      : `Van de ${plural(total, 'indicator', 'indicatoren')} ${s['op-koers'] === 1 ? 'ligt' : 'liggen'} er ${s['op-koers']} op koers en ${s['niet-op-koers']} niet op koers; bij ${s.onbekend} is dat nog niet te beoordelen, omdat een streefwaarde of een realisatie ontbreekt.`,
  );
  out.push(
    interventions === 0
      ? `In ${report.year} liepen er geen interventies binnen dit programma.`
      : `In ${report.year} liepen er ${plural(interventions, 'interventie', 'interventies')}: ${v.afgerond} afgerond, ${v.gestart} gestart, ${v.gepland} gepland, ${v.gestopt} gestopt en ${v['niet-gestart']} niet gestart.`,
  );
  const { totals, difference } = report.budget;
  if (totals.lasten.realisatie !== null) {
    const budgetText =
      lastBudget(totals.lasten) === null
        ? ''
        : ` tegen € ${thousands(lastBudget(totals.lasten))} duizend begroot`;
    out.push(
      `De lasten kwamen uit op € ${thousands(totals.lasten.realisatie)} duizend${budgetText}; de baten op € ${thousands(totals.baten.realisatie ?? 0)} duizend.`,
    );
  } else if (lastBudget(totals.lasten) !== null) {
    out.push(`Over ${report.year} is nog geen realisatie van de lasten en baten bekend.`);
  }
  const result = totals.resultaat.realisatie;
  if (result !== null) {
    const versus =
      difference.resultaat === null || difference.resultaat === 0
        ? ''
        : `; dat is € ${thousands(Math.abs(difference.resultaat))} duizend ${difference.resultaat > 0 ? 'meer' : 'minder'} dan begroot (${difference.resultaat > 0 ? 'nadelig' : 'voordelig'})`;
    out.push(
      `Per saldo kostte het programma € ${thousands(result)} duizend (lasten min baten, na stortingen in en onttrekkingen aan reserves)${versus}.`,
    );
  }
  if (report.budget.publishedTotalDiffers)
    out.push(
      'Let op: een gepubliceerd totaal wijkt meer dan 1 (duizend euro) af van de som van de regels eronder; de tabel toont het gepubliceerde totaal.',
    );
  return out;
}
