/**
 * Budgets of the synthetic municipality: a programme "Sociaal domein" with themes per BBV taakveld, and per
 * year lasten (begroting, raming, realisatie) and baten, in euro x 1,000. Realisatie comes from what the
 * generator paid (accepted declarations, lump sums, bijstand); the begroting is last year's realisatie
 * plus growth, as municipalities tend to budget.
 */
import type { BulkWriter } from '../platform/db/bulk-writer.ts';
import { yearOf, type Day } from './calendar.ts';
import type { IdSource } from './ids.ts';
import { BIJSTAND_MONTHLY_CENTS_2026, WMO_CONTRIBUTION_MONTHLY_CENTS } from './model.ts';
import type { Truth } from './truth.ts';

const THEMES = [
  {
    code: 'T1',
    name: 'Algemene voorzieningen en wijkteams',
    taakveld: '6.1',
    lots: ['Welzijn en algemene voorzieningen'],
    services: [] as string[],
  },
  {
    code: 'T2',
    name: 'Wmo-maatwerk',
    taakveld: '6.71',
    lots: ['Vervoer'],
    services: ['WMO-HO', 'WMO-BGI', 'WMO-DB', 'WMO-KV', 'WMO-RS', 'WMO-SC', 'WMO-WV'],
  },
  {
    code: 'T3',
    name: 'Beschermd wonen en opvang',
    taakveld: '6.81',
    lots: [],
    services: ['WMO-BW', 'WMO-MO'],
  },
  {
    code: 'T4',
    name: 'Jeugdhulp',
    taakveld: '6.72',
    lots: [],
    services: ['JW-AMB', 'JW-GGZ', 'JW-DBH', 'JW-PZ', 'JW-RES', 'JW-CR'],
  },
  {
    code: 'T5',
    name: 'Jeugdbescherming en jeugdreclassering',
    taakveld: '6.82',
    lots: [],
    services: ['JW-JB', 'JW-JR'],
  },
  {
    code: 'T6',
    name: 'Participatie en re-integratie',
    taakveld: '6.5',
    lots: [],
    services: ['PW-RE', 'PW-JC'],
  },
  { code: 'T7', name: 'Inkomen en schuldhulp', taakveld: '6.3', lots: [], services: ['SH-MSV', 'SH-BB'] },
];

export async function writeBudgets(
  writer: BulkWriter,
  ids: IdSource,
  o: { municipality: string; truth: Truth; windowStart: Day; windowEnd: Day },
): Promise<void> {
  const m = o.municipality;
  const programme = ids.uuid('0b90');
  const firstYear = yearOf(o.windowStart);
  const lastYear = yearOf(o.windowEnd);
  writer
    .table('programme', ['municipality_code', 'id', 'code', 'name', 'first_year', 'last_year', 'description'])
    .add([
      m,
      programme,
      'SD',
      'Sociaal domein (synthetisch)',
      firstYear,
      lastYear + 1,
      'Begroting en realisatie van het sociaal domein, berekend uit de synthetische gegevens.',
    ]);
  const goal = ids.uuid('0b91');
  writer
    .table('societal_goal', ['municipality_code', 'id', 'programme_id', 'code', 'name'])
    .add([m, goal, programme, 'D1', 'Inwoners doen mee en redden zich zo veel mogelijk zelf']);
  const themeSink = writer.table('theme', [
    'municipality_code',
    'id',
    'programme_id',
    'societal_goal_id',
    'code',
    'name',
    'bbv_taakveld_code',
  ]);
  const lineSink = writer.table('budget_line', [
    'municipality_code',
    'id',
    'theme_id',
    'bbv_taakveld_code',
    'year',
    'side',
    'stage',
    'amount_thousands',
    'source',
  ]);
  const costs = new Map<string, number>(); // theme|year -> cents
  const add = (theme: string, year: number, cents: number) =>
    costs.set(`${theme}|${year}`, (costs.get(`${theme}|${year}`) ?? 0) + cents);
  for (const [key, cents] of o.truth.costsCents.values) {
    const [, service, , month] = key.split('|');
    const theme = THEMES.find((t) => t.services.includes(service!));
    if (theme) add(theme.code, Number(month!.slice(0, 4)), cents);
  }
  for (const [key, cents] of o.truth.lumpSumsCents.values) {
    const [lot, month] = key.split('|');
    const theme = THEMES.find((t) => t.lots.includes(lot!));
    if (theme) add(theme.code, Number(month!.slice(0, 4)), cents);
  }
  const bijstandMonths = new Map<number, number>();
  const wmoMonths = new Map<number, number>();
  for (const [key, clients] of o.truth.activeClientsByMonth.values) {
    const [law, service, , month] = key.split('|');
    const year = Number(month!.slice(0, 4));
    if (service === 'PW-LO') bijstandMonths.set(year, (bijstandMonths.get(year) ?? 0) + clients);
    if (law === 'wmo') wmoMonths.set(year, (wmoMonths.get(year) ?? 0) + clients);
  }
  for (const [year, months] of bijstandMonths)
    add('T7', year, months * Math.round(BIJSTAND_MONTHLY_CENTS_2026 / 1.02 ** (2026 - year)));
  const thousands = (cents: number) => Math.round(cents / 100_000);
  for (const t of THEMES) {
    const themeId = ids.uuid('0b92');
    themeSink.add([m, themeId, programme, goal, t.code, t.name, t.taakveld]);
    for (let y = firstYear; y <= lastYear; y++) {
      const realised = costs.get(`${t.code}|${y}`) ?? 0;
      const previous = costs.get(`${t.code}|${y - 1}`) ?? realised * 0.97;
      const begroting = previous * 1.025;
      const complete = y < lastYear || yearOf(o.windowEnd + 1) > lastYear;
      lineSink.add([
        m,
        ids.uuid('0b93'),
        themeId,
        t.taakveld,
        y,
        'lasten',
        'begroting',
        thousands(begroting),
        'grip-kosten',
      ]);
      lineSink.add([
        m,
        ids.uuid('0b93'),
        themeId,
        t.taakveld,
        y,
        'lasten',
        'raming',
        thousands((begroting + realised) / 2),
        'grip-kosten',
      ]);
      if (complete)
        lineSink.add([
          m,
          ids.uuid('0b93'),
          themeId,
          t.taakveld,
          y,
          'lasten',
          'realisatie',
          thousands(realised),
          'grip-kosten',
        ]);
      if (t.code === 'T2' && complete) {
        lineSink.add([
          m,
          ids.uuid('0b93'),
          themeId,
          t.taakveld,
          y,
          'baten',
          'realisatie',
          thousands((wmoMonths.get(y) ?? 0) * WMO_CONTRIBUTION_MONTHLY_CENTS * 0.6),
          'grip-kosten',
        ]);
      }
    }
  }
}
