import { FormProblems, readNumber, readYear, type FieldSpec, type Values } from './SteeringEditForm.tsx';
import type { FieldErrors } from '../hooks.ts';
import type { Messages } from '../i18n/nl.ts';
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_FREQUENCIES,
  INDICATOR_UNITS,
  type IndicatorDefinition,
  type IndicatorInput,
  type SteeringGoal,
  type SteeringIndicator,
  type SteeringTheme,
} from '../steering-api.ts';

/**
 * The fields of an indicator, shared by "new indicator" and "change indicator" on /sturing/bewerken: effect
 * or prestatie, unit, computed (pick a definition) or external (source text), frequency, baseline, direction,
 * goal and theme. Which fields show depends on the kind of source; the server checks every rule again.
 */

export interface IndicatorContext {
  t: Messages;
  lang: 'nl' | 'en';
  definitions: IndicatorDefinition[];
  goals: SteeringGoal[];
  themes: SteeringTheme[];
}

const definitionKey = (code: string, version: number) => `${code}@${version}`;

export function indicatorFieldSpecs(prefix: string, values: Values, ctx: IndicatorContext): FieldSpec[] {
  const e = ctx.t.steering.edit;
  const computed = values[`${prefix}-source-kind`] === 'berekend';
  const id = (name: string) => `${prefix}-${name}`;
  return [
    { id: id('code'), name: 'code', label: e.code },
    { id: id('name'), name: 'name', label: e.name },
    {
      id: id('kind'),
      name: 'kind',
      label: e.kind,
      kind: 'select',
      options: ['effect', 'prestatie'].map((k) => ({ value: k, label: e.kinds[k] ?? k })),
    },
    {
      id: id('source-kind'),
      name: 'sourceKind',
      label: e.sourceKind,
      kind: 'select',
      options: ['extern', 'berekend'].map((k) => ({ value: k, label: e.sourceKinds[k] ?? k })),
    },
    ...(computed
      ? [
          {
            id: id('definition'),
            name: 'definitionCode',
            label: e.definition,
            description: e.definitionHint,
            kind: 'select' as const,
            options: [
              { value: '', label: e.chooseDefinition },
              ...ctx.definitions.map((d) => ({
                value: definitionKey(d.code, d.version),
                label: e.definitionOption(ctx.lang === 'en' ? d.nameEn : d.name, d.version),
              })),
            ],
          },
        ]
      : [
          { id: id('source-name'), name: 'sourceName', label: e.sourceName, description: e.sourceNameHint },
          {
            id: id('unit'),
            name: 'unit',
            label: e.unitLabel,
            kind: 'select' as const,
            options: [
              { value: '', label: e.noUnitOption },
              ...INDICATOR_UNITS.map((u) => ({ value: u, label: e.units[u] })),
            ],
          },
        ]),
    {
      id: id('frequency'),
      name: 'frequency',
      label: e.frequency,
      kind: 'select',
      options: INDICATOR_FREQUENCIES.map((f) => ({ value: f, label: e.frequencies[f] ?? f })),
    },
    {
      id: id('direction'),
      name: 'direction',
      label: e.direction,
      kind: 'select',
      options: [
        ...(computed ? [{ value: '', label: e.unitFromDefinition }] : []),
        ...INDICATOR_DIRECTIONS.map((d) => ({ value: d, label: e.directions[d] ?? d })),
      ],
    },
    {
      id: id('baseline-year'),
      name: 'baseline.year',
      label: e.baselineYear,
      optional: true,
      inputMode: 'numeric',
    },
    {
      id: id('baseline-value'),
      name: 'baseline.value',
      label: e.baselineValue,
      optional: true,
      inputMode: 'decimal',
    },
    {
      id: id('goal'),
      name: 'societalGoalId',
      label: e.goal,
      kind: 'select',
      optional: true,
      options: [
        { value: '', label: e.noGoal },
        ...ctx.goals.map((g) => ({ value: g.id, label: `${g.code} ${g.name}` })),
      ],
    },
    {
      id: id('theme'),
      name: 'themeId',
      label: e.indicatorTheme,
      kind: 'select',
      optional: true,
      options: [
        { value: '', label: e.noTheme },
        ...ctx.themes.map((x) => ({ value: x.id, label: `${x.code} ${x.name}` })),
      ],
    },
    { id: id('note'), name: 'note', label: e.note, kind: 'textarea', optional: true },
  ];
}

/** The values of a new indicator: external, yearly, higher is better. */
export function newIndicatorValues(prefix: string): Values {
  return {
    [`${prefix}-kind`]: 'effect',
    [`${prefix}-source-kind`]: 'extern',
    [`${prefix}-frequency`]: 'jaar',
    [`${prefix}-direction`]: 'hoger-is-beter',
  };
}

/** The values of an existing indicator, for its edit form. */
export function indicatorValues(prefix: string, i: SteeringIndicator): Values {
  const baselineValue = i.baseline ? String(i.baseline.value).replace('.', ',') : '';
  return {
    [`${prefix}-code`]: i.code,
    [`${prefix}-name`]: i.name,
    [`${prefix}-kind`]: i.kind,
    [`${prefix}-source-kind`]: i.sourceKind,
    [`${prefix}-definition`]: i.definition ? definitionKey(i.definition.code, i.definition.version) : '',
    [`${prefix}-source-name`]: i.sourceName ?? '',
    [`${prefix}-unit`]: i.unit ?? '',
    [`${prefix}-frequency`]: i.frequency,
    [`${prefix}-direction`]: i.direction,
    [`${prefix}-baseline-year`]: i.baseline ? String(i.baseline.year) : '',
    [`${prefix}-baseline-value`]: baselineValue,
    [`${prefix}-goal`]: i.societalGoalId ?? '',
    [`${prefix}-theme`]: i.themeId ?? '',
    [`${prefix}-note`]: i.note,
  };
}

/**
 * The request body from the form. Numbers and years that cannot be read, an incomplete baseline and a
 * computed indicator without a definition are caught here (FormProblems); the rest the server checks.
 * A change sends every field, with null for what was cleared.
 */
export function indicatorInput(
  prefix: string,
  v: Values,
  t: Messages,
  mode: 'create' | 'update',
): IndicatorInput {
  const e = t.steering.edit;
  const id = (name: string) => `${prefix}-${name}`;
  const problems: FieldErrors = {};
  const computed = v[id('source-kind')] === 'berekend';
  const yearText = (v[id('baseline-year')] ?? '').trim();
  const valueText = v[id('baseline-value')] ?? '';
  const year = yearText ? readYear(yearText) : undefined;
  const value = readNumber(valueText);
  if (year === null) problems[id('baseline-year')] = e.yearInvalid;
  if (value === null) problems[id('baseline-value')] = e.numberInvalid;
  if (year !== null && value !== null && (year === undefined) !== (value === undefined))
    problems[year === undefined ? id('baseline-year') : id('baseline-value')] = e.baselineIncomplete;
  const [definitionCode, definitionVersion] = (v[id('definition')] ?? '').split('@');
  if (computed && !definitionCode) problems[id('definition')] = e.chooseDefinitionError;
  if (Object.keys(problems).length > 0) throw new FormProblems(problems);
  const cleared = mode === 'update' ? null : undefined;
  const unit = v[id('unit')] as IndicatorInput['unit'] | undefined;
  const direction = v[id('direction')] as IndicatorInput['direction'] | '' | undefined;
  return {
    code: v[id('code')] ?? '',
    name: v[id('name')] ?? '',
    kind: (v[id('kind')] ?? 'effect') as IndicatorInput['kind'],
    sourceKind: computed ? 'berekend' : 'extern',
    definitionCode: computed ? definitionCode : cleared,
    definitionVersion: computed ? Number(definitionVersion) : cleared,
    sourceName: computed ? cleared : (v[id('source-name')] ?? ''),
    // A computed indicator takes the unit of its definition.
    unit: computed ? undefined : unit ? unit : cleared,
    frequency: (v[id('frequency')] ?? 'jaar') as IndicatorInput['frequency'],
    direction: direction ? direction : undefined,
    societalGoalId: v[id('goal')] || cleared,
    themeId: v[id('theme')] || cleared,
    baseline: year !== undefined && value !== undefined ? { year: year!, value: value! } : cleared,
    note: v[id('note')] ?? (mode === 'update' ? '' : undefined),
  };
}

/** The indicator in readable words, for the conflict notice. */
export function indicatorShown(i: SteeringIndicator, t: Messages): { label: string; value: string }[] {
  const e = t.steering.edit;
  return [
    { label: e.code, value: i.code },
    { label: e.name, value: i.name },
    { label: e.kind, value: e.kinds[i.kind] ?? i.kind },
    { label: e.sourceKind, value: e.sourceKinds[i.sourceKind] ?? i.sourceKind },
    { label: e.definition, value: i.definition ? `${i.definition.name} (v${i.definition.version})` : '' },
    { label: e.sourceName, value: i.sourceName ?? '' },
    { label: e.unitLabel, value: i.unit ? e.units[i.unit] : '' },
    { label: e.frequency, value: e.frequencies[i.frequency] ?? i.frequency },
    { label: e.direction, value: e.directions[i.direction] ?? i.direction },
    { label: e.baselineYear, value: i.baseline ? String(i.baseline.year) : '' },
    { label: e.baselineValue, value: i.baseline ? String(i.baseline.value) : '' },
    { label: e.note, value: i.note },
  ];
}
