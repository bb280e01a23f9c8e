import { EVALUATION_CHANGE } from '../cube/evaluation-change.ts';
import { cells, cubeQuery, readCube, type CubeQuery } from '../cube/cube-read.ts';
import { QUESTIONS } from '../cube/questions.ts';
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import { findDefinition, type Direction } from '../../steering/indicator-definitions.ts';
import { indicatorRows, targetFor, trackStatus } from '../../steering/indicators.ts';
import { areaCondition, firstDay, lastDay } from '../pyramid/period.ts';
import type {
  DashboardFilters,
  DashboardView,
  FigureDefinition,
  FigureRow,
  FigureTable,
  SummaryMaintainer,
  ViewContext,
} from '../view-model.ts';
import { effectsFactMaintainers } from './effects-facts.ts';

/**
 * Effects and quality: change in life-domain scores between intake and evaluation, client satisfaction,
 * where questions come from (vindplaats and channel), who refers to youth care, and the steering indicators
 * with their target status.
 */

export const EFFECTS_DEFINITIONS: FigureDefinition[] = [
  {
    code: 'effects-life-domain-change',
    version: 1,
    name: {
      nl: 'Verandering zelfredzaamheid per leefgebied',
      en: 'Change in self-sufficiency per life domain',
    },
    description: {
      nl: 'Per leefgebied: personen met een score bij een planevaluatie in de periode en een eerdere score bij een intake (de laatste op of vóór de evaluatie). Per persoon telt de laatste evaluatie in de periode; de gemiddelde verandering is evaluatiescore min intakescore (schaal 1–5, positief = beter).',
      en: 'Per life domain: persons with a score at a plan evaluation in the period and an earlier score at an intake (the latest on or before the evaluation). Per person the latest evaluation in the period counts; the mean change is evaluation score minus intake score (scale 1–5, positive = better).',
    },
    source: 'dash_mix_domain_score (life_domain_score, intake, help_question)',
  },
  {
    code: 'effects-satisfaction',
    version: 1,
    name: { nl: 'Cliënttevredenheid', en: 'Client satisfaction' },
    description: {
      nl: 'Gehouden planevaluaties in de periode per uitkomst, met het gemiddelde rapportcijfer (1–10) van de evaluaties waarbij het is gegeven.',
      en: 'Plan evaluations held in the period by outcome, with the mean mark (1–10) of the evaluations where one was given.',
    },
    source: 'dash_mix_evaluation (plan_evaluation, household_plan)',
  },
  {
    code: 'effects-question-sources',
    version: 1,
    name: { nl: 'Hulpvragen per vindplaats en kanaal', en: 'Help questions by vindplaats and channel' },
    description: {
      nl: 'Geregistreerde hulpvragen met ontvangstdatum in de periode, naar soort vindplaats en naar kanaal.',
      en: 'Registered help questions received in the period, by kind of vindplaats and by channel.',
    },
    source: 'dash_mix_question (help_question, vindplaats)',
  },
  {
    code: 'effects-youth-referrals',
    version: 1,
    name: { nl: 'Nieuwe toewijzingen jeugdhulp per verwijzer', en: 'New youth-care allocations by referrer' },
    description: {
      nl: 'Toewijzingen onder de Jeugdwet (niet ingetrokken) met ingangsdatum in de periode, naar verwijzer (Verwijzer/Type van het JW301-bericht).',
      en: 'Allocations under the Youth Act (not withdrawn) starting in the period, by referrer (Verwijzer/Type of the JW301 message).',
    },
    source: 'dash_mix_youth_referral (toewijzing.referrer_type_code)',
  },
  {
    code: 'effects-indicator-status',
    version: 1,
    name: { nl: 'Indicatoren en streefwaarden', en: 'Indicators and targets' },
    description: {
      nl: 'De sturingsindicatoren met hun laatste waarde in het jaar van het einde van de periode, de streefwaarde van dat jaar en of de indicator op koers is (1) of niet (0). Berekende indicatoren volgen hun eigen definitie; externe komen uit hun bron.',
      en: 'The steering indicators with their latest value in the year the period ends, that year’s target and whether the indicator is on track (1) or not (0). Computed indicators follow their own definition; external ones come from their source.',
    },
    source: 'indicator, indicator_target, indicator_realisation; steering/indicator-definitions.ts',
  },
];

const REFERRERS: Record<string, { nl: string; en: string }> = {
  '01': { nl: 'Gemeente', en: 'Municipality' },
  '02': { nl: 'Huisarts', en: 'General practitioner' },
  '03': { nl: 'Jeugdarts', en: 'Youth doctor' },
  '04': { nl: 'Gecertificeerde instelling', en: 'Certified institution' },
  '05': { nl: 'Medisch specialist', en: 'Medical specialist' },
  '06': { nl: 'Zelfverwijzer', en: 'Self-referral' },
  '08': { nl: 'Rechter', en: 'Court' },
};

const VINDPLAATSEN: Record<string, { nl: string; en: string }> = {
  zorgloket: { nl: 'Zorgloket', en: 'Care desk' },
  wijkteam: { nl: 'Wijkteam', en: 'District team' },
  huisartsenpraktijk: { nl: 'Huisartsenpraktijk', en: 'GP practice' },
  consultatiebureau: { nl: 'Consultatiebureau', en: 'Child health clinic' },
  school: { nl: 'School', en: 'School' },
  bibliotheek: { nl: 'Bibliotheek', en: 'Library' },
  werkplein: { nl: 'Werkplein', en: 'Work and income desk' },
  schuldhulploket: { nl: 'Schuldhulploket', en: 'Debt help desk' },
  online: { nl: 'Online', en: 'Online' },
  ziekenhuis: { nl: 'Ziekenhuis', en: 'Hospital' },
  politie: { nl: 'Politie', en: 'Police' },
  woningcorporatie: { nl: 'Woningcorporatie', en: 'Housing association' },
};

const CHANNELS: Record<string, { nl: string; en: string }> = {
  telefoon: { nl: 'Telefoon', en: 'Phone' },
  balie: { nl: 'Balie', en: 'Desk' },
  online: { nl: 'Online', en: 'Online' },
  email: { nl: 'E-mail', en: 'E-mail' },
  huisbezoek: { nl: 'Huisbezoek', en: 'Home visit' },
  spreekuur: { nl: 'Spreekuur', en: 'Walk-in hours' },
  brief: { nl: 'Brief', en: 'Letter' },
};

const OUTCOMES: Record<string, { nl: string; en: string }> = {
  'doelen-behaald': { nl: 'Doelen behaald', en: 'Goals achieved' },
  'doelen-deels-behaald': { nl: 'Doelen deels behaald', en: 'Goals partly achieved' },
  bijstellen: { nl: 'Plan bijstellen', en: 'Adjust the plan' },
  afsluiten: { nl: 'Plan afsluiten', en: 'Close the plan' },
};

function conditions(filters: DashboardFilters, alias: string, has: { law?: string; age?: boolean }) {
  const parts: RawBuilder<boolean>[] = [areaCondition(filters, alias)];
  if (filters.law && has.law) parts.push(sql`${sql.ref(`${alias}.${has.law}`)} = ${filters.law}`);
  if (filters.ageGroup && has.age) parts.push(sql`${sql.ref(`${alias}.age_group`)} = ${filters.ageGroup}`);
  return sql.join(parts, sql` AND `) as RawBuilder<boolean>;
}

const ignored = (filters: DashboardFilters, names: (keyof DashboardFilters)[]) => {
  const set = names.filter((n) => filters[n] !== undefined);
  return set.length === 0
    ? []
    : [
        {
          nl: `Filter niet van toepassing op deze tabel (genegeerd): ${set.join(', ')}.`,
          en: `Filter does not apply to this table (ignored): ${set.join(', ')}.`,
        },
      ];
};

interface DomainChangeRow {
  code: string;
  nl: string;
  en: string;
  n: number;
  change: number | null;
  base: number | null;
  now: number | null;
}

/** The same rows from the count cube: persons and sums of scores per life domain, the means computed here. */
async function domainChangeFromCube(
  tx: Tx,
  mc: string,
  cube: CubeQuery,
): Promise<{ rows: DomainChangeRow[] }> {
  return sql<DomainChangeRow>`
    WITH c AS (
      SELECT key, sum(persons) FILTER (WHERE breakdown = 'evaluated') AS n,
        sum(persons) FILTER (WHERE breakdown = 'scoreSum') AS score,
        sum(persons) FILTER (WHERE breakdown = 'baselineSum') AS base
      FROM dash_cube
      WHERE municipality_code = ${mc} AND measure = ${EVALUATION_CHANGE.code} AND period = ${cube.period}
        AND law_code = ${cube.law} AND age_group = ${cube.ageGroup}
      GROUP BY key)
    SELECT d.code, d.name_nl AS nl, d.name_en AS en, coalesce(c.n, 0)::int AS n,
      round((c.score - c.base)::numeric / c.n, 2)::float8 AS change, round(c.base::numeric / c.n, 2)::float8 AS base,
      round(c.score::numeric / c.n, 2)::float8 AS now
    FROM life_domain d LEFT JOIN c ON c.key = d.code ORDER BY d.position`.execute(tx);
}

async function domainChange(tx: Tx, mc: string, f: DashboardFilters): Promise<FigureTable> {
  const cube = await cubeQuery(tx, mc, f, ['wijk', 'buurt']);
  const { rows } = cube
    ? await domainChangeFromCube(tx, mc, cube)
    : await sql<DomainChangeRow>`
    WITH latest AS (
      SELECT DISTINCT ON (s.person_id, s.life_domain_code) s.life_domain_code, s.score, s.baseline_score
      FROM dash_mix_domain_score s
      WHERE s.municipality_code = ${mc} AND s.measurement = 'evaluatie' AND s.baseline_score IS NOT NULL
        AND s.assessed_on BETWEEN ${firstDay(f.from)}::date AND ${lastDay(f.to)}::date
        AND ${conditions(f, 's', { law: 'law_code', age: true })}
      ORDER BY s.person_id, s.life_domain_code, s.assessed_on DESC, s.id DESC)
    SELECT d.code, d.name_nl AS nl, d.name_en AS en, count(l.score)::int AS n,
      round(avg(l.score - l.baseline_score), 2)::float8 AS change,
      round(avg(l.baseline_score), 2)::float8 AS base, round(avg(l.score), 2)::float8 AS now
    FROM life_domain d LEFT JOIN latest l ON l.life_domain_code = d.code
    GROUP BY d.code, d.name_nl, d.name_en, d.position ORDER BY d.position`.execute(tx);
  return {
    code: 'effects-domain-change',
    title: { nl: 'Verandering per leefgebied', en: 'Change per life domain' },
    description: {
      nl: 'Gemiddelde score bij de intake en bij de laatste evaluatie in de periode, en de verandering, met het aantal personen erachter.',
      en: 'Mean score at intake and at the latest evaluation in the period, and the change, with the number of persons behind it.',
    },
    dimension: { code: 'lifeDomain', label: { nl: 'Leefgebied', en: 'Life domain' } },
    measures: [
      {
        code: 'persons',
        label: { nl: 'Personen', en: 'Persons' },
        kind: 'persons',
        definition: 'effects-life-domain-change',
      },
      {
        code: 'meanChange',
        label: { nl: 'Gemiddelde verandering', en: 'Mean change' },
        kind: 'score',
        definition: 'effects-life-domain-change',
        basisMeasure: 'persons',
      },
      {
        code: 'meanIntake',
        label: { nl: 'Gemiddeld bij intake', en: 'Mean at intake' },
        kind: 'score',
        definition: 'effects-life-domain-change',
        basisMeasure: 'persons',
      },
      {
        code: 'meanEvaluation',
        label: { nl: 'Gemiddeld bij evaluatie', en: 'Mean at evaluation' },
        kind: 'score',
        definition: 'effects-life-domain-change',
        basisMeasure: 'persons',
      },
    ],
    rows: rows.map((r) => ({
      key: r.code,
      label: { nl: r.nl, en: r.en },
      values: { persons: r.n, meanChange: r.change, meanIntake: r.base, meanEvaluation: r.now },
    })),
    overlapping: true,
    chart: 'bar',
    notes: ignored(f, ['service', 'provider']),
  };
}

async function satisfaction(tx: Tx, mc: string, f: DashboardFilters): Promise<FigureTable> {
  const { rows } = await sql<{ outcome: string | null; n: number; rated: number; mean: number | null }>`
    SELECT e.outcome, count(*)::int AS n, count(e.satisfaction)::int AS rated,
      round(avg(e.satisfaction), 1)::float8 AS mean
    FROM dash_mix_evaluation e
    WHERE e.municipality_code = ${mc} AND e.held_on BETWEEN ${firstDay(f.from)}::date AND ${lastDay(f.to)}::date
      AND ${areaCondition(f, 'e')}
    GROUP BY ROLLUP (e.outcome)`.execute(tx);
  const totalRow = rows.find((r) => r.outcome === null);
  const values = (r: (typeof rows)[number] | undefined) => ({
    evaluations: r?.n ?? 0,
    rated: r?.rated ?? 0,
    meanSatisfaction: r?.mean ?? null,
  });
  return {
    code: 'effects-satisfaction',
    title: { nl: 'Cliënttevredenheid bij planevaluaties', en: 'Client satisfaction at plan evaluations' },
    dimension: { code: 'outcome', label: { nl: 'Uitkomst', en: 'Outcome' } },
    measures: [
      {
        code: 'evaluations',
        label: { nl: 'Evaluaties (huishoudens)', en: 'Evaluations (households)' },
        kind: 'households',
        definition: 'effects-satisfaction',
      },
      {
        code: 'rated',
        label: { nl: 'Met rapportcijfer', en: 'With a mark' },
        kind: 'households',
        definition: 'effects-satisfaction',
      },
      {
        code: 'meanSatisfaction',
        label: { nl: 'Gemiddeld rapportcijfer', en: 'Mean mark' },
        kind: 'score',
        definition: 'effects-satisfaction',
        basisMeasure: 'rated',
      },
    ],
    rows: Object.keys(OUTCOMES).map((o) => ({
      key: o,
      label: OUTCOMES[o]!,
      values: values(rows.find((r) => r.outcome === o)),
    })),
    total: values(totalRow),
    chart: 'bar',
    notes: ignored(f, ['law', 'service', 'provider', 'ageGroup']),
  };
}

/** Questions per vindplaats and channel from the question summary, under every filter it takes. */
async function questionSourceRows(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
): Promise<{ grain: string; key: string; n: number }[]> {
  const { rows } = await sql<{ grain: string; key: string; n: number }>`
    WITH q AS (
      SELECT q.vindplaats_kind, q.channel FROM dash_mix_question q
      WHERE q.municipality_code = ${mc} AND q.received_on BETWEEN ${firstDay(f.from)}::date AND ${lastDay(f.to)}::date
        AND ${conditions(f, 'q', { law: 'main_law_code', age: true })})
    SELECT 'vindplaats' AS grain, vindplaats_kind AS key, count(*)::int AS n FROM q GROUP BY vindplaats_kind
    UNION ALL SELECT 'channel', channel, count(*)::int FROM q GROUP BY channel`.execute(tx);
  return rows;
}

/** Questions per vindplaats and channel from the count cube (service and provider do not apply here). */
async function questionSourcesFromCube(
  tx: Tx,
  mc: string,
  f: DashboardFilters,
): Promise<{ grain: string; key: string; n: number }[] | null> {
  const query = await cubeQuery(tx, mc, { ...f, service: undefined, provider: undefined }, ['wijk', 'buurt']);
  if (!query) return null;
  const counts = await readCube(tx, mc, query, [QUESTIONS.code]);
  return ['vindplaats', 'channel'].flatMap((grain) =>
    [...cells(counts, QUESTIONS.code, grain)].map(([key, n]) => ({ grain, key: key ?? '', n })),
  );
}

async function questionSources(tx: Tx, mc: string, f: DashboardFilters): Promise<FigureTable[]> {
  const rows = (await questionSourcesFromCube(tx, mc, f)) ?? (await questionSourceRows(tx, mc, f));
  const make = (
    grain: string,
    labels: Record<string, { nl: string; en: string }>,
    code: string,
    title: { nl: string; en: string },
  ): FigureTable => {
    const counts = new Map(rows.filter((r) => r.grain === grain).map((r) => [r.key, r.n]));
    const list: FigureRow[] = Object.keys(labels).map((k) => ({
      key: k,
      label: labels[k]!,
      values: { questions: counts.get(k) ?? 0 },
    }));
    return {
      code,
      title,
      dimension: {
        code: 'source',
        label:
          grain === 'vindplaats' ? { nl: 'Vindplaats', en: 'Where asked' } : { nl: 'Kanaal', en: 'Channel' },
      },
      measures: [
        {
          code: 'questions',
          label: { nl: 'Hulpvragen', en: 'Help questions' },
          kind: 'persons',
          definition: 'effects-question-sources',
        },
      ],
      rows: list,
      total: { questions: list.reduce((s, r) => s + (r.values.questions ?? 0), 0) },
      chart: 'bar',
      notes: [
        {
          nl: 'Hulpvragen gaan over inwoners: kleine aantallen worden afgeschermd als personen.',
          en: 'Help questions concern residents: small counts are protected like persons.',
        },
        ...ignored(f, ['service', 'provider']),
      ],
    };
  };
  return [
    make('vindplaats', VINDPLAATSEN, 'effects-sources', {
      nl: 'Waar hulpvragen binnenkomen',
      en: 'Where help questions come in',
    }),
    make('channel', CHANNELS, 'effects-channels', {
      nl: 'Hulpvragen per kanaal',
      en: 'Help questions by channel',
    }),
  ];
}

async function youthReferrals(tx: Tx, mc: string, f: DashboardFilters): Promise<FigureTable> {
  const parts: RawBuilder<boolean>[] = [conditions(f, 'y', { age: true })];
  if (f.service) parts.push(sql`y.service_id = ${f.service}::uuid`);
  if (f.provider) parts.push(sql`y.provider_id = ${f.provider}::uuid`);
  if (f.law && f.law !== 'jeugdwet') parts.push(sql`FALSE`);
  const { rows } = await sql<{ code: string; n: number }>`
    SELECT y.referrer_type_code AS code, count(*)::int AS n FROM dash_mix_youth_referral y
    WHERE y.municipality_code = ${mc} AND y.start_date BETWEEN ${firstDay(f.from)}::date AND ${lastDay(f.to)}::date
      AND ${sql.join(parts, sql` AND `)}
    GROUP BY y.referrer_type_code`.execute(tx);
  const counts = new Map(rows.map((r) => [r.code, r.n]));
  const list = Object.keys(REFERRERS).map((k) => ({
    key: k,
    label: REFERRERS[k]!,
    values: { allocations: counts.get(k) ?? 0 },
  }));
  return {
    code: 'effects-youth-referrals',
    title: { nl: 'Wie verwijst naar jeugdhulp', en: 'Who refers to youth care' },
    description: {
      nl: 'Nieuwe toewijzingen jeugdhulp in de periode naar verwijzer.',
      en: 'New youth-care allocations in the period by referrer.',
    },
    dimension: { code: 'source', label: { nl: 'Verwijzer', en: 'Referrer' } },
    measures: [
      {
        code: 'allocations',
        label: { nl: 'Nieuwe toewijzingen', en: 'New allocations' },
        kind: 'persons',
        definition: 'effects-youth-referrals',
      },
    ],
    rows: list,
    total: { allocations: list.reduce((s, r) => s + r.values.allocations, 0) },
    chart: 'bar',
  };
}

async function indicatorTiles(tx: Tx, mc: string, f: DashboardFilters): Promise<FigureTable[]> {
  const year = Number(f.to.slice(0, 4));
  // Only the year of the period: computed indicators are computed for that year alone (not their whole
  // history, as the steering screens do), external ones take their latest stored realisation in it.
  const indicators = await indicatorRows(tx, mc);
  const ids = indicators.map((i) => i.id);
  const targets =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('indicator_target')
          .select(['indicator_id', 'year', 'target_value'])
          .where('municipality_code', '=', mc)
          .where('indicator_id', 'in', ids)
          .execute();
  const stored =
    ids.length === 0
      ? []
      : await tx
          .selectFrom('indicator_realisation')
          .select(['indicator_id', 'period_end', 'value'])
          .where('municipality_code', '=', mc)
          .where('indicator_id', 'in', ids)
          .orderBy('period_end')
          .execute();
  const rows: FigureRow[] = [];
  for (const i of indicators) {
    const target = targetFor(
      targets
        .filter((t) => t.indicator_id === i.id)
        .map((t) => ({ year: t.year, value: Number(t.target_value) })),
      year,
    );
    const definition =
      i.source_kind === 'berekend' && i.definition_code !== null && i.definition_version !== null
        ? findDefinition(i.definition_code, i.definition_version)
        : undefined;
    let value: number | null = null;
    let basis: number | null = null;
    if (definition) {
      const computed = await definition.compute(tx, mc, year);
      value = computed.value;
      // A computed value rests on persons: its denominator (or, for a count, the count) is the basis.
      basis = computed.denominator ?? computed.numerator ?? computed.value;
    } else {
      const inYear = stored.filter(
        (r) => String(r.period_end).slice(0, 4) === String(year) && r.value !== null,
      );
      const latest = inYear[inYear.length - 1];
      value = latest ? Number(latest.value) : null;
    }
    const status = trackStatus(i.direction as Direction, target, value);
    rows.push({
      key: i.code,
      label: { nl: i.name, en: i.name },
      values: {
        value,
        target,
        onTrack: status === 'op-koers' ? 1 : status === 'niet-op-koers' ? 0 : null,
        basis: definition ? basis : null,
        published: i.source_kind === 'extern' ? 1 : 0,
      },
    });
  }
  const table = (published: boolean): FigureTable => ({
    code: published ? 'effects-indicators-published' : 'effects-indicators-computed',
    title: published
      ? { nl: `Indicatoren uit externe bronnen ${year}`, en: `Indicators from external sources ${year}` }
      : { nl: `Berekende indicatoren ${year}`, en: `Computed indicators ${year}` },
    description: {
      nl: 'Laatste waarde in het jaar, streefwaarde en status (1 = op koers, 0 = niet op koers).',
      en: 'Latest value in the year, target and status (1 = on track, 0 = off track).',
    },
    dimension: { code: 'indicator', label: { nl: 'Indicator', en: 'Indicator' } },
    measures: published
      ? [
          {
            code: 'value',
            label: { nl: 'Waarde', en: 'Value' },
            kind: 'count',
            definition: 'effects-indicator-status',
          },
          {
            code: 'target',
            label: { nl: 'Streefwaarde', en: 'Target' },
            kind: 'count',
            definition: 'effects-indicator-status',
          },
          {
            code: 'onTrack',
            label: { nl: 'Op koers', en: 'On track' },
            kind: 'count',
            definition: 'effects-indicator-status',
          },
        ]
      : [
          {
            code: 'basis',
            label: { nl: 'Personen achter de waarde', en: 'Persons behind the value' },
            kind: 'persons',
            definition: 'effects-indicator-status',
          },
          {
            code: 'value',
            label: { nl: 'Waarde', en: 'Value' },
            kind: 'score',
            definition: 'effects-indicator-status',
            basisMeasure: 'basis',
          },
          {
            code: 'target',
            label: { nl: 'Streefwaarde', en: 'Target' },
            kind: 'count',
            definition: 'effects-indicator-status',
          },
          {
            code: 'onTrack',
            label: { nl: 'Op koers', en: 'On track' },
            kind: 'score',
            definition: 'effects-indicator-status',
            basisMeasure: 'basis',
          },
        ],
    rows: rows
      .filter((r) => (r.values.published === 1) === published)
      .map((r): FigureRow => ({
        ...r,
        values: published
          ? {
              value: r.values.value ?? null,
              target: r.values.target ?? null,
              onTrack: r.values.onTrack ?? null,
            }
          : {
              basis: r.values.basis ?? null,
              value: r.values.value ?? null,
              target: r.values.target ?? null,
              onTrack: r.values.onTrack ?? null,
            },
      })),
    overlapping: true,
    chart: 'tiles',
    notes: [
      published
        ? {
            nl: 'Gepubliceerde cijfers uit hun eigen bron; niet afgeschermd. Elke indicator heeft zijn eigen eenheid. Filters gelden niet voor indicatoren.',
            en: 'Published figures from their own source; not suppressed. Each indicator has its own unit. Filters do not apply to indicators.',
          }
        : {
            nl: 'Door Grip berekend volgens de definitie van de indicator; waarde en status alleen bij genoeg personen erachter (de noemer, of bij een aantal het aantal zelf). Elke indicator heeft zijn eigen eenheid. Filters gelden niet voor indicatoren.',
            en: 'Computed by Grip by the indicator’s definition; value and status only with enough persons behind them (the denominator, or for a count the count itself). Each indicator has its own unit. Filters do not apply to indicators.',
          },
    ],
  });
  return [table(false), table(true)];
}

async function load(tx: Tx, context: ViewContext): Promise<{ tables: FigureTable[] }> {
  const { municipalityCode: mc, filters } = context;
  return {
    tables: [
      await domainChange(tx, mc, filters),
      await satisfaction(tx, mc, filters),
      ...(await questionSources(tx, mc, filters)),
      await youthReferrals(tx, mc, filters),
      ...(await indicatorTiles(tx, mc, filters)),
    ],
  };
}

export const effectsView: DashboardView = {
  code: 'effects',
  title: { nl: 'Effecten en kwaliteit', en: 'Effects and quality' },
  description: {
    nl: 'Verandering in zelfredzaamheid, tevredenheid, waar hulpvragen vandaan komen, verwijzers naar jeugdhulp en de indicatoren met hun streefwaarden.',
    en: 'Change in self-sufficiency, satisfaction, where help questions come from, referrers to youth care and the indicators with their targets.',
  },
  load,
};

export const effectsMaintainers: SummaryMaintainer[] = effectsFactMaintainers;
