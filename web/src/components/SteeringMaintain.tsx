import { useState } from 'react';
import { Alert } from './Alert.tsx';
import { SelectField } from './FormField.tsx';
import { FormProblems, readNumber, readYear, type FieldSpec, type Values } from './SteeringEditForm.tsx';
import {
  indicatorFieldSpecs,
  indicatorInput,
  indicatorShown,
  indicatorValues,
} from './SteeringIndicatorFields.tsx';
import { SteeringItemEditor, type CurrentItem } from './SteeringItemEditor.tsx';
import { Heading, Paragraph } from './Typography.tsx';
import { formatDateInput, parseDateInput } from '../format.ts';
import type { FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Messages } from '../i18n/nl.ts';
import {
  steeringEditApi,
  steeringStructureApi,
  type IndicatorDefinition,
  type ProgrammeDetail,
  type SteeringGoal,
  type SteeringIndicator,
  type SteeringIntervention,
  type SteeringTheme,
} from '../steering-api.ts';

/**
 * "Change or delete existing items" on /sturing/bewerken: choose the programme itself, one of its goals,
 * themes, interventions or indicators, and change or delete it (SteeringItemEditor: If-Match, conflict
 * notice, confirmation). Every change reloads the programme so the other forms show the new state.
 */
export function SteeringMaintain({
  programme,
  indicators,
  definitions,
  onChanged,
  onProgrammeDeleted,
}: {
  programme: ProgrammeDetail;
  indicators: SteeringIndicator[];
  definitions: IndicatorDefinition[];
  onChanged: () => void;
  onProgrammeDeleted: () => void;
}) {
  const { t, lang } = useI18n();
  const e = t.steering.edit;
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const options = [
    { value: '', label: e.chooseItem },
    { value: `programme:${programme.id}`, label: e.itemProgramme(programme.code, programme.name) },
    ...programme.goals.map((g) => ({ value: `goal:${g.id}`, label: e.itemGoal(g.code, g.name) })),
    ...programme.themes.map((x) => ({ value: `theme:${x.id}`, label: e.itemTheme(x.code, x.name) })),
    ...programme.interventions.map((i) => ({
      value: `intervention:${i.id}`,
      label: e.itemIntervention(i.name),
    })),
    ...indicators.map((i) => ({ value: `indicator:${i.id}`, label: e.itemIndicator(i.code, i.name) })),
  ];
  const [kind, itemId] = chosen.split(':') as [string, string | undefined];

  const deleted = (text: string) => {
    setChosen('');
    setMessage(text);
    if (kind === 'programme') onProgrammeDeleted();
    else onChanged();
  };
  const saved = (version: number) => {
    setMessage(null);
    onChanged();
    return version;
  };
  /** The programme as it is now, for the conflict notice. */
  const fresh = async () => (await steeringStructureApi.programme(programme.id)).data;

  let editor = null;
  if (kind === 'programme') {
    const what = e.itemProgramme(programme.code, programme.name);
    editor = (
      <SteeringItemEditor
        key={chosen}
        id="edit-item"
        title={e.editHeading(what)}
        what={what}
        initial={programmeValues(programme)}
        version={programme.version}
        fields={() => programmeFields(t)}
        save={async (v, version) => {
          const first = readYear(v['p-first']);
          const last = readYear(v['p-last']);
          const problems: FieldErrors = {};
          if (first === null) problems['p-first'] = e.yearInvalid;
          if (last === null) problems['p-last'] = e.yearInvalid;
          if (first === null || last === null) throw new FormProblems(problems);
          const { data } = await steeringEditApi.updateProgramme(programme.id, version, {
            code: v['p-code'] ?? '',
            name: v['p-name'] ?? '',
            firstYear: first,
            lastYear: last,
            description: v['p-description'] ?? '',
          });
          return saved(data.version);
        }}
        remove={(version) => steeringEditApi.deleteProgramme(programme.id, version).then(() => undefined)}
        loadCurrent={async () => {
          const p = await fresh();
          return {
            values: programmeValues(p),
            version: p.version,
            shown: [
              { label: e.code, value: p.code },
              { label: e.name, value: p.name },
              { label: e.firstYear, value: String(p.firstYear) },
              { label: e.lastYear, value: String(p.lastYear) },
              { label: e.description, value: p.description },
            ],
          };
        }}
        onDeleted={deleted}
      />
    );
  }
  const goal = kind === 'goal' ? programme.goals.find((g) => g.id === itemId) : undefined;
  if (goal) {
    const what = e.itemGoal(goal.code, goal.name);
    editor = (
      <SteeringItemEditor
        key={chosen}
        id="edit-item"
        title={e.editHeading(what)}
        what={what}
        initial={goalValues(goal)}
        version={goal.version}
        fields={() => goalFields(t)}
        save={async (v, version) => {
          const { data } = await steeringEditApi.updateGoal(goal.id, version, {
            code: v['g-code'] ?? '',
            name: v['g-name'] ?? '',
            currentSituation: v['g-current'] ?? '',
            desiredSituation: v['g-desired'] ?? '',
          });
          return saved(data.version);
        }}
        remove={(version) => steeringEditApi.deleteGoal(goal.id, version).then(() => undefined)}
        loadCurrent={async () => {
          const g = (await fresh()).goals.find((x) => x.id === goal.id);
          return g
            ? {
                values: goalValues(g),
                version: g.version,
                shown: [
                  { label: e.code, value: g.code },
                  { label: e.name, value: g.name },
                  { label: t.steering.structure.ist, value: g.currentSituation },
                  { label: t.steering.structure.soll, value: g.desiredSituation },
                ],
              }
            : null;
        }}
        onDeleted={deleted}
      />
    );
  }
  const theme = kind === 'theme' ? programme.themes.find((x) => x.id === itemId) : undefined;
  if (theme) {
    const what = e.itemTheme(theme.code, theme.name);
    editor = (
      <SteeringItemEditor
        key={chosen}
        id="edit-item"
        title={e.editHeading(what)}
        what={what}
        initial={themeValues(theme)}
        version={theme.version}
        fields={() => themeFields(t, programme.goals)}
        save={async (v, version) => {
          const { data } = await steeringEditApi.updateTheme(theme.id, version, {
            code: v['t-code'] ?? '',
            name: v['t-name'] ?? '',
            societalGoalId: v['t-goal'] || null,
            taakveld: v['t-taakveld']?.trim() || null,
          });
          return saved(data.version);
        }}
        remove={(version) => steeringEditApi.deleteTheme(theme.id, version).then(() => undefined)}
        loadCurrent={async () => {
          const p = await fresh();
          const x = p.themes.find((y) => y.id === theme.id);
          const goalOf = p.goals.find((g) => g.id === x?.societalGoalId);
          return x
            ? {
                values: themeValues(x),
                version: x.version,
                shown: [
                  { label: e.code, value: x.code },
                  { label: e.name, value: x.name },
                  { label: e.goal, value: goalOf ? `${goalOf.code} ${goalOf.name}` : e.noGoal },
                  { label: e.taakveld, value: x.taakveld ?? '' },
                ],
              }
            : null;
        }}
        onDeleted={deleted}
      />
    );
  }
  const intervention =
    kind === 'intervention' ? programme.interventions.find((i) => i.id === itemId) : undefined;
  if (intervention) {
    const what = e.itemIntervention(intervention.name);
    editor = (
      <SteeringItemEditor
        key={chosen}
        id="edit-item"
        title={e.editHeading(what)}
        what={what}
        initial={interventionValues(intervention)}
        version={intervention.version}
        fields={() => interventionFields(t, programme.themes, intervention)}
        save={async (v, version) => {
          const problems: FieldErrors = {};
          const startsOn = v['i-starts']?.trim() ? parseDateInput(v['i-starts']) : undefined;
          const endsOn = v['i-ends']?.trim() ? parseDateInput(v['i-ends']) : undefined;
          const budget = readNumber(v['i-budget'] ?? '');
          if (startsOn === null) problems['i-starts'] = t.common.dateInvalid;
          if (endsOn === null) problems['i-ends'] = t.common.dateInvalid;
          if (budget === null) problems['i-budget'] = e.numberInvalid;
          if (Object.keys(problems).length > 0) throw new FormProblems(problems);
          const status = intervention.status;
          const { data } = await steeringEditApi.changeIntervention(intervention.id, version, {
            themeId: v['i-theme'] ?? '',
            name: v['i-name'] ?? '',
            owner: v['i-owner'] ?? '',
            startsOn: startsOn ?? null,
            endsOn: endsOn ?? null,
            budgetCents: budget === undefined ? null : Math.round(budget! * 100),
            expectedResult: v['i-expected'] ?? '',
            evaluation: v['i-evaluation'] || null,
            ...(status === 'afgerond' ? { achievedResult: v['i-achieved'] ?? '' } : {}),
            ...(status === 'gestopt' || status === 'niet-gestart'
              ? { statusReason: v['i-reason'] ?? '' }
              : {}),
          });
          return saved(data.version);
        }}
        remove={(version) =>
          steeringEditApi.deleteIntervention(intervention.id, version).then(() => undefined)
        }
        loadCurrent={async () => {
          const p = await fresh();
          const x = p.interventions.find((y) => y.id === intervention.id);
          const themeOf = p.themes.find((y) => y.id === x?.themeId);
          return x
            ? {
                values: interventionValues(x),
                version: x.version,
                shown: [
                  { label: e.theme, value: themeOf ? `${themeOf.code} ${themeOf.name}` : '' },
                  { label: e.name, value: x.name },
                  { label: e.owner, value: x.owner },
                  { label: e.status, value: t.steering.progress.interventionStatuses[x.status] ?? x.status },
                  { label: e.startsOn, value: x.startsOn ? formatDateInput(x.startsOn) : '' },
                  { label: e.endsOn, value: x.endsOn ? formatDateInput(x.endsOn) : '' },
                  { label: e.budgetEuro, value: euros(x.budgetCents) },
                  { label: e.expectedResult, value: x.expectedResult },
                  { label: e.evaluation, value: x.evaluation ?? '' },
                ],
              }
            : null;
        }}
        onDeleted={deleted}
      />
    );
  }
  const indicator = kind === 'indicator' ? indicators.find((i) => i.id === itemId) : undefined;
  if (indicator) {
    const what = e.itemIndicator(indicator.code, indicator.name);
    const ctx = { t, lang, definitions, goals: programme.goals, themes: programme.themes };
    editor = (
      <SteeringItemEditor
        key={chosen}
        id="edit-item"
        title={e.editHeading(what)}
        what={what}
        initial={indicatorValues('ei', indicator)}
        version={indicator.version}
        fields={(v) => indicatorFieldSpecs('ei', v, ctx)}
        save={async (v, version) => {
          const { data } = await steeringEditApi.updateIndicator(
            indicator.id,
            version,
            indicatorInput('ei', v, t, 'update'),
          );
          return saved(data.version);
        }}
        remove={(version) => steeringEditApi.deleteIndicator(indicator.id, version).then(() => undefined)}
        loadCurrent={async (): Promise<CurrentItem | null> => {
          const { data } = await steeringStructureApi.indicator(indicator.id);
          return {
            values: indicatorValues('ei', data),
            version: data.version,
            shown: indicatorShown(data, t),
          };
        }}
        onDeleted={deleted}
      />
    );
  }

  return (
    <section aria-labelledby="maintain-heading" className="grip-section">
      <Heading level={2} id="maintain-heading">
        {e.maintainHeading}
      </Heading>
      <Paragraph>{e.maintainIntro}</Paragraph>
      <SelectField
        id="maintain-item"
        label={e.item}
        value={chosen}
        onChange={(ev) => {
          setChosen(ev.target.value);
          setMessage(null);
        }}
        options={options}
      />
      <div role="status" className="grip-live-region">
        {message ? (
          <Alert type="ok">
            <Paragraph>{message}</Paragraph>
          </Alert>
        ) : null}
      </div>
      {editor}
    </section>
  );
}

function euros(cents: number | null): string {
  return cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',');
}

function programmeValues(p: ProgrammeDetail): Values {
  return {
    'p-code': p.code,
    'p-name': p.name,
    'p-first': String(p.firstYear),
    'p-last': String(p.lastYear),
    'p-description': p.description,
  };
}

function programmeFields(t: Messages): FieldSpec[] {
  const e = t.steering.edit;
  return [
    { id: 'p-code', name: 'code', label: e.code },
    { id: 'p-name', name: 'name', label: e.name },
    { id: 'p-first', name: 'firstYear', label: e.firstYear, inputMode: 'numeric' },
    { id: 'p-last', name: 'lastYear', label: e.lastYear, inputMode: 'numeric' },
    { id: 'p-description', name: 'description', label: e.description, kind: 'textarea', optional: true },
  ];
}

function goalValues(g: SteeringGoal): Values {
  return {
    'g-code': g.code,
    'g-name': g.name,
    'g-current': g.currentSituation,
    'g-desired': g.desiredSituation,
  };
}

function goalFields(t: Messages): FieldSpec[] {
  const e = t.steering.edit;
  return [
    { id: 'g-code', name: 'code', label: e.code },
    { id: 'g-name', name: 'name', label: e.name },
    {
      id: 'g-current',
      name: 'currentSituation',
      label: t.steering.structure.ist,
      kind: 'textarea',
      optional: true,
    },
    {
      id: 'g-desired',
      name: 'desiredSituation',
      label: t.steering.structure.soll,
      kind: 'textarea',
      optional: true,
    },
  ];
}

function themeValues(x: SteeringTheme): Values {
  return {
    't-code': x.code,
    't-name': x.name,
    't-goal': x.societalGoalId ?? '',
    't-taakveld': x.taakveld ?? '',
  };
}

function themeFields(t: Messages, goals: SteeringGoal[]): FieldSpec[] {
  const e = t.steering.edit;
  return [
    { id: 't-code', name: 'code', label: e.code },
    { id: 't-name', name: 'name', label: e.name },
    {
      id: 't-goal',
      name: 'societalGoalId',
      label: e.goal,
      kind: 'select',
      optional: true,
      options: [
        { value: '', label: e.noGoal },
        ...goals.map((g) => ({ value: g.id, label: `${g.code} ${g.name}` })),
      ],
    },
    { id: 't-taakveld', name: 'taakveld', label: e.taakveld, description: e.taakveldHint, optional: true },
  ];
}

function interventionValues(i: SteeringIntervention): Values {
  return {
    'i-theme': i.themeId,
    'i-name': i.name,
    'i-owner': i.owner,
    'i-starts': i.startsOn ? formatDateInput(i.startsOn) : '',
    'i-ends': i.endsOn ? formatDateInput(i.endsOn) : '',
    'i-budget': euros(i.budgetCents),
    'i-expected': i.expectedResult,
    'i-evaluation': i.evaluation ?? '',
    'i-achieved': i.achievedResult ?? '',
    'i-reason': i.statusReason ?? '',
  };
}

/** The fields of an intervention; the status itself changes in its own form, its result or reason here. */
function interventionFields(t: Messages, themes: SteeringTheme[], i: SteeringIntervention): FieldSpec[] {
  const e = t.steering.edit;
  return [
    {
      id: 'i-theme',
      name: 'themeId',
      label: e.theme,
      kind: 'select',
      options: themes.map((x) => ({ value: x.id, label: `${x.code} ${x.name}` })),
    },
    { id: 'i-name', name: 'name', label: e.name },
    { id: 'i-owner', name: 'owner', label: e.owner, description: e.ownerHint },
    { id: 'i-starts', name: 'startsOn', label: e.startsOn, kind: 'date', optional: true },
    { id: 'i-ends', name: 'endsOn', label: e.endsOn, kind: 'date', optional: true },
    { id: 'i-budget', name: 'budgetCents', label: e.budgetEuro, optional: true, inputMode: 'decimal' },
    { id: 'i-expected', name: 'expectedResult', label: e.expectedResult, kind: 'textarea', optional: true },
    ...(i.status === 'afgerond'
      ? [{ id: 'i-achieved', name: 'achievedResult', label: e.achievedResult, kind: 'textarea' as const }]
      : []),
    ...(i.status === 'gestopt' || i.status === 'niet-gestart'
      ? [{ id: 'i-reason', name: 'statusReason', label: e.statusReason, kind: 'textarea' as const }]
      : []),
    { id: 'i-evaluation', name: 'evaluation', label: e.evaluation, kind: 'textarea', optional: true },
  ];
}
